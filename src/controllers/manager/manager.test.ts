import assert from 'node:assert/strict';
import https from 'node:https';
import { test } from 'node:test';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import { startTestCluster } from '../../client/testing/server.ts';
import { waitFor } from '../testing/cluster.ts';
import { startControllerManager } from './manager.ts';
import { enabledControllers } from './registry.ts';

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https.get({ host: '127.0.0.1', port, path, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

test('--controllers selects by name, star and minus, and rejects unknown names', () => {
  assert.deepEqual(enabledControllers(['*', '-garbagecollector'], ['namespace', 'garbagecollector', 'deployment']), ['namespace', 'deployment']);
  assert.deepEqual(enabledControllers(['deployment'], ['namespace', 'deployment']), ['deployment']);
  assert.throws(() => enabledControllers(['nope'], ['namespace']), /unknown controller "nope"/);
});

test('the manager leads on its Lease, serves health and per-controller workqueue metrics over HTTPS, and a second one waits', async (t) => {
  const c = await startTestCluster(t);
  const timings = { leaseDurationMs: 3000, renewDeadlineMs: 2000, retryPeriodMs: 500 };
  const m1 = await startControllerManager(c.config, { securePort: 0, bindAddress: '127.0.0.1', controllers: ['replicaset', 'deployment'], log: () => {}, ...timings });
  c.defer(() => m1.stop());
  await m1.started;
  const lease = await clientFor(c.client).resource<Lease>(resources.leases).namespace('kube-system').get('kube-controller-manager');
  assert.ok(lease.spec?.holderIdentity);
  for (const p of ['/healthz', '/livez', '/readyz']) {
    const r = await get(m1.port, p);
    assert.equal(r.status, 200, p);
    assert.equal(r.body, 'ok');
  }
  assert.match((await get(m1.port, '/healthz?verbose')).body, /\[\+\]ping ok/);
  assert.equal((await get(m1.port, '/nothing')).status, 404);
  await clientFor(c.client).resource<ReplicaSet>(resources.replicasets).namespace('default').create({
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'm' },
    spec: { replicas: 0, selector: { matchLabels: { a: 'm' } }, template: { metadata: { labels: { a: 'm' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
  });
  const metrics = await waitFor('a reconcile observed', async () => {
    const body = (await get(m1.port, '/metrics')).body;
    return /workqueue_work_duration_seconds_count\{name="replicaset"\} [1-9]/.test(body) ? body : undefined;
  });
  assert.match(metrics, /workqueue_depth\{name="replicaset"\} \d+/);
  assert.match(metrics, /workqueue_adds_total\{name="deployment"\} \d+/);
  assert.match(metrics, /workqueue_work_duration_seconds_bucket\{le="[^"]+",name="(deployment|replicaset)"\}/);

  const m2 = await startControllerManager(c.config, { securePort: -1, controllers: ['replicaset'], log: () => {}, ...timings });
  c.defer(() => m2.stop());
  let m2Started = false;
  void m2.started.then(() => { m2Started = true; });
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(m2Started, false, 'the second manager must not run controllers while the first leads');
  await m1.stop();
  await waitFor('the standby takes over', async () => m2Started, 10_000);
});
