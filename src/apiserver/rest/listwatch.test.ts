import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, startTestServer } from '../testing.ts';
import type { TestServer } from '../testing.ts';

let s: TestServer;
before(async () => { s = await startTestServer({ watchCacheCapacity: 50 }); });
after(async () => { await s.close(); });

const cm = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: { k: name } });
const names = (r: { json: Record<string, unknown> }): string[] => (r.json.items as { metadata: { name: string } }[]).map((i) => i.metadata.name);

async function ns(name: string): Promise<void> {
  await s.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

test('label selectors: =, !=, in, notin, exists, !exists', async () => {
  await ns('sel');
  await s.request('POST', '/api/v1/namespaces/sel/configmaps', cm('a', { tier: 'fe', env: 'prod' }));
  await s.request('POST', '/api/v1/namespaces/sel/configmaps', cm('b', { tier: 'be' }));
  await s.request('POST', '/api/v1/namespaces/sel/configmaps', cm('c', {}));
  const q = async (sel: string): Promise<string[]> => names(await s.request('GET', `/api/v1/namespaces/sel/configmaps?labelSelector=${encodeURIComponent(sel)}`));
  assert.deepEqual(await q('tier=fe'), ['a']);
  assert.deepEqual(await q('tier==be'), ['b']);
  assert.deepEqual(await q('tier!=fe'), ['b', 'c']);
  assert.deepEqual(await q('tier in (fe,be)'), ['a', 'b']);
  assert.deepEqual(await q('tier notin (fe)'), ['b', 'c']);
  assert.deepEqual(await q('env'), ['a']);
  assert.deepEqual(await q('!env'), ['b', 'c']);
  const bad = await s.request('GET', '/api/v1/namespaces/sel/configmaps?labelSelector=' + encodeURIComponent('a in ('));
  assert.equal(bad.status, 400);
});

test('field selectors: metadata.name, per-kind fields, unsupported fields', async () => {
  const r = await s.request('GET', '/api/v1/namespaces/sel/configmaps?fieldSelector=metadata.name%3Db');
  assert.deepEqual(names(r), ['b']);
  await s.request('POST', '/api/v1/namespaces/sel/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  assert.deepEqual(names(await s.request('GET', '/api/v1/namespaces/sel/pods?fieldSelector=status.phase%3DPending')), ['p']);
  assert.deepEqual(names(await s.request('GET', '/api/v1/pods?fieldSelector=spec.nodeName%3Dnone')), []);
  const bad = await s.request('GET', '/api/v1/namespaces/sel/configmaps?fieldSelector=data.k%3Da');
  assert.equal(bad.status, 400);
  assert.match(String(bad.json.message), /field label not supported: data.k/);
});

test('limit and continue page through a consistent snapshot', async () => {
  await ns('page');
  for (let i = 0; i < 7; i++) await s.request('POST', '/api/v1/namespaces/page/configmaps', cm(`c${i}`));
  const seen: string[] = [];
  let cont = '';
  let first = true;
  let rv = '';
  do {
    const r = await s.request('GET', `/api/v1/namespaces/page/configmaps?limit=3${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
    assert.equal(r.status, 200);
    const meta = r.json.metadata as Record<string, unknown>;
    if (first) { assert.equal(meta.remainingItemCount, 4); rv = String(meta.resourceVersion); first = false; }
    else assert.equal(String(meta.resourceVersion), rv);
    seen.push(...names(r));
    // a write between pages does not show up in the snapshot
    if (seen.length === 3) await s.request('POST', '/api/v1/namespaces/page/configmaps', cm('c9'));
    cont = String(meta.continue ?? '');
  } while (cont);
  assert.deepEqual(seen, ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  const bad = await s.request('GET', '/api/v1/namespaces/page/configmaps?limit=2&continue=garbage');
  assert.equal(bad.status, 400);
});

test('a paginated list with a selector pages through the matching objects only, without a remaining count', async () => {
  await ns('pagesel');
  for (let i = 0; i < 7; i++) await s.request('POST', '/api/v1/namespaces/pagesel/configmaps', cm(`s${i}`, { half: i % 2 === 0 ? 'even' : 'odd' }));
  const first = await s.request('GET', '/api/v1/namespaces/pagesel/configmaps?labelSelector=half%3Deven&limit=2');
  assert.equal(first.status, 200);
  assert.deepEqual(names(first), ['s0', 's2']);
  const meta = first.json.metadata as Record<string, unknown>;
  assert.equal(meta.remainingItemCount, undefined);
  assert.ok(meta.continue);
  const rest = await s.request('GET', `/api/v1/namespaces/pagesel/configmaps?labelSelector=half%3Deven&limit=2&continue=${encodeURIComponent(String(meta.continue))}`);
  assert.deepEqual(names(rest), ['s4', 's6']);
  assert.equal((rest.json.metadata as Record<string, unknown>).continue ?? '', '');
  // Nothing matching: one empty page, no continue token.
  const none = await s.request('GET', '/api/v1/namespaces/pagesel/configmaps?labelSelector=half%3Dnone&limit=2');
  assert.deepEqual(names(none), []);
  assert.equal((none.json.metadata as Record<string, unknown>).continue ?? '', '');
});

test('a list right after a write sees it (consistent read from the watch cache)', async () => {
  await ns('fresh');
  for (let i = 0; i < 20; i++) {
    await s.request('POST', '/api/v1/namespaces/fresh/configmaps', cm(`f${i}`));
    const r = await s.request('GET', '/api/v1/namespaces/fresh/configmaps');
    assert.equal(names(r).length, i + 1);
  }
});

test('resourceVersion=0 and NotOlderThan lists are served; Exact reads history', async () => {
  await ns('rv');
  const c = await s.request('POST', '/api/v1/namespaces/rv/configmaps', cm('x'));
  const rv1 = String((c.json.metadata as Record<string, unknown>).resourceVersion);
  await s.request('PUT', '/api/v1/namespaces/rv/configmaps/x', { ...cm('x'), data: { k: 'changed' } });
  const exact = await s.request('GET', `/api/v1/namespaces/rv/configmaps?resourceVersion=${rv1}&resourceVersionMatch=Exact`);
  assert.equal(exact.status, 200);
  assert.deepEqual((exact.json.items as { data: unknown }[])[0]?.data, { k: 'x' });
  const zero = await s.request('GET', '/api/v1/namespaces/rv/configmaps?resourceVersion=0');
  assert.deepEqual((zero.json.items as { data: unknown }[])[0]?.data, { k: 'changed' });
  const bad = await s.request('GET', '/api/v1/namespaces/rv/configmaps?resourceVersionMatch=Exact');
  assert.equal(bad.status, 400);
});

test('watch sends initial state, then ADDED, MODIFIED and DELETED in order', async () => {
  await ns('w');
  await s.request('POST', '/api/v1/namespaces/w/configmaps', cm('pre'));
  const w = s.watch('/api/v1/namespaces/w/configmaps?watch=true');
  await eventually(() => w.events.length >= 1);
  await s.request('POST', '/api/v1/namespaces/w/configmaps', cm('new'));
  await s.request('PATCH', '/api/v1/namespaces/w/configmaps/new', { data: { k: 'v2' } }, { 'content-type': 'application/merge-patch+json' });
  await s.request('DELETE', '/api/v1/namespaces/w/configmaps/new');
  await eventually(() => w.events.length >= 4);
  w.stop();
  const seen = w.events.map((e) => `${String(e.type)} ${(e.object as { metadata: { name: string } }).metadata.name}`);
  assert.deepEqual(seen, ['ADDED pre', 'ADDED new', 'MODIFIED new', 'DELETED new']);
  const rvs = w.events.slice(1).map((e) => Number((e.object as { metadata: { resourceVersion: string } }).metadata.resourceVersion));
  assert.ok(rvs[0]! < rvs[1]! && rvs[1]! < rvs[2]!);
});

test('watch from a resourceVersion replays what happened after it', async () => {
  await ns('resume');
  const c = await s.request('POST', '/api/v1/namespaces/resume/configmaps', cm('r1'));
  const rv = String((c.json.metadata as Record<string, unknown>).resourceVersion);
  await s.request('POST', '/api/v1/namespaces/resume/configmaps', cm('r2'));
  const w = s.watch(`/api/v1/namespaces/resume/configmaps?watch=true&resourceVersion=${rv}`);
  await eventually(() => w.events.length >= 1);
  w.stop();
  assert.deepEqual(w.events.map((e) => (e.object as { metadata: { name: string } }).metadata.name), ['r2']);
});

test('a label-selector watch turns objects leaving the selection into DELETED', async () => {
  await ns('trans');
  const w = s.watch('/api/v1/namespaces/trans/configmaps?watch=true&labelSelector=keep%3Dyes');
  await s.request('POST', '/api/v1/namespaces/trans/configmaps', cm('t', { keep: 'yes' }));
  await s.request('PATCH', '/api/v1/namespaces/trans/configmaps/t', { metadata: { labels: { keep: 'no' } } }, { 'content-type': 'application/merge-patch+json' });
  await eventually(() => w.events.length >= 2);
  w.stop();
  assert.deepEqual(w.events.map((e) => e.type), ['ADDED', 'DELETED']);
});

test('watch from a resourceVersion older than the cache holds gets 410 Gone', async () => {
  await ns('old');
  const c = await s.request('POST', '/api/v1/namespaces/old/configmaps', cm('o0'));
  const rv = String((c.json.metadata as Record<string, unknown>).resourceVersion);
  for (let i = 1; i < 80; i++) await s.request('POST', '/api/v1/namespaces/old/configmaps', cm(`o${i}`));
  const w = s.watch(`/api/v1/namespaces/old/configmaps?watch=true&resourceVersion=${rv}`);
  await w.ended;
  assert.equal(w.events.length, 1);
  assert.equal(w.events[0]?.type, 'ERROR');
  assert.equal((w.events[0]?.object as Record<string, unknown>).code, 410);
});

test('bookmarks mark the end of initial events', async () => {
  const w = s.watch('/api/v1/namespaces/sel/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan');
  await eventually(() => w.events.some((e) => e.type === 'BOOKMARK'));
  w.stop();
  const bm = w.events.find((e) => e.type === 'BOOKMARK');
  assert.equal(((bm?.object as { metadata: { annotations: Record<string, string> } }).metadata.annotations)['k8s.io/initial-events-end'], 'true');
  assert.equal(w.events.filter((e) => e.type === 'ADDED').length, 3);
});

test('Table responses carry upstream columns and partial object metadata', async () => {
  const r = await s.request('GET', '/api/v1/namespaces/sel/configmaps', undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
  assert.equal(r.json.kind, 'Table');
  assert.deepEqual((r.json.columnDefinitions as { name: string }[]).map((c) => c.name), ['Name', 'Data', 'Age']);
  const row = (r.json.rows as { cells: unknown[]; object: { kind: string } }[])[0];
  assert.equal(row?.cells[0], 'a');
  assert.equal(row?.object.kind, 'PartialObjectMetadata');
});

test('a list past 16 MB streams out in pieces and arrives whole', async () => {
  await ns('big');
  const data = 'x'.repeat(700_000);
  for (let i = 0; i < 26; i++) {
    const r = await s.request('POST', '/api/v1/namespaces/big/configmaps', { ...cm(`c${String(i).padStart(2, '0')}`), data: { k: data } });
    assert.equal(r.status, 201);
  }
  const r = await s.request('GET', '/api/v1/namespaces/big/configmaps');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-length'], undefined);
  assert.deepEqual(names(r), Array.from({ length: 26 }, (_, i) => `c${String(i).padStart(2, '0')}`));
  assert.equal(((r.json.items as { data: { k: string } }[])[25]?.data.k.length), 700_000);
  assert.match(String((r.json.metadata as { resourceVersion: string }).resourceVersion), /^\d+$/);
});
