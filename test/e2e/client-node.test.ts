// @kubernetes/client-node (the official JavaScript client, v2) against a real `cox server`: the admin
// kubeconfig, typed list calls, an informer seeing add/update/delete, and the raw Watch class.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CoreV1Api, KubeConfig, PatchStrategy, Watch, makeInformer, setHeaderOptions } from '@kubernetes/client-node';
import type { Informer, ObjectCache, V1ConfigMap } from '@kubernetes/client-node';
import { useCluster, waitFor } from './harness.ts';

interface Seen { type: string; name: string; data?: Record<string, string> }

describe('@kubernetes/client-node', () => {
  const cluster = useCluster();
  const ns = 'client-node';
  let kc: KubeConfig;
  let core: CoreV1Api;

  before(async () => {
    kc = new KubeConfig();
    kc.loadFromFile(cluster().kubeconfig);
    core = kc.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: ns } } });
  });

  it('loads the admin kubeconfig and lists namespaces', async () => {
    assert.equal(kc.getCurrentCluster()?.server, cluster().server);
    const list = await core.listNamespace();
    const names = list.items.map((n) => n.metadata?.name);
    for (const expected of ['default', 'kube-system', 'kube-public', 'kube-node-lease', ns]) assert.ok(names.includes(expected), `missing ${expected} in ${names.join(',')}`);
    assert.match(list.metadata?.resourceVersion ?? '', /^\d+$/);
    assert.equal(list.items.find((n) => n.metadata?.name === ns)?.status?.phase, 'Active');
  });

  describe('an informer on configmaps in a namespace', () => {
    let informer: Informer<V1ConfigMap> & ObjectCache<V1ConfigMap>;
    const seen: Seen[] = [];
    const errors: unknown[] = [];

    before(async () => {
      await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'before-start' }, data: { k: 'v' } } });
      informer = makeInformer(kc, `/api/v1/namespaces/${ns}/configmaps`, () => core.listNamespacedConfigMap({ namespace: ns }));
      for (const type of ['add', 'update', 'delete'] as const) {
        informer.on(type, (cm) => { seen.push({ type, name: cm.metadata?.name ?? '', data: cm.data }); });
      }
      informer.on('error', (err) => { errors.push(err); });
      await informer.start();
    });
    after(async () => { await informer.stop(); });

    const sawEvent = (type: string, name: string, pred: (s: Seen) => boolean = () => true): Promise<Seen> =>
      waitFor(`informer ${type} ${name} (seen: ${JSON.stringify(seen)}, errors: ${errors.map(String).join('; ')})`,
        () => seen.find((s) => s.type === type && s.name === name && pred(s)));

    it('lists existing objects into its cache as adds', async () => {
      await sawEvent('add', 'before-start');
      assert.equal(informer.get('before-start', ns)?.data?.k, 'v');
    });

    it('sees add, update and delete for objects created, patched and deleted through the API', async () => {
      await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'watched' }, data: { phase: 'one' } } });
      await sawEvent('add', 'watched');

      await core.patchNamespacedConfigMap({ namespace: ns, name: 'watched', body: { data: { phase: 'two' } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
      await sawEvent('update', 'watched', (s) => s.data?.phase === 'two');
      assert.equal(informer.get('watched', ns)?.data?.phase, 'two');

      await core.patchNamespacedConfigMap({ namespace: ns, name: 'watched', body: [{ op: 'add', path: '/data/extra', value: 'x' }] }, setHeaderOptions('Content-Type', PatchStrategy.JsonPatch));
      await sawEvent('update', 'watched', (s) => s.data?.extra === 'x');

      await core.deleteNamespacedConfigMap({ namespace: ns, name: 'watched' });
      await sawEvent('delete', 'watched');
      await waitFor('watched to leave the cache', () => informer.get('watched', ns) === undefined);
      assert.deepEqual(seen.filter((s) => s.name === 'watched').map((s) => s.type), ['add', 'update', 'update', 'delete']);
      assert.deepEqual(errors, []);
    });
  });

  it('Watch streams ADDED, MODIFIED and DELETED events from a resource version', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: ns });
    const events: { phase: string; name: string; rv: string }[] = [];
    let ended: unknown = null;
    const controller = await new Watch(kc).watch(`/api/v1/namespaces/${ns}/configmaps`,
      { resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true },
      (phase, obj: V1ConfigMap) => { events.push({ phase, name: obj.metadata?.name ?? '', rv: obj.metadata?.resourceVersion ?? '' }); },
      (err) => { ended = err ?? 'closed'; });
    try {
      await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'streamed' }, data: { a: '1' } } });
      await core.replaceNamespacedConfigMap({ namespace: ns, name: 'streamed', body: { metadata: { name: 'streamed' }, data: { a: '2' } } });
      await core.deleteNamespacedConfigMap({ namespace: ns, name: 'streamed' });
      const mine = (): string[] => events.filter((e) => e.name === 'streamed').map((e) => e.phase);
      await waitFor(`ADDED, MODIFIED, DELETED (got ${JSON.stringify(events)}, ended ${String(ended)})`, () => mine().length >= 3);
      assert.deepEqual(mine(), ['ADDED', 'MODIFIED', 'DELETED']);
      const rvs = events.filter((e) => e.name === 'streamed').map((e) => Number(e.rv));
      assert.ok(rvs.every((rv, i) => i === 0 || rv > (rvs[i - 1] ?? 0)), `resource versions increase: ${rvs.join(',')}`);
      assert.equal(ended, null, 'the watch stays open');
    } finally {
      controller.abort();
    }
  });
});
