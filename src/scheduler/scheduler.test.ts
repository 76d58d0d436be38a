import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1.js';
import { startTestCluster } from '../client/testing/server.ts';
import type { TestCluster } from '../client/testing/server.ts';
import { clientFor, resources } from '../client/typed.ts';
import { startScheduler } from './index.ts';

function node(name: string, o: { cpu?: string; memory?: string; labels?: Record<string, string>; taints?: Node['spec'] extends infer S ? S extends { taints?: infer T } ? T : never : never } = {}): Node {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { taints: o.taints },
    status: { capacity: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: '110' }, allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: '110' } },
  };
}

function pod(name: string, spec: Partial<Pod['spec'] & object> = {}, labels: Record<string, string> = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
  };
}

async function setup(t: TestContext, nodes: Node[]): Promise<TestCluster> {
  const c = await startTestCluster(t);
  const nc = clientFor(c.client).resource<Node>(resources.nodes);
  for (const n of nodes) await nc.create(n);
  const s = await startScheduler(c.config, { leaderElect: false, securePort: 0, bindAddress: '127.0.0.1', log: () => {} });
  c.defer(() => s.stop());
  return c;
}

async function waitFor<T>(f: () => Promise<T | undefined>, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function pods(c: TestCluster) { return clientFor(c.client).resource<Pod>(resources.pods).namespace('default'); }

async function boundNode(c: TestCluster, name: string): Promise<string> {
  return waitFor(async () => (await pods(c).get(name)).spec?.nodeName || undefined, `${name} bound`);
}

async function failedMessage(c: TestCluster, name: string): Promise<string> {
  return waitFor(async () => {
    const p = await pods(c).get(name);
    return p.status?.conditions?.find((x) => x.type === 'PodScheduled' && x.status === 'False')?.message;
  }, `${name} PodScheduled=False`);
}

test('places pods by nodeSelector and records a Scheduled event', async (t) => {
  const c = await setup(t, [node('a', { labels: { disk: 'hdd' } }), node('b', { labels: { disk: 'ssd' } })]);
  await pods(c).create(pod('p1', { nodeSelector: { disk: 'ssd' } }));
  assert.equal(await boundNode(c, 'p1'), 'b');
  const ev = await waitFor(async () => {
    const list = await clientFor(c.client).resource<Event>(resources.events).namespace('default').list();
    return list.items.find((e) => e.reason === 'Scheduled' && e.involvedObject.name === 'p1');
  }, 'Scheduled event');
  assert.equal(ev.message, 'Successfully assigned default/p1 to b');
});

test('resource fit failure gives upstream FailedScheduling message and PodScheduled=False', async (t) => {
  const c = await setup(t, [node('a', { cpu: '1' }), node('b', { cpu: '8', labels: { zone: 'x' } }), node('c', { cpu: '8', labels: { zone: 'x' } })]);
  await pods(c).create(pod('big', { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '2' } } }], nodeSelector: { zone: 'y' } }));
  assert.equal(await failedMessage(c, 'big'),
    "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
  await pods(c).create(pod('big2', { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '10' } } }] }));
  assert.equal(await failedMessage(c, 'big2'),
    '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
  const ev = await waitFor(async () => {
    const list = await clientFor(c.client).resource<Event>(resources.events).namespace('default').list();
    return list.items.find((e) => e.reason === 'FailedScheduling' && e.involvedObject.name === 'big2');
  }, 'FailedScheduling event');
  assert.equal(ev.type, 'Warning');
  assert.match(ev.message ?? '', /^0\/3 nodes are available: 3 Insufficient cpu\./);
});

test('an unschedulable pod is scheduled once a node it fits appears', async (t) => {
  const c = await setup(t, [node('small', { cpu: '1' })]);
  await pods(c).create(pod('wait', { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '3' } } }] }));
  await failedMessage(c, 'wait');
  await clientFor(c.client).resource<Node>(resources.nodes).create(node('large', { cpu: '4' }));
  assert.equal(await boundNode(c, 'wait'), 'large');
});

