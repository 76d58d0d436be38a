import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import { startTestCluster } from '../../client/testing/server.ts';
import { startHollowNodes } from '../../kubelet/hollow/index.ts';
import { runStandalone } from '../common/standalone.ts';
import { waitFor } from '../testing/cluster.ts';
import { NodeLifecycleController } from './controller.ts';
import { tolerationTimeMs } from './taints.ts';

test('toleration time: not tolerated is 0, tolerated without seconds is forever, else the smallest tolerationSeconds', () => {
  const taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
  assert.equal(tolerationTimeMs({ spec: { containers: [] } }, [taint]), 0);
  assert.equal(tolerationTimeMs({ spec: { containers: [], tolerations: [{ operator: 'Exists' }] } }, [taint]), Infinity);
  assert.equal(tolerationTimeMs({ spec: { containers: [], tolerations: [
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    { operator: 'Exists', tolerationSeconds: 5 },
  ] } }, [taint]), 5000);
});

function pod(name: string, node: string, tolerationSeconds?: number): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
    spec: {
      nodeName: node, containers: [{ name: 'c', image: 'x' }],
      tolerations: tolerationSeconds === undefined ? undefined : [
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds },
      ],
    },
  };
}

test('a node whose kubelet stops goes Unknown, is tainted, its pods go NotReady and are evicted after their toleration; recovery removes the taints', async (t) => {
  const c = await startTestCluster(t);
  const hollow = await startHollowNodes(c.config, { count: 2, onError: () => {}, config: { leaseRenewSeconds: 0.3, leaseDurationSeconds: 2 } });
  c.defer(() => hollow.stop());
  const nlc = await runStandalone(c.config, (ctx) => new NodeLifecycleController(ctx, { nodeMonitorGracePeriodMs: 1500, nodeMonitorPeriodMs: 200, evictionRate: 100 }));
  c.defer(() => nlc.stop());
  const cl = clientFor(c.client);
  const nodes = cl.resource<Node>(resources.nodes);
  const pods = cl.resource<Pod>(resources.pods).namespace('default');
  const [dead, alive] = hollow.nodes as [string, string];
  await pods.create(pod('short', dead, 2));
  await pods.create(pod('long', dead, 3600));
  await pods.create(pod('elsewhere', alive, 2));
  await waitFor('pods running', async () => (await pods.list()).items.every((p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')));
  await new Promise((r) => setTimeout(r, 2000));
  assert.deepEqual((await nodes.get(alive)).spec?.taints ?? [], [], 'a live node is not tainted');

  hollow.stopNode(dead);
  const n = await waitFor('node Unknown and tainted', async () => {
    const x = await nodes.get(dead);
    const keys = (x.spec?.taints ?? []).map((tt) => `${tt.key}:${tt.effect}`).sort();
    return JSON.stringify(keys) === '["node.kubernetes.io/unreachable:NoExecute","node.kubernetes.io/unreachable:NoSchedule"]' ? x : undefined;
  }, 10_000);
  const ready = n.status?.conditions?.find((x) => x.type === 'Ready');
  assert.equal(ready?.status, 'Unknown');
  assert.equal(ready?.reason, 'NodeStatusUnknown');
  assert.equal(ready?.message, 'Kubelet stopped posting node status.');
  assert.equal(n.status?.conditions?.find((x) => x.type === 'MemoryPressure')?.status, 'Unknown');
  await waitFor('long pod marked NotReady', async () => (await pods.get('long')).status?.conditions?.find((x) => x.type === 'Ready')?.status === 'False');
  await waitFor('short pod evicted after 2 s', async () => {
    const p = await pods.get('short').catch(() => undefined);
    return p === undefined || p.metadata?.deletionTimestamp !== undefined;
  }, 10_000);
  const long = await pods.get('long');
  assert.equal(long.metadata?.deletionTimestamp, undefined, 'the pod with a long toleration stays');
  const elsewhere = await pods.get('elsewhere');
  assert.equal(elsewhere.metadata?.deletionTimestamp, undefined);

  // The node comes back (its kubelet renews the lease and posts Ready again): the taints go.
  await nodes.patch(dead, 'strategic', { status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'back', lastHeartbeatTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }] } }, { subresource: 'status' });
  await waitFor('taints removed', async () => ((await nodes.get(dead)).spec?.taints ?? []).length === 0, 10_000);
});
