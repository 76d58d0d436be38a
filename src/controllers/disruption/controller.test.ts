import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { clientFor, isTooManyRequests, resources } from '../../client/index.ts';
import { startTestCluster } from '../../client/testing/server.ts';
import { startHollowNodes } from '../../kubelet/hollow/index.ts';
import { runStandalone } from '../common/standalone.ts';
import { ReplicaSetController } from '../replicaset/controller.ts';
import { ReplicaSetKind } from '../replicaset/kinds.ts';
import { waitFor } from '../testing/cluster.ts';
import { pdbDescriptor } from './budget.ts';
import { DisruptionController } from './controller.ts';
import { evictionHandler } from './eviction.ts';

test('a PDB reports its status from the pods and their ReplicaSet, and evictions honour it', async (t) => {
  const c = await startTestCluster(t);
  c.server.addSubresource('', 'pods', 'eviction', evictionHandler());
  const hollow = await startHollowNodes(c.config, { count: 2, onError: () => {} });
  c.defer(() => hollow.stop());
  const rsc = await runStandalone(c.config, (ctx) => new ReplicaSetController(ctx, ReplicaSetKind));
  c.defer(() => rsc.stop());
  const dc = await runStandalone(c.config, (ctx) => new DisruptionController(ctx));
  c.defer(() => dc.stop());
  const cl = clientFor(c.client);
  const pods = cl.resource<Pod>(resources.pods).namespace('default');
  const pdbs = cl.resource<PodDisruptionBudget>(pdbDescriptor).namespace('default');
  const labels = { app: 'db' };
  await cl.resource<ReplicaSet>(resources.replicasets).namespace('default').create({
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'db' },
    spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { nodeName: hollow.nodes[0], containers: [{ name: 'c', image: 'x' }] } } },
  });
  await pdbs.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'db' }, spec: { maxUnavailable: '34%', selector: { matchLabels: labels } } });
  const st = await waitFor('PDB status', async () => {
    const b = await pdbs.get('db');
    return b.status?.currentHealthy === 3 && b.status.observedGeneration === b.metadata?.generation ? b.status : undefined;
  });
  assert.equal(st.expectedPods, 3);
  assert.equal(st.desiredHealthy, 1);
  assert.equal(st.disruptionsAllowed, 2);
  assert.equal(st.conditions?.find((x) => x.type === 'DisruptionAllowed')?.reason, 'SufficientPods');

  // Replacements never become ready, so the budget cannot recover during the test.
  await cl.resource<ReplicaSet>(resources.replicasets).namespace('default').patch('db', 'merge', { spec: { template: { metadata: { annotations: { 'hollow.coxswain.io/ready-after': '1h' } } } } });
  const names = (await pods.list({ labelSelector: 'app=db' })).items.map((p) => p.metadata?.name ?? '');
  const evict = (n: string): Promise<unknown> => pods.createSubresource(n, 'eviction', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: n, namespace: 'default' }, deleteOptions: { gracePeriodSeconds: 0 } });
  await evict(names[0] ?? '');
  await evict(names[1] ?? '');
  // The third would leave fewer than desiredHealthy: refused until replacements are ready.
  const refused = await evict(names[2] ?? '').then(() => undefined, (err: unknown) => err);
  assert.ok(isTooManyRequests(refused), `expected 429, got ${String(refused)}`);
  assert.match(String((refused as Error).message), /Cannot evict pod as it would violate the pod's disruption budget/);
  const b = await pdbs.get('db');
  assert.ok(Object.keys(b.status?.disruptedPods ?? {}).length <= 2);
  const low = await waitFor('insufficient pods', async () => {
    const x = await pdbs.get('db');
    return x.status?.currentHealthy === 1 && x.status.disruptionsAllowed === 0 ? x.status : undefined;
  });
  assert.equal(low.conditions?.find((x) => x.type === 'DisruptionAllowed')?.reason, 'InsufficientPods');
  assert.ok((await pods.get(names[2] ?? '')).metadata?.deletionTimestamp === undefined, 'the refused pod stays');
});
