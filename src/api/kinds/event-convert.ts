// events.k8s.io/v1 Event ↔ core/v1 Event (pkg/apis/events/v1/conversion.go): regarding is
// involvedObject, note is message, reportingController is reportingComponent, deprecatedSource /
// deprecatedFirstTimestamp / deprecatedLastTimestamp / deprecatedCount are source /
// firstTimestamp / lastTimestamp / count.

import type { KubeObject } from '../types.ts';
import type { Obj } from './access.ts';

// [events.k8s.io field, core field]
const RENAMED: [string, string][] = [
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['reportingController', 'reportingComponent'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
];
const SAME = ['eventTime', 'series', 'reportingInstance', 'action', 'reason', 'related', 'type'];

function copy(from: Obj, to: Obj, pairs: [string, string][]): void {
  for (const [a, b] of pairs) if (from[a] !== undefined) to[b] = structuredClone(from[a]);
}

export function eventsV1ToCore(e: KubeObject): KubeObject {
  const out: KubeObject = { apiVersion: 'v1', kind: 'Event', metadata: structuredClone(e.metadata) };
  copy(e, out, RENAMED);
  copy(e, out, SAME.map((k) => [k, k]));
  return out;
}

export function coreToEventsV1(e: KubeObject): KubeObject {
  const out: KubeObject = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: structuredClone(e.metadata) };
  copy(e, out, RENAMED.map(([a, b]) => [b, a]));
  copy(e, out, SAME.map((k) => [k, k]));
  return out;
}
