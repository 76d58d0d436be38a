import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import { startTestCluster } from '../../client/testing/server.ts';
import { runStandalone } from '../common/standalone.ts';
import { waitFor } from '../testing/cluster.ts';
import { CronJobController, ScheduledTimestampAnnotation, jobNameFor } from './controller.ts';
import { mostRecent, next, parseSchedule } from './schedule.ts';

const at = (s: string): number => Date.parse(s);
const iso = (n: number | undefined): string => (n === undefined ? 'none' : new Date(n).toISOString());

test('cron schedules: steps, ranges, names, descriptors, either-day matching and time zones', () => {
  const from = at('2024-03-09T10:07:30Z'); // a Saturday
  assert.equal(iso(next(parseSchedule('*/15 * * * *'), from)), '2024-03-09T10:15:00.000Z');
  assert.equal(iso(next(parseSchedule('0 9 * * MON-FRI'), from)), '2024-03-11T09:00:00.000Z');
  assert.equal(iso(next(parseSchedule('5,10 8-9/1 * jan-mar *'), from)), '2024-03-10T08:05:00.000Z');
  assert.equal(iso(next(parseSchedule('@monthly'), from)), '2024-04-01T00:00:00.000Z');
  assert.equal(iso(next(parseSchedule('@hourly'), from)), '2024-03-09T11:00:00.000Z');
  // Both day fields restricted: the 13th (a Wednesday) or any Friday.
  assert.equal(iso(next(parseSchedule('0 0 13 * 5'), from)), '2024-03-13T00:00:00.000Z');
  assert.equal(iso(next(parseSchedule('30 8 * * *'), from, 'Asia/Tokyo')), '2024-03-09T23:30:00.000Z');
  assert.equal(iso(next(parseSchedule('CRON_TZ=Asia/Tokyo 30 8 * * *'), from)), '2024-03-09T23:30:00.000Z');
  assert.equal(iso(next(parseSchedule('0 12 * * 7'), from)), '2024-03-10T12:00:00.000Z');
  for (const bad of ['* * * *', '61 * * * *', '@every', '*/0 * * * *', 'TZ=Nowhere/City * * * * *']) assert.throws(() => parseSchedule(bad), bad);
});

test('missed activations are counted and the most recent one wins', () => {
  const s = parseSchedule('* * * * *');
  const r = mostRecent(s, at('2024-01-01T00:00:00Z'), at('2024-01-01T03:00:30Z'));
  assert.ok(r.missed > 100);
  assert.equal(iso(r.time), '2024-01-01T03:00:00.000Z');
  assert.equal(iso(r.next), '2024-01-01T03:01:00.000Z');
  const few = mostRecent(s, at('2024-01-01T00:00:00Z'), at('2024-01-01T00:02:10Z'));
  assert.equal(few.missed, 2);
});

test('a CronJob starts its due Job, forbids overlap, and records success (fake clock)', async (t) => {
  const c = await startTestCluster(t);
  let clock = Date.now();
  const ctl = await runStandalone(c.config, (ctx) => new CronJobController(ctx, () => clock));
  c.defer(() => ctl.stop());
  const cjs = clientFor(c.client).resource<CronJob>(resources.cronjobs).namespace('default');
  const jobs = clientFor(c.client).resource<Job>(resources.jobs).namespace('default');
  const cj = await cjs.create({
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick' },
    spec: {
      schedule: '*/1 * * * *', concurrencyPolicy: 'Forbid',
      jobTemplate: { metadata: { labels: { team: 'a' } }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] } } } },
    },
  });
  const created = Date.parse(cj.metadata?.creationTimestamp ?? '');
  clock = created + 61_000;
  await cjs.patch('tick', 'merge', { metadata: { labels: { poke: '1' } } });
  const first = await waitFor('the first Job', async () => (await jobs.list()).items[0]);
  const due = Math.floor(clock / 60_000) * 60_000;
  assert.equal(first.metadata?.name, jobNameFor(cj, due));
  assert.equal(first.metadata?.labels?.team, 'a');
  assert.equal(first.metadata?.annotations?.[ScheduledTimestampAnnotation], new Date(due).toISOString().replace('.000Z', 'Z'));
  assert.equal(first.metadata?.ownerReferences?.[0]?.kind, 'CronJob');
  const withActive = await waitFor('status.active', async () => {
    const cur = await cjs.get('tick');
    return cur.status?.active?.length === 1 ? cur : undefined;
  });
  assert.equal(Date.parse(withActive.status?.lastScheduleTime ?? ''), due);

  // A minute later the first Job still runs: Forbid skips.
  clock += 60_000;
  await cjs.patch('tick', 'merge', { metadata: { labels: { poke: '2' } } });
  await waitFor('JobAlreadyActive', async () => {
    const ev = await clientFor(c.client).resource(resources.events).namespace('default').list();
    return ev.items.some((e) => (e as { reason?: string }).reason === 'JobAlreadyActive');
  });
  assert.equal((await jobs.list()).items.length, 1);

  // The Job completes: it leaves status.active, lastSuccessfulTime is set, and the skipped run starts.
  const fin = new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  await jobs.updateStatus({ ...first, status: { startTime: fin, completionTime: fin, succeeded: 1, conditions: [
    { type: 'SuccessCriteriaMet', status: 'True', lastTransitionTime: fin }, { type: 'Complete', status: 'True', lastTransitionTime: fin }] } });
  const done = await waitFor('lastSuccessfulTime', async () => {
    const cur = await cjs.get('tick');
    return cur.status?.lastSuccessfulTime && cur.status.active?.length === 1 && cur.status.active[0]?.uid !== first.metadata?.uid ? cur : undefined;
  });
  assert.equal(done.status?.lastSuccessfulTime, fin);
  assert.equal(done.status?.active?.[0]?.name, jobNameFor(cj, Math.floor(clock / 60_000) * 60_000));
});
