import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Namespace, ServiceAccount } from 'kubernetes-types/core/v1.js';
import { clientFor, isNotFound, resources } from '../../client/index.ts';
import { startControllerTestCluster, waitFor } from '../testing/cluster.ts';

test('every namespace gets a default ServiceAccount, recreated after deletion', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['serviceaccount'], kubelet: false });
  const nss = clientFor(c.client).resource<Namespace>(resources.namespaces);
  // Namespaces that existed before the controller started are covered too.
  await waitFor('default SA in kube-system', async () => {
    try { return await clientFor(c.client).resource<ServiceAccount>(resources.serviceaccounts).namespace('kube-system').get('default'); } catch { return undefined; }
  });
  await nss.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
  const sas = clientFor(c.client).resource<ServiceAccount>(resources.serviceaccounts).namespace('team-a');
  const first = await waitFor('default SA in team-a', async () => { try { return await sas.get('default'); } catch { return undefined; } });
  await sas.delete('default');
  const second = await waitFor('default SA recreated', async () => {
    try { const sa = await sas.get('default'); return sa.metadata?.uid !== first.metadata?.uid ? sa : undefined; } catch { return undefined; }
  });
  assert.notEqual(second.metadata?.uid, first.metadata?.uid);
  // Other accounts are left alone: deleting one does not bring it back.
  await sas.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } });
  await sas.delete('robot');
  await new Promise((r) => setTimeout(r, 300));
  await assert.rejects(sas.get('robot'), (err) => isNotFound(err));
});
