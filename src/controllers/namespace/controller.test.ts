import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1.js';
import { clientFor, isNotFound, resources } from '../../client/index.ts';
import { startControllerTestCluster, waitFor } from '../testing/cluster.ts';

test('deleting a namespace deletes its content, reports conditions and finalizes it', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['namespace'], kubelet: false });
  const nss = clientFor(c.client).resource<Namespace>(resources.namespaces);
  await nss.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
  const cms = clientFor(c.client).resource<ConfigMap>(resources.configmaps).namespace('doomed');
  await cms.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
  await cms.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/hold'] } });
  await clientFor(c.client).resource(resources.secrets).namespace('doomed').create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } });
  await nss.delete('doomed');
  const ns = await waitFor('conditions naming what remains', async () => {
    const n = await nss.get('doomed');
    const cond = n.status?.conditions?.find((x) => x.type === 'NamespaceFinalizersRemaining');
    return cond?.status === 'True' ? n : undefined;
  });
  assert.equal(ns.status?.phase, 'Terminating');
  const remaining = ns.status?.conditions?.find((x) => x.type === 'NamespaceContentRemaining');
  assert.equal(remaining?.reason, 'SomeResourcesRemain');
  assert.match(remaining?.message ?? '', /configmaps has 1 resource instances/);
  assert.match(ns.status?.conditions?.find((x) => x.type === 'NamespaceFinalizersRemaining')?.message ?? '', /example\.com\/hold in 1 resource instances/);
  assert.equal(ns.status?.conditions?.find((x) => x.type === 'NamespaceDeletionDiscoveryFailure')?.status, 'False');
  assert.equal((await clientFor(c.client).resource(resources.secrets).namespace('doomed').list()).items.length, 0);
  await cms.patch('held', 'merge', { metadata: { finalizers: null } });
  await waitFor('namespace gone', async () => {
    try { await nss.get('doomed'); return false; } catch (err) { return isNotFound(err); }
  }, 20_000);
});
