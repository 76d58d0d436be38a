import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../api/types.ts';
import { MemoryStore } from '../../storage/memory.ts';
import { CachedObject, attrsOf, servedJSON, storedJSON } from './cached.ts';
import { WatchCache } from './watchcache.ts';

const pod: KubeObject = {
  kind: 'Pod', apiVersion: 'v1',
  metadata: { name: 'a', namespace: 'ns', resourceVersion: '9', labels: { app: 'x' } },
  spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'i' }] },
};

test('stored JSON leads with apiVersion, kind and metadata and has no resourceVersion', () => {
  const s = storedJSON(pod);
  assert.ok(s.startsWith('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"'), s);
  assert.equal(s.includes('resourceVersion'), false);
  assert.deepEqual(JSON.parse(s), { ...pod, metadata: { name: 'a', namespace: 'ns', labels: { app: 'x' } } });
});

test('the served JSON has the revision spliced into metadata and parses to the object', () => {
  const { json, rvAt } = servedJSON(storedJSON(pod), 1234);
  assert.deepEqual(JSON.parse(json), { ...pod, metadata: { ...pod.metadata, resourceVersion: '1234' } });
  assert.equal(json.slice(rvAt, rvAt + 4), '1234');
});

test('empty metadata gets the revision without a dangling comma', () => {
  const { json } = servedJSON('{"apiVersion":"v1","kind":"Thing","metadata":{}}', 5);
  assert.deepEqual(JSON.parse(json), { apiVersion: 'v1', kind: 'Thing', metadata: { resourceVersion: '5' } });
});

test('values written in another key order are re-serialized, not spliced at a nested metadata', () => {
  const other = '{"spec":{"template":{"metadata":{"name":"t"}}},"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"d"}}';
  const { json, rvAt } = servedJSON(other, 7);
  assert.equal(rvAt, -1);
  const o = JSON.parse(json) as KubeObject & { spec: { template: { metadata: Record<string, string> } } };
  assert.equal(o.metadata.resourceVersion, '7');
  assert.deepEqual(o.spec.template.metadata, { name: 't' });
});

test('an entry at another revision changes only the resourceVersion', () => {
  for (const stored of [storedJSON(pod), '{"metadata":{"name":"a","namespace":"ns"},"kind":"Pod","apiVersion":"v1"}']) {
    const { json, rvAt } = servedJSON(stored, 99);
    const e = new CachedObject('ns', 'a', 99, json, rvAt, attrsOf(pod, undefined), undefined);
    const later = e.atRevision(100345);
    assert.equal(later.rv, 100345);
    assert.deepEqual(JSON.parse(later.json), { ...JSON.parse(json), metadata: { ...JSON.parse(json).metadata, resourceVersion: '100345' } });
    assert.equal(later.atRevision(3).obj.metadata.resourceVersion, '3');
  }
});

test('attributes copy labels and compute the kind\'s fields', () => {
  const a = attrsOf(pod, (o) => ({ 'spec.nodeName': String((o as { spec?: { nodeName?: string } }).spec?.nodeName ?? '') }));
  assert.deepEqual(a.labels, { app: 'x' });
  assert.notEqual(a.labels, pod.metadata.labels);
  assert.deepEqual(a.fields, { 'spec.nodeName': 'n1' });
  assert.equal(attrsOf({ ...pod, metadata: { name: 'b', labels: {} } }, undefined).labels, undefined);
});

test('the watch cache keeps objects serialized and only recently read ones parsed', async () => {
  const store = new MemoryStore();
  const cache = new WatchCache(store, '/registry/core/pods/', { parsedCapacity: 2 });
  await cache.start();
  try {
    for (const n of ['a', 'b', 'c', 'd']) await store.create(`/registry/core/pods/ns/${n}`, storedJSON({ ...pod, metadata: { ...pod.metadata, name: n } }));
    await cache.waitFor(await store.currentRevision(), 1000);
    const entries = ['a', 'b', 'c', 'd'].map((n) => cache.objects.get(`/registry/core/pods/ns/${n}`) as CachedObject);
    assert.deepEqual(entries.map((e) => [e.namespace, e.name, e.attrs.labels?.app]), [['ns', 'a', 'x'], ['ns', 'b', 'x'], ['ns', 'c', 'x'], ['ns', 'd', 'x']]);
    assert.equal(entries.some((e) => e.isParsed), false);
    for (const e of entries) assert.equal(e.obj.metadata.resourceVersion, String(e.rv));
    assert.deepEqual(entries.map((e) => e.isParsed), [false, false, true, true]);
    assert.equal(Object.isFrozen(entries[3]?.obj), true);
    assert.equal(entries[0]?.read().metadata.name, 'a');
    assert.equal(entries[0]?.isParsed, false);
  } finally {
    cache.stop();
    await store.close();
  }
});

test('packed entries give back their exact JSON, and objects read while packed parse the same', async () => {
  const store = new MemoryStore();
  const cache = new WatchCache(store, '/registry/core/pods/');
  await cache.start();
  try {
    const big = (n: string): KubeObject => ({
      ...pod, metadata: { ...pod.metadata, name: n, annotations: { note: `ünïcode ${n} ${'x'.repeat(400)}` } },
    });
    for (const n of ['a', 'b', 'c']) await store.create(`/registry/core/pods/ns/${n}`, storedJSON(big(n)));
    await store.create('/registry/core/pods/ns/tiny', '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"tiny"}}');
    await cache.waitFor(await store.currentRevision(), 1000);
    const before = new Map([...cache.objects].map(([k, e]) => [k, e.json]));
    cache.packNow();
    const entries = [...cache.objects.values()];
    assert.deepEqual(entries.map((e) => [e.name, e.isPacked]), [['a', true], ['b', true], ['c', true], ['tiny', false]]);
    for (const [k, e] of cache.objects) assert.equal(e.json, before.get(k));
    const c = cache.objects.get('/registry/core/pods/ns/c') as CachedObject;
    assert.equal((c.obj.metadata.annotations ?? {}).note?.startsWith('ünïcode c'), true);
    assert.equal(c.atRevision(77).obj.metadata.resourceVersion, '77');
  } finally {
    cache.stop();
    await store.close();
  }
});

test('watch history keeps 75 s of events (at least 100), so older resourceVersions get 410', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
  const store = new MemoryStore();
  const cache = new WatchCache(store, '/registry/core/configmaps/', { capacity: 1000, pack: false });
  await cache.start();
  try {
    const put = async (i: number): Promise<number> => (await store.create(`/registry/core/configmaps/ns/c${i}`, `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c${i}"}}`)).modRevision;
    const first = await put(0);
    for (let i = 1; i < 150; i++) await put(i);
    await cache.waitFor(await store.currentRevision(), 1000);
    const resume = (rv: number): void => { cache.subscribe({ onEvents: () => {} }, rv).close(); };
    resume(first); // all 150 events are fresh: kept
    t.mock.timers.tick(80_000);
    const last = await put(150);
    await cache.waitFor(last, 1000);
    assert.throws(() => resume(first), /too old resource version/);
    resume(last - 99); // the newest 100 stay
    assert.throws(() => resume(last - 101), /too old resource version/);
  } finally {
    cache.stop();
    await store.close();
  }
});
