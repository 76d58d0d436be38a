import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigMap, Namespace, Pod } from 'kubernetes-types/core/v1.js';
import { loadKubeconfig } from './config.ts';
import { RestClient } from './rest.ts';
import { isNotFound } from './status.ts';
import { startTestCluster } from './testing/server.ts';
import { clientFor, resources } from './typed.ts';

test('a typed client from the admin kubeconfig does namespaced CRUD and fills kind on list items', async (t) => {
  const { server } = await startTestCluster(t);
  const rest = new RestClient(loadKubeconfig(server.kubeconfigPath));
  t.after(() => rest.close());
  const c = clientFor(rest);
  const cms = c.resource<ConfigMap>(resources.configmaps);
  const inDefault = cms.namespace('default');

  await inDefault.create({ metadata: { name: 'one' }, data: { a: '1' } });
  // Unscoped create takes the object's namespace.
  await cms.create({ metadata: { name: 'two', namespace: 'kube-public' } });
  assert.equal((await inDefault.get('one')).data?.['a'], '1');
  assert.throws(() => cms.get('one'), /a namespace is needed/);

  const all = await cms.list({ fieldSelector: 'metadata.name=two' });
  assert.deepEqual(all.items.map((i) => [i.metadata?.namespace, i.kind, i.apiVersion]), [['kube-public', 'ConfigMap', 'v1']]);

  const one = await inDefault.get('one');
  const updated = await inDefault.update({ ...one, data: { a: '2' } });
  assert.equal(updated.data?.['a'], '2');
  const patched = await inDefault.patch('one', 'merge', { metadata: { labels: { x: 'y' } } });
  assert.equal(patched.metadata?.labels?.['x'], 'y');
  const applied = await inDefault.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'three' }, data: { b: '1' } }, { fieldManager: 'tester' });
  assert.equal(applied.data?.['b'], '1');
  await inDefault.delete('one');
  await assert.rejects(inDefault.get('one'), isNotFound);

  const namespaces = await c.resource<Namespace>(resources.namespaces).list();
  assert.ok(namespaces.items.some((n) => n.metadata?.name === 'kube-system' && n.kind === 'Namespace'));
});

test('updateStatus writes the status subresource and watch streams typed objects', async (t) => {
  const { client, defer } = await startTestCluster(t);
  const pods = clientFor(client).resource<Pod>(resources.pods).namespace('default');
  const w = pods.watch({ resourceVersion: (await pods.list()).metadata.resourceVersion });
  defer(() => w.stop());
  const pod = await pods.create({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
  const withStatus = await pods.updateStatus({ ...pod, status: { phase: 'Running' } });
  assert.equal(withStatus.status?.phase, 'Running');
  const types: string[] = [];
  for await (const ev of w) {
    types.push(ev.type);
    if (ev.type === 'MODIFIED') {
      assert.equal(ev.object.status?.phase, 'Running');
      break;
    }
  }
  assert.deepEqual(types, ['ADDED', 'MODIFIED']);
});
