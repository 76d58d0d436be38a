// Wire-format table (field numbers, wire types, JSON names) of k8s.io events.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const eventsV1: MessageTable = {
  'events.v1.Event': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 0], [2, 'eventTime', 'meta.v1.MicroTime', 0],
    [3, 'series', 'events.v1.EventSeries', 3], [4, 'reportingController', 'string', 2],
    [5, 'reportingInstance', 'string', 2], [6, 'action', 'string', 2], [7, 'reason', 'string', 2],
    [8, 'regarding', 'core.v1.ObjectReference', 2], [9, 'related', 'core.v1.ObjectReference', 3],
    [10, 'note', 'string', 2], [11, 'type', 'string', 2], [12, 'deprecatedSource', 'core.v1.EventSource', 2],
    [13, 'deprecatedFirstTimestamp', 'meta.v1.Time', 2], [14, 'deprecatedLastTimestamp', 'meta.v1.Time', 2],
    [15, 'deprecatedCount', 'int32', 2],
  ],
  'events.v1.EventList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'events.v1.Event', 16],
  ],
  'events.v1.EventSeries': [
    [1, 'count', 'int32', 0], [2, 'lastObservedTime', 'meta.v1.MicroTime', 0],
  ],
};
