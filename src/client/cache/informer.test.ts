import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigMap, Pod } from 'kubernetes-types/core/v1.js';
import { isResourceExpired } from '../status.ts';
import { startTestCluster } from '../testing/server.ts';
import { ResourceClient, resources } from '../typed.ts';
import type { WatchStream } from '../watch.ts';
import { SharedInformerFactory } from './factory.ts';
import { SharedInformer } from './informer.ts';
import { listWatchFromClient } from './listwatch.ts';
import type { ListerWatcher } from './listwatch.ts';
import { DeletedFinalStateUnknown, NodeNameIndex, nodeNameIndexFunc } from './store.ts';

type Seen = string[];

function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (cond()) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

function record(seen: Seen) {
  return {
    onAdd: (o: ConfigMap, initial: boolean) => seen.push(`add ${o.metadata?.name}${initial ? ' (initial)' : ''}`),
    onUpdate: (a: ConfigMap, b: ConfigMap) => seen.push(`update ${b.metadata?.name} ${JSON.stringify(a.data ?? {})}->${JSON.stringify(b.data ?? {})}`),
    onDelete: (o: ConfigMap | DeletedFinalStateUnknown<ConfigMap>) => seen.push(
      o instanceof DeletedFinalStateUnknown ? `tombstone ${o.key}` : `delete ${o.metadata?.name}`),
  };
}

test('a ConfigMap informer from the factory lists, then sees adds, updates and deletes', async (t) => {
  const { client, defer } = await startTestCluster(t);
  const cms = new ResourceClient<ConfigMap>(client, resources.configmaps).namespace('default');
  await cms.create({ metadata: { name: 'before' }, data: { a: '1' } });

  const factory = new SharedInformerFactory(client);
  defer(() => factory.shutdown());
  const informer = factory.informerFor<ConfigMap>(resources.configmaps);
  assert.equal(factory.informerFor<ConfigMap>(resources.configmaps), informer, 'one informer per resource');
  const seen: Seen = [];
  informer.addEventHandler(record(seen));
  factory.start();
  assert.deepEqual(await factory.waitForCacheSync(), { '/v1/configmaps': true });
  assert.ok(informer.hasSynced());
  assert.ok(seen.includes('add before (initial)'));

  const created = await cms.create({ metadata: { name: 'live' }, data: { a: '1' } });
  await cms.update({ ...created, data: { a: '2' } });
  await cms.delete('live');
  await until(() => seen.includes('delete live'), 'the delete');
  assert.deepEqual(seen.filter((s) => s.includes('live')), ['add live', 'update live {"a":"1"}->{"a":"2"}', 'delete live']);

  const lister = factory.listerFor<ConfigMap>(resources.configmaps);
  assert.equal(lister.namespace('default').get('before')?.data?.['a'], '1');
  assert.equal(lister.namespace('default').get('live'), undefined);
  assert.ok(lister.namespace('default').list().length >= 1);

  // A handler added late is told about what the cache already holds.
  const late: Seen = [];
  informer.addEventHandler(record(late));
  assert.ok(late.includes('add before (initial)'));
});

test('after a 410 the reflector relists: missed deletes become tombstones, missed changes updates', async (t) => {
  // A tiny watch cache makes old resource versions expire quickly.
  const { client, defer } = await startTestCluster(t, { watchCacheCapacity: 5 });
  const cms = new ResourceClient<ConfigMap>(client, resources.configmaps).namespace('default');
  const kept = await cms.create({ metadata: { name: 'kept' }, data: { v: '1' } });
  await cms.create({ metadata: { name: 'gone' } });
  // Push resourceVersion 2 out of the watch cache's window.
  for (let i = 0; i < 8; i++) await cms.create({ metadata: { name: `early${i}` } });

  const inner = listWatchFromClient(cms);
  let forceOld = false;
  let lists = 0;
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => { release = r; });
  let current: WatchStream<ConfigMap> | undefined;
  let forcedWatches = 0;
  const lw: ListerWatcher<ConfigMap> = {
    list: async (o, signal) => {
      if (++lists > 1) { await gate; forceOld = false; }
      return inner.list(o, signal);
    },
    watch: (o) => {
      if (forceOld) { forcedWatches++; o = { ...o, resourceVersion: '2' }; }
      current = inner.watch(o);
      return current;
    },
  };
  const errors: unknown[] = [];
  const informer = new SharedInformer<ConfigMap>(lw, {
    name: 'configmaps', backoff: { initialMs: 10, maxMs: 50, jitter: 0 }, onError: (e) => errors.push(e),
  });
  defer(() => informer.stop());
  const seen: Seen = [];
  informer.addEventHandler(record(seen));
  informer.run();
  assert.ok(await informer.waitForSync());

  // Break the watch; the next one starts from a compacted RV and gets 410 Expired.
  forceOld = true;
  current?.stop();
  await until(() => forcedWatches > 0 && errors.some(isResourceExpired), 'the 410');
  // Changes the informer cannot see while it waits to relist.
  await cms.delete('gone');
  await cms.update({ ...kept, data: { v: '2' } });
  for (let i = 0; i < 8; i++) await cms.create({ metadata: { name: `filler${i}` } });
  release();
  await until(() => informer.listCount === 2 && seen.includes('tombstone default/gone'), 'the relist');
  assert.ok(seen.includes('update kept {"v":"1"}->{"v":"2"}'));
  assert.ok(seen.includes('add filler7'));
  assert.equal(informer.indexer.getByKey('default/gone'), undefined);

  // And it watches again from the relist.
  await cms.create({ metadata: { name: 'after' } });
  await until(() => seen.includes('add after'), 'a watch event after the relist');
  assert.equal(informer.listCount, 2);
});

test('a resync replays onUpdate with the same object; a spec.nodeName index finds pods by node', async (t) => {
  const { client, defer } = await startTestCluster(t);
  await client.create({ version: 'v1', resource: 'nodes' }, { metadata: { name: 'n1' } }).catch(() => {});
  const pods = new ResourceClient<Pod>(client, resources.pods).namespace('default');
  const spec = (node?: string): Pod['spec'] => ({ containers: [{ name: 'c', image: 'busybox' }], ...(node ? { nodeName: node } : {}) });
  await pods.create({ metadata: { name: 'p1' }, spec: spec('n1') });
  await pods.create({ metadata: { name: 'p2' }, spec: spec() });

  const factory = new SharedInformerFactory(client);
  defer(() => factory.shutdown());
  const informer = factory.informerFor<Pod>(resources.pods, { indexers: { [NodeNameIndex]: nodeNameIndexFunc } });
  let resyncs = 0;
  informer.addEventHandler({ onUpdate: (a, b) => { if (a === b) resyncs++; } }, 50);
  factory.start();
  await factory.waitForCacheSync();
  assert.deepEqual(informer.indexer.indexKeys(NodeNameIndex, 'n1'), ['default/p1']);
  await until(() => resyncs >= 4, 'two resyncs of two pods');
});
