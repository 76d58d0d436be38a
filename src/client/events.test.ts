import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigMap, Event } from 'kubernetes-types/core/v1.js';
import { FakeClock } from './clock.ts';
import { EventRecorder } from './events.ts';
import { startTestCluster } from './testing/server.ts';

const eventsRef = { version: 'v1', resource: 'events', namespace: 'default' };

test('three identical events become one Event with count 3', async (t) => {
  const { client } = await startTestCluster(t);
  const cm = await client.create<ConfigMap>({ version: 'v1', resource: 'configmaps', namespace: 'default' },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'subject' } });
  const errors: unknown[] = [];
  const rec = new EventRecorder({ client, component: 'test-controller', host: 'h1', onError: (e) => errors.push(e) });
  rec.event(cm, 'Warning', 'FailedSync', 'it broke');
  await rec.flush();
  rec.event(cm, 'Warning', 'FailedSync', 'it broke');
  rec.eventf(cm, 'Warning', 'FailedSync', 'it %s', 'broke');
  rec.event(cm, 'Normal', 'Synced', 'all good');
  await rec.flush();
  assert.deepEqual(errors, []);

  const list = await client.list<Event>(eventsRef);
  const failed = list.items.filter((e) => e.reason === 'FailedSync');
  assert.equal(failed.length, 1);
  const ev = failed[0] as Event;
  assert.equal(ev.count, 3);
  assert.equal(ev.type, 'Warning');
  assert.equal(ev.message, 'it broke');
  assert.deepEqual(ev.source, { component: 'test-controller', host: 'h1' });
  assert.equal(ev.reportingComponent, 'test-controller');
  assert.equal(ev.involvedObject.kind, 'ConfigMap');
  assert.equal(ev.involvedObject.name, 'subject');
  assert.equal(ev.involvedObject.uid, cm.metadata?.uid);
  assert.match(ev.metadata?.name ?? '', /^subject\.[0-9a-f]+$/);
  assert.ok(ev.firstTimestamp && ev.lastTimestamp && ev.lastTimestamp >= ev.firstTimestamp);
  assert.equal(list.items.filter((e) => e.reason === 'Synced').length, 1);
});

test('events about cluster-scoped objects go to the default namespace; the spam filter caps an object', async (t) => {
  const { client } = await startTestCluster(t);
  const clock = new FakeClock(Date.now());
  const rec = new EventRecorder({ client, component: 'spammy', host: 'h', clock, spamBurst: 3 });
  const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'u1' } };
  for (let i = 0; i < 5; i++) rec.event(node, 'Normal', `Reason${i}`, 'm');
  await rec.flush();
  const list = await client.list<Event>(eventsRef);
  const mine = list.items.filter((e) => e.source?.component === 'spammy');
  assert.equal(mine.length, 3, 'only the burst gets through');
  assert.ok(mine.every((e) => e.involvedObject.name === 'n1'));
  // Objects without kind cannot be referred to.
  const errs: unknown[] = [];
  const strict = new EventRecorder({ client, component: 'x', onError: (e) => errs.push(e) });
  strict.event({ metadata: { name: 'anon' } }, 'Normal', 'R', 'm');
  assert.equal(errs.length, 1);
});

test('ten different messages with the same reason are combined', async (t) => {
  const { client } = await startTestCluster(t);
  const rec = new EventRecorder({ client, component: 'agg', host: 'h' });
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u' } };
  for (let i = 0; i < 12; i++) rec.event(pod, 'Warning', 'BackOff', `attempt ${i}`);
  await rec.flush();
  const list = await client.list<Event>(eventsRef);
  const mine = list.items.filter((e) => e.source?.component === 'agg');
  assert.equal(mine.length, 10, '9 distinct events, then one combined event');
  const combined = mine.find((e) => e.message?.startsWith('(combined from similar events): '));
  assert.equal(combined?.count, 3);
  assert.equal(combined?.message, '(combined from similar events): attempt 11');
});

test('events are written by a bounded number of writers and dropped beyond the queue limit', async (t) => {
  const { client } = await startTestCluster(t);
  const errs: unknown[] = [];
  const rec = new EventRecorder({ client, component: 'queued', host: 'h', maxInFlightWrites: 2, maxQueuedEvents: 5, onError: (e) => errs.push(e) });
  for (let i = 0; i < 10; i++) rec.event({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'default', uid: `u${i}` } }, 'Normal', 'Scheduled', 'ok');
  // Two are being written, five wait, three had no room.
  assert.equal(rec.queued, 5);
  assert.equal(rec.dropped, 3);
  assert.equal(errs.length, 1, 'one complaint per full spell, not one per dropped event');
  await rec.flush();
  assert.equal(rec.queued, 0);
  const list = await client.list<Event>(eventsRef);
  assert.deepEqual(list.items.filter((e) => e.source?.component === 'queued').map((e) => e.involvedObject.name).sort(), ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
});
