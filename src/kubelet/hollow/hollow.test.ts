import assert from 'node:assert/strict';
import test from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { RestClient } from '../../client/rest.ts';
import { isNotFound } from '../../client/status.ts';
import { startTestCluster } from '../../client/testing/server.ts';
import { startHollowNodes } from './index.ts';
import type { HollowNodes, HollowNodesOptions } from './index.ts';

const nodeRef = (name: string): { version: string; resource: string; name: string } => ({ version: 'v1', resource: 'nodes', name });
const podRef = (name: string, ns = 'default'): { version: string; resource: string; namespace: string; name: string } => ({ version: 'v1', resource: 'pods', namespace: ns, name });
const leaseRef = (name: string): { group: string; version: string; resource: string; namespace: string; name: string } => ({
  group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-node-lease', name,
});

async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function setup(t: test.TestContext, opts: Partial<HollowNodesOptions> = {}): Promise<{ client: RestClient; hollow: HollowNodes; errors: string[] }> {
  const cluster = await startTestCluster(t);
  const errors: string[] = [];
  const hollow = await startHollowNodes(cluster.config, {
    count: 2, namePrefix: 'hn', onError: (err, what) => { errors.push(`${what}: ${String(err)}`); },
    config: { leaseRenewSeconds: 1, crashLoopBackOff: { initialSeconds: 1, maxSeconds: 4 }, deletionStopSeconds: 0.2 },
    ...opts,
  });
  cluster.defer(() => hollow.stop());
  return { client: cluster.client, hollow, errors };
}

function podOn(node: string, name: string, annotations: Record<string, string> = {}, spec: Partial<NonNullable<Pod['spec']>> = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', annotations },
    spec: { nodeName: node, containers: [{ name: 'app', image: 'registry.local/app:1', resources: { requests: { cpu: '200m', memory: '100Mi' } } }], ...spec },
  };
}

const condition = (p: Pod, type: string): string | undefined => p.status?.conditions?.find((c) => c.type === type)?.status;

test('hollow nodes register Ready with capacity, labels, taints and nodeInfo, and renew their leases', async (t) => {
  const { client, hollow, errors } = await setup(t, {
    capacity: { cpu: '8', pods: '50' }, labels: { tier: 'hollow' }, zones: ['z1', 'z2'],
    taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }],
  });
  assert.deepEqual(hollow.nodes, ['hn-0', 'hn-1']);
  const n1 = await client.get<Node>(nodeRef('hn-1'));
  assert.equal(n1.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
  assert.deepEqual(n1.status?.conditions?.map((c) => c.type).sort(), ['DiskPressure', 'MemoryPressure', 'PIDPressure', 'Ready']);
  assert.equal(n1.status?.capacity?.['cpu'], '8');
  assert.equal(n1.status?.allocatable?.['pods'], '50');
  assert.equal(n1.status?.capacity?.['memory'], '16Gi');
  assert.equal(n1.metadata?.labels?.['kubernetes.io/hostname'], 'hn-1');
  assert.equal(n1.metadata?.labels?.['kubernetes.io/os'], 'linux');
  assert.equal(n1.metadata?.labels?.['topology.kubernetes.io/zone'], 'z2');
  assert.equal(n1.metadata?.labels?.['tier'], 'hollow');
  assert.equal(n1.spec?.taints?.[0]?.key, 'dedicated');
  assert.equal(n1.status?.nodeInfo?.kubeletVersion, 'v1.33.0-hollow');
  assert.equal(n1.status?.nodeInfo?.containerRuntimeVersion, 'hollow://1.0');
  assert.match(n1.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '', /^10\.200\.\d+\.\d+$/);

  const lease = await client.get<Lease>(leaseRef('hn-0'));
  assert.equal(lease.spec?.holderIdentity, 'hn-0');
  assert.equal(lease.spec?.leaseDurationSeconds, 40);
  assert.equal(lease.metadata?.ownerReferences?.[0]?.kind, 'Node');
  const first = lease.spec?.renewTime ?? '';
  await eventually('a lease renewal', async () => {
    const l = await client.get<Lease>(leaseRef('hn-0'));
    return (l.spec?.renewTime ?? '') > first ? l : undefined;
  }, 5000);

  // A stopped node renews no more.
  hollow.stopNode('hn-1');
  await new Promise((r) => setTimeout(r, 300));
  const frozen = (await client.get<Lease>(leaseRef('hn-1'))).spec?.renewTime;
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal((await client.get<Lease>(leaseRef('hn-1'))).spec?.renewTime, frozen);
  assert.deepEqual(errors, []);
});

