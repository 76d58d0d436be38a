import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import { startHollowControllerCluster } from '../common/hollow-cluster.ts';
import { controllerRevisions } from '../common/history.ts';
import { waitFor } from '../testing/cluster.ts';
import { nodeShouldRunDaemonPod } from './predicates.ts';

test('a daemon pod runs where selector and taints allow it', () => {
  const node: Node = { metadata: { name: 'n', labels: { disk: 'ssd' } }, spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } };
  const pod = (spec: Partial<NonNullable<Pod['spec']>>): Pod => ({ spec: { containers: [], ...spec } });
  assert.equal(nodeShouldRunDaemonPod(node, pod({})), false);
  assert.equal(nodeShouldRunDaemonPod(node, pod({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db' }] })), true);
  assert.equal(nodeShouldRunDaemonPod(node, pod({ tolerations: [{ operator: 'Exists' }], nodeSelector: { disk: 'hdd' } })), false);
  assert.equal(nodeShouldRunDaemonPod({ ...node, spec: { unschedulable: true } }, pod({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] })), true);
});

test('a DaemonSet runs one pod per node, follows node labels and rolls out a new template', async (t) => {
  const c = await startHollowControllerCluster(t, ['daemonset'], { count: 3 });
  const dss = clientFor(c.client).resource<DaemonSet>(resources.daemonsets).namespace('default');
  const pods = clientFor(c.client).resource<Pod>(resources.pods).namespace('default');
  const nodes = clientFor(c.client).resource<Node>(resources.nodes);
  const revs = clientFor(c.client).resource<ControllerRevision>(controllerRevisions).namespace('default');
  await dss.create({
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'agent:1' }] } },
    },
  });
  const ready = await waitFor('3 available', async () => {
    const d = await dss.get('agent');
    return d.status?.numberAvailable === 3 && d.status.updatedNumberScheduled === 3 ? d : undefined;
  });
  assert.equal(ready.status?.desiredNumberScheduled, 3);
  assert.equal(ready.status?.observedGeneration, ready.metadata?.generation);
  const list = await pods.list({ labelSelector: 'app=agent' });
  assert.deepEqual(list.items.map((p) => p.spec?.nodeName).sort(), [...c.hollow.nodes].sort());
  const p0 = list.items[0];
  assert.equal(p0?.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]?.matchFields?.[0]?.values?.[0], p0?.spec?.nodeName);
  assert.ok(p0?.spec?.tolerations?.some((x) => x.key === 'node.kubernetes.io/unreachable' && x.effect === 'NoExecute'));
  assert.ok(p0?.metadata?.labels?.['controller-revision-hash']);

  // A node selector that one node stops matching: its pod goes.
  const [n0] = c.hollow.nodes;
  for (const n of c.hollow.nodes) await nodes.patch(n, 'merge', { metadata: { labels: { agent: n === n0 ? 'no' : 'yes' } } });
  await dss.patch('agent', 'merge', { spec: { template: { spec: { nodeSelector: { agent: 'yes' }, containers: [{ name: 'c', image: 'agent:2' }] } } } });
  const rolled = await waitFor('rolled to 2 nodes', async () => {
    const d = await dss.get('agent');
    const l = await pods.list({ labelSelector: 'app=agent' });
    return d.status?.desiredNumberScheduled === 2 && d.status.updatedNumberScheduled === 2 && d.status.numberAvailable === 2
      && l.items.length === 2 && l.items.every((p) => p.spec?.containers[0]?.image === 'agent:2') ? d : undefined;
  }, 20_000);
  assert.equal(rolled.status?.numberMisscheduled, 0);
  const history = await revs.list();
  assert.equal(history.items.length, 2);
  assert.deepEqual(history.items.map((r) => r.revision).sort(), [1, 2]);
});
