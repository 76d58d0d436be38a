import assert from 'node:assert/strict';
import https from 'node:https';
import { test } from 'node:test';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { startTestCluster } from '../client/testing/server.ts';
import { clientFor, resources } from '../client/typed.ts';
import { startScheduler } from './index.ts';
import { makeNode } from './testing/fixtures.ts';

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https.get({ host: '127.0.0.1', port, path, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

async function until<T>(f: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('leader election on kube-system/kube-scheduler, profiles by schedulerName, health and metrics', async (t) => {
  const c = await startTestCluster(t);
  await clientFor(c.client).resource<Node>(resources.nodes).create(makeNode('n1', { labels: { pool: 'a' } }));
  await clientFor(c.client).resource<Node>(resources.nodes).create(makeNode('n2', { labels: { pool: 'b' } }));
  const s = await startScheduler(c.config, {
    securePort: 0, bindAddress: '127.0.0.1', log: () => {},
    config: {
      leaderElection: { leaderElect: true, leaseDuration: '3s', renewDeadline: '2s', retryPeriod: '500ms' },
      profiles: [
        { schedulerName: 'default-scheduler' },
        { schedulerName: 'pool-b', plugins: { filter: { enabled: [{ name: 'NodeName' }] } }, pluginConfig: [{ name: 'NodeAffinity', args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['b'] }] }] } } } }] },
      ],
    },
  });
  c.defer(() => s.stop());
  const lease = await until(async () => {
    try { return await clientFor(c.client).resource<Lease>(resources.leases).namespace('kube-system').get('kube-scheduler'); } catch { return undefined; }
  });
  assert.ok(lease.spec?.holderIdentity);
  const pods = clientFor(c.client).resource<Pod>(resources.pods).namespace('default');
  for (let i = 0; i < 4; i++) await pods.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `b${i}` }, spec: { schedulerName: 'pool-b', containers: [{ name: 'c', image: 'i' }] } });
  await pods.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'other' }, spec: { schedulerName: 'someone-else', containers: [{ name: 'c', image: 'i' }] } });
  for (let i = 0; i < 4; i++) assert.equal(await until(async () => (await pods.get(`b${i}`)).spec?.nodeName || undefined), 'n2');
  assert.equal((await pods.get('other')).spec?.nodeName, undefined);
  assert.deepEqual(await get(s.port, '/healthz'), { status: 200, body: 'ok' });
  assert.equal((await get(s.port, '/readyz')).status, 200);
  const m = await get(s.port, '/metrics');
  assert.match(m.body, /scheduler_schedule_attempts_total\{result="scheduled",profile="pool-b"\} 4/);
  assert.match(m.body, /scheduler_pending_pods\{queue="active"\} 0/);
  assert.match(m.body, /scheduler_scheduling_attempt_duration_seconds_bucket/);
});