test('a pod bound to a hollow node becomes Running and Ready with a pod IP; graceful delete completes', async (t) => {
  const { client, hollow, errors } = await setup(t);
  await client.create({ version: 'v1', resource: 'pods', namespace: 'default' }, podOn('hn-0', 'web'));
  const running = await eventually('pod Running', async () => {
    const p = await client.get<Pod>(podRef('web'));
    return p.status?.phase === 'Running' && condition(p, 'Ready') === 'True' ? p : undefined;
  });
  assert.match(running.status?.podIP ?? '', /^10\.128\.0\.\d+$/);
  assert.equal(running.status?.hostIP, '10.200.0.1');
  assert.equal(running.status?.qosClass, 'Burstable');
  assert.ok(running.status?.startTime);
  for (const type of ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready']) assert.equal(condition(running, type), 'True', type);
  const cs = running.status?.containerStatuses?.[0];
  assert.equal(cs?.ready, true);
  assert.equal(cs?.started, true);
  assert.equal(cs?.restartCount, 0);
  assert.equal(cs?.image, 'registry.local/app:1');
  assert.match(cs?.containerID ?? '', /^hollow:\/\//);
  assert.ok(cs?.state?.running?.startedAt);

  const usage = hollow.usageFor(running);
  assert.equal(usage.cpuMillis, 100);
  assert.equal(usage.memoryBytes, 50 * 1024 * 1024);

  // kubectl delete: graceful (30 s default), finished by the node well before that.
  await client.delete(podRef('web'));
  const start = Date.now();
  await eventually('pod gone', async () => {
    try {
      await client.get<Pod>(podRef('web'));
      return undefined;
    } catch (err) {
      return isNotFound(err) ? true : undefined;
    }
  });
  assert.ok(Date.now() - start < 10_000);
  assert.deepEqual(errors, []);
});

test('the API writes are the kubelet\'s: one status patch per pod to Running, leases only, no idle node status', async (t) => {
  const { client, hollow, errors } = await setup(t);
  const leases0 = hollow.stats().leaseRenewals;
  await client.create({ version: 'v1', resource: 'pods', namespace: 'default' }, podOn('hn-1', 'once'));
  await eventually('pod Running', async () => {
    const p = await client.get<Pod>(podRef('once'));
    return p.status?.phase === 'Running' && condition(p, 'Ready') === 'True' ? p : undefined;
  });
  // Lease renewals go on (every second here); the pod's status and the nodes' status stay put.
  await eventually('two more lease renewals', async () => (hollow.stats().leaseRenewals >= leases0 + 4 ? true : undefined));
  const s = hollow.stats();
  assert.equal(s.statusWrites, 1, 'Pending → Running with every condition in one patch');
  assert.equal(s.statusReports, 0, 'node status is reported only every nodeStatusReportSeconds (5 min)');
  assert.equal(s.running, 1);
  assert.deepEqual(errors, []);
});

test('a pod bound through pods/binding is picked up too', async (t) => {
  const { client } = await setup(t);
  const p = podOn('hn-1', 'bound');
  delete p.spec?.nodeName;
  await client.create({ version: 'v1', resource: 'pods', namespace: 'default' }, p);
  await client.create({ version: 'v1', resource: 'pods', namespace: 'default', name: 'bound', subresource: 'binding' }, {
    apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound' }, target: { kind: 'Node', name: 'hn-1' },
  });
  const r = await eventually('bound pod Running', async () => {
    const x = await client.get<Pod>(podRef('bound'));
    return x.status?.phase === 'Running' ? x : undefined;
  });
  assert.match(r.status?.podIP ?? '', /^10\.128\.1\.\d+$/);
});

test('a failing container restarts and shows CrashLoopBackOff', async (t) => {
  const { client } = await setup(t);
  await client.create({ version: 'v1', resource: 'pods', namespace: 'default' },
    podOn('hn-0', 'crash', { 'hollow.coxswain.io/fail-after': '300ms', 'hollow.coxswain.io/exit-code': '2' }));
  const p = await eventually('CrashLoopBackOff', async () => {
    const x = await client.get<Pod>(podRef('crash'));
    return x.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff' ? x : undefined;
  });
  const cs = p.status?.containerStatuses?.[0];
  assert.ok((cs?.restartCount ?? 0) >= 1);
  assert.equal(cs?.lastState?.terminated?.exitCode, 2);
  assert.equal(cs?.lastState?.terminated?.reason, 'Error');
  assert.equal(condition(p, 'Ready'), 'False');
  assert.equal(p.status?.phase, 'Running');
});

test('a job-style pod completes (Succeeded) and an init container runs first', async (t) => {
  const { client } = await setup(t);
  await client.create({ version: 'v1', resource: 'pods', namespace: 'default' }, podOn('hn-1', 'job',
    { 'hollow.coxswain.io/complete-after': '500ms', 'hollow.coxswain.io/init-duration': '300ms' },
    { restartPolicy: 'Never', initContainers: [{ name: 'setup', image: 'registry.local/init:1' }] }));
  const p = await eventually('pod Succeeded', async () => {
    const x = await client.get<Pod>(podRef('job'));
    return x.status?.phase === 'Succeeded' ? x : undefined;
  });
  assert.equal(p.status?.containerStatuses?.[0]?.state?.terminated?.exitCode, 0);
  assert.equal(p.status?.initContainerStatuses?.[0]?.state?.terminated?.reason, 'Completed');
  assert.equal(condition(p, 'Ready'), 'False');
  const appStarted = Date.parse(p.status?.containerStatuses?.[0]?.state?.terminated?.startedAt ?? '');
  const initDone = Date.parse(p.status?.initContainerStatuses?.[0]?.state?.terminated?.finishedAt ?? '');
  assert.ok(appStarted >= initDone);
});

test('readiness flips: ready, unready for a while, ready again', async (t) => {
  const { client } = await setup(t);
  await client.create({ version: 'v1', resource: 'pods', namespace: 'default' }, podOn('hn-0', 'flip',
    { 'hollow.coxswain.io/unready-every': '1200ms', 'hollow.coxswain.io/unready-for': '600ms' }));
  const seen: string[] = [];
  await eventually('Ready True → False → True', async () => {
    const x = await client.get<Pod>(podRef('flip'));
    const r = condition(x, 'Ready') ?? '';
    if (seen[seen.length - 1] !== r) seen.push(r);
    return seen.join(',').includes('True,False,True') ? true : undefined;
  }, 8000);
});
