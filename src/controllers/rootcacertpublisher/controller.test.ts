import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import { startControllerTestCluster, waitFor } from '../testing/cluster.ts';
import { Description, DescriptionAnnotation, RootCACertConfigMapName } from './controller.ts';

test('kube-root-ca.crt holds the cluster CA in every namespace and is kept correct', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['root-ca-cert-publisher'], kubelet: false });
  const ca = c.server.pki.caCertPem;
  await clientFor(c.client).resource<Namespace>(resources.namespaces).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-b' } });
  const cms = clientFor(c.client).resource<ConfigMap>(resources.configmaps).namespace('team-b');
  const get = async (): Promise<ConfigMap | undefined> => { try { return await cms.get(RootCACertConfigMapName); } catch { return undefined; } };
  const cm = await waitFor('the CA ConfigMap', get);
  assert.deepEqual(cm.data, { 'ca.crt': ca });
  assert.equal(cm.metadata?.annotations?.[DescriptionAnnotation], Description);
  // Namespaces made before the controller started are covered as well.
  assert.ok(await waitFor('in default', async () => {
    try { return await clientFor(c.client).resource<ConfigMap>(resources.configmaps).namespace('default').get(RootCACertConfigMapName); } catch { return undefined; }
  }));

  // Edited: put right again, user labels kept.
  await cms.update({ ...cm, metadata: { ...cm.metadata, labels: { mine: 'yes' } }, data: { 'ca.crt': 'tampered', extra: 'x' } });
  const fixed = await waitFor('data restored', async () => { const x = await get(); return x?.data?.['ca.crt'] === ca ? x : undefined; });
  assert.deepEqual(fixed.data, { 'ca.crt': ca });
  assert.equal(fixed.metadata?.labels?.mine, 'yes');

  // Deleted: created again.
  await cms.delete(RootCACertConfigMapName);
  const again = await waitFor('recreated', async () => { const x = await get(); return x && x.metadata?.uid !== cm.metadata?.uid ? x : undefined; });
  assert.deepEqual(again.data, { 'ca.crt': ca });
});