test('taints repel pods without tolerations', async (t) => {
  const c = await setup(t, [node('tainted', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), node('plain', { cpu: '1' })]);
  await pods(c).create(pod('t1'));
  assert.equal(await boundNode(c, 't1'), 'plain');
  await pods(c).create(pod('t2', { nodeSelector: { 'kubernetes.io/hostname': 'tainted' } }));
  assert.equal(await failedMessage(c, 't2'),
    "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
  await pods(c).create(pod('t3', { nodeSelector: { 'kubernetes.io/hostname': 'tainted' }, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }));
  assert.equal(await boundNode(c, 't3'), 'tainted');
});

test('pod affinity and anti-affinity by hostname', async (t) => {
  const c = await setup(t, [node('n1'), node('n2'), node('n3')]);
  const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } } }] } };
  const seen = new Set<string>();
  for (const n of ['db1', 'db2', 'db3']) {
    await pods(c).create(pod(n, { affinity: anti }, { app: 'db' }));
    seen.add(await boundNode(c, n));
  }
  assert.equal(seen.size, 3);
  await pods(c).create(pod('db4', { affinity: anti }, { app: 'db' }));
  assert.match(await failedMessage(c, 'db4'), /^0\/3 nodes are available: 3 node\(s\) didn't match pod anti-affinity rules\./);
  const db2Node = (await pods(c).get('db2')).spec?.nodeName;
  await pods(c).create(pod('web', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { role: 'two' } } }] } } }));
  await failedMessage(c, 'web');
  await pods(c).patch('db2', 'merge', { metadata: { labels: { role: 'two' } } });
  assert.equal(await boundNode(c, 'web'), db2Node);
});

test('topology spread keeps zones within maxSkew', async (t) => {
  const c = await setup(t, [
    node('z1a', { labels: { 'topology.kubernetes.io/zone': 'z1' } }), node('z1b', { labels: { 'topology.kubernetes.io/zone': 'z1' } }),
    node('z2a', { labels: { 'topology.kubernetes.io/zone': 'z2' } }),
  ]);
  const spread = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 's' } } }];
  const zones: Record<string, number> = { z1: 0, z2: 0 };
  for (let i = 0; i < 6; i++) {
    await pods(c).create(pod(`s${i}`, { topologySpreadConstraints: spread }, { app: 's' }));
    const n = await boundNode(c, `s${i}`);
    const z = n.startsWith('z1') ? 'z1' : 'z2';
    zones[z] = (zones[z] ?? 0) + 1;
    assert.ok(Math.abs((zones.z1 ?? 0) - (zones.z2 ?? 0)) <= 1, JSON.stringify(zones));
  }
  assert.deepEqual(zones, { z1: 3, z2: 3 });
});

test('preemption evicts a lower-priority pod, nominates the node and schedules the preemptor', async (t) => {
  const c = await setup(t, [node('only', { cpu: '2' })]);
  const req = (cpu: string) => [{ name: 'c', image: 'i', resources: { requests: { cpu } } }];
  await pods(c).create(pod('low', { containers: req('1500m'), priority: 0 }));
  assert.equal(await boundNode(c, 'low'), 'only');
  await pods(c).create(pod('high', { containers: req('1'), priority: 1000 }));
  const nominated = await waitFor(async () => (await pods(c).get('high')).status?.nominatedNodeName || (await pods(c).get('high')).spec?.nodeName || undefined, 'nominated');
  assert.equal(nominated, 'only');
  await waitFor(async () => {
    try { const p = await pods(c).get('low'); return p.metadata?.deletionTimestamp ? true : undefined; } catch { return true; }
  }, 'victim deleted');
  // No kubelet here: finish the victim's graceful deletion as one would.
  await pods(c).delete('low', { gracePeriodSeconds: 0 }).catch(() => {});
  assert.equal(await boundNode(c, 'high'), 'only');
});
