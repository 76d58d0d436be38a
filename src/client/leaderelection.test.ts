import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import { LeaderElector, microTime } from './leaderelection.ts';
import type { RestClient } from './rest.ts';
import { startTestCluster } from './testing/server.ts';

function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (cond()) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 10);
    };
    tick();
  });
}

function candidate(client: RestClient, identity: string, log: string[], releaseOnCancel = true): LeaderElector {
  return new LeaderElector({
    client, identity, releaseOnCancel,
    lease: { namespace: 'kube-system', name: 'test-controller' },
    leaseDurationMs: 1500, renewDeadlineMs: 1000, retryPeriodMs: 100,
    callbacks: {
      onStartedLeading: () => { log.push(`${identity} started`); },
      onStoppedLeading: () => { log.push(`${identity} stopped`); },
      onNewLeader: (id) => { log.push(`${identity} sees ${id}`); },
    },
  });
}

test('MicroTime has six fractional digits', () => {
  assert.equal(microTime(Date.UTC(2006, 0, 2, 15, 4, 5, 123)), '2006-01-02T15:04:05.123000Z');
});

test('one of two candidates leads; the other takes over at once when the first releases the lease', async (t) => {
  const { client, defer } = await startTestCluster(t);
  const log: string[] = [];
  const a = candidate(client, 'a', log);
  const b = candidate(client, 'b', log);
  defer(async () => { await a.stop(); await b.stop(); });
  void a.run();
  await until(() => a.isLeader(), 'a to lead');
  void b.run();
  await until(() => log.includes('b sees a'), 'b to see a');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(b.isLeader(), false, 'b must not lead while a renews');

  const stoppedAt = Date.now();
  await a.stop();
  assert.ok(log.includes('a stopped'));
  await until(() => b.isLeader(), 'b to take over');
  // Released: no need to wait out the 1.5 s lease.
  assert.ok(Date.now() - stoppedAt < 1400, `takeover took ${Date.now() - stoppedAt} ms`);
  const lease = await client.get<Lease>({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-system', name: 'test-controller' });
  assert.equal(lease.spec?.holderIdentity, 'b');
  assert.equal(lease.spec?.leaseTransitions, 1);
  assert.equal(lease.spec?.leaseDurationSeconds, 2);
  assert.match(lease.spec?.renewTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  assert.deepEqual(log.filter((l) => l.endsWith('started')), ['a started', 'b started']);
});

test('a lease that is not released is taken over only after it expires', async (t) => {
  const { client, defer } = await startTestCluster(t);
  const log: string[] = [];
  const a = candidate(client, 'a', log, false);
  const b = candidate(client, 'b', log);
  defer(async () => { await a.stop(); await b.stop(); });
  void a.run();
  await until(() => a.isLeader(), 'a to lead');
  void b.run();
  await until(() => log.includes('b sees a'), 'b to see a');
  const stoppedAt = Date.now();
  await a.stop();
  await until(() => b.isLeader(), 'b to take over', 6000);
  const waited = Date.now() - stoppedAt;
  assert.ok(waited >= 900, `b took over after only ${waited} ms`);
});
