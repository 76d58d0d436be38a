import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../types.ts';
import { events as coreEvents } from './core/events.ts';
import { coreToEventsV1, eventsV1ToCore } from './event-convert.ts';
import { eventsV1 } from './events.ts';

const core: KubeObject = {
  apiVersion: 'v1', kind: 'Event',
  metadata: { name: 'web.17a', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u1', apiVersion: 'v1', fieldPath: 'spec.containers{nginx}' },
  reason: 'Pulled', message: 'Successfully pulled image "nginx"', type: 'Normal',
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: '2024-01-01T00:00:00Z', lastTimestamp: '2024-01-01T00:02:00Z', count: 3,
  reportingComponent: 'kubelet', reportingInstance: 'node-1', action: 'Pulling',
};

test('core → events.k8s.io maps involvedObject, message, source, timestamps and count', () => {
  const e = coreToEventsV1(core);
  assert.equal(e.apiVersion, 'events.k8s.io/v1');
  assert.deepEqual(e.regarding, core.involvedObject);
  assert.equal(e.note, core.message);
  assert.equal(e.reportingController, 'kubelet');
  assert.equal(e.reportingInstance, 'node-1');
  assert.deepEqual(e.deprecatedSource, core.source);
  assert.equal(e.deprecatedFirstTimestamp, core.firstTimestamp);
  assert.equal(e.deprecatedLastTimestamp, core.lastTimestamp);
  assert.equal(e.deprecatedCount, 3);
  assert.equal(e.involvedObject, undefined);
  assert.equal(e.message, undefined);
});

test('core ↔ events.k8s.io round-trips both ways', () => {
  assert.deepEqual(eventsV1ToCore(coreToEventsV1(core)), core);
  const v1: KubeObject = {
    apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'x', namespace: 'default' },
    eventTime: '2024-01-01T00:00:00.000000Z', series: { count: 2, lastObservedTime: '2024-01-01T00:01:00.000000Z' },
    reportingController: 'coxswain.io/scheduler', reportingInstance: 'sched-1', action: 'Scheduling', reason: 'FailedScheduling',
    regarding: { kind: 'Pod', name: 'p' }, note: '0/1 nodes are available', type: 'Warning',
  };
  assert.deepEqual(coreToEventsV1(eventsV1ToCore(v1)), v1);
});

test('event rows: LAST SEEN TYPE REASON OBJECT, wide SUBOBJECT SOURCE, MESSAGE, FIRST SEEN COUNT NAME', () => {
  const now = Date.parse('2024-01-01T00:05:00Z');
  assert.deepEqual(coreEvents.row(core, now), [
    '3m', 'Normal', 'Pulled', 'pod/web', 'spec.containers{nginx}', 'kubelet, node-1', 'Successfully pulled image "nginx"', '5m', 3, 'web.17a',
  ]);
  assert.deepEqual(eventsV1.row(coreToEventsV1(core), now), coreEvents.row(core, now));
  const single: KubeObject = { metadata: { name: 's' }, eventTime: '2024-01-01T00:04:00.000000Z', involvedObject: { kind: 'Node' }, reportingComponent: 'c' };
  const row = coreEvents.row(single, now);
  assert.deepEqual([row[0], row[3], row[5], row[7], row[8]], ['60s', 'node', 'c', '60s', 1]);
});

test('event field selectors include involvedObject fields and source', () => {
  const fs = coreEvents.fieldSelectors ?? {};
  assert.equal(fs['involvedObject.name']?.(core), 'web');
  assert.equal(fs['involvedObject.fieldPath']?.(core), 'spec.containers{nginx}');
  assert.equal(fs.source?.(core), 'kubelet');
  assert.equal(fs.source?.({ metadata: {}, reportingComponent: 'ctrl' }), 'ctrl');
});
