// core/v1 Event and the Event Table shared with events.k8s.io (printEvent).

import type { PrinterColumn, ResourceType } from '../../registry.ts';
import type { KubeObject } from '../../types.ts';
import { get, num, obj, str } from '../access.ts';
import { col, nameColumn, translateTimestampSince } from '../printers.ts';
import { validation } from '../wiring.ts';

export const eventColumns: PrinterColumn[] = [
  col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
  col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
  col('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
  col('Object', 'string', 'The object that this event is about.'),
  col('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].', 1),
  col('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
  col('Message', 'string', 'A human-readable description of the status of this operation.'),
  col('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
  col('Count', 'string', 'The number of times this event has occurred.', 1),
  nameColumn(1),
];

/** "component, host", falling back to reportingComponent / reportingInstance. */
function eventSource(e: KubeObject): string {
  const source = obj(e.source);
  const component = str(source.component) || str(e.reportingComponent);
  const instance = str(source.host) || str(e.reportingInstance);
  return instance ? `${component}, ${instance}` : component;
}

/** The row of a core/v1 Event. */
export function eventRow(e: KubeObject, now: number): unknown[] {
  const firstTimestamp = str(e.firstTimestamp)
    ? translateTimestampSince(e.firstTimestamp, now)
    : translateTimestampSince(e.eventTime, now);
  let lastTimestamp = str(e.lastTimestamp) ? translateTimestampSince(e.lastTimestamp, now) : firstTimestamp;
  let count = num(e.count) ?? 0;
  const series = obj(e.series);
  if (e.series !== undefined && e.series !== null) {
    lastTimestamp = translateTimestampSince(series.lastObservedTime, now);
    count = num(series.count) ?? 0;
  } else if (count === 0) {
    count = 1; // singleton events of the new API carry no count
  }
  const involved = obj(e.involvedObject);
  const kind = str(involved.kind).toLowerCase();
  const target = str(involved.name) ? `${kind}/${str(involved.name)}` : kind;
  return [
    lastTimestamp, str(e.type), str(e.reason), target, str(involved.fieldPath), eventSource(e),
    str(e.message).trim(), firstTimestamp, count, e.metadata.name ?? '',
  ];
}

export const events: ResourceType = {
  group: '', version: 'v1', kind: 'Event', resource: 'events', singular: 'event', namespaced: true,
  shortNames: ['ev'],
  columns: eventColumns,
  row: eventRow,
  fieldSelectors: {
    'involvedObject.kind': (o) => str(get(o, 'involvedObject.kind')),
    'involvedObject.namespace': (o) => str(get(o, 'involvedObject.namespace')),
    'involvedObject.name': (o) => str(get(o, 'involvedObject.name')),
    'involvedObject.uid': (o) => str(get(o, 'involvedObject.uid')),
    'involvedObject.apiVersion': (o) => str(get(o, 'involvedObject.apiVersion')),
    'involvedObject.resourceVersion': (o) => str(get(o, 'involvedObject.resourceVersion')),
    'involvedObject.fieldPath': (o) => str(get(o, 'involvedObject.fieldPath')),
    reason: (o) => str(o.reason),
    reportingComponent: (o) => str(o.reportingComponent),
    source: (o) => str(get(o, 'source.component')) || str(o.reportingComponent),
    type: (o) => str(o.type),
  },
  ...validation('/Event'),
  allowCreateOnUpdate: true,
  tracksGeneration: false,
};
