import assert from 'node:assert/strict';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../api/errors.ts';
import { RestClient } from './rest.ts';
import type { ResourceRef } from './request.ts';
import { isAlreadyExists, isConflict, isNotFound } from './status.ts';
import { startTestCluster } from './testing/server.ts';
import type { WatchEvent } from './watch.ts';

const cms = (name?: string, namespace = 'default'): ResourceRef => ({ version: 'v1', resource: 'configmaps', namespace, name });

test('CRUD on configmaps, with NotFound, AlreadyExists and Conflict as StatusErrors', async (t) => {
  const { client } = await startTestCluster(t);
  const created = await client.create<ConfigMap>(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } });
  assert.equal(created.metadata?.name, 'a');
  assert.ok(created.metadata?.resourceVersion);

  const got = await client.get<ConfigMap>(cms('a'));
  assert.deepEqual(got.data, { k: 'v' });

  await assert.rejects(client.create(cms(), { metadata: { name: 'a' } }), (e: unknown) => {
    assert.ok(e instanceof StatusError);
    assert.equal(e.code, 409);
    assert.ok(isAlreadyExists(e));
    return true;
  });

  const updated = await client.update<ConfigMap>(cms('a'), { ...got, data: { k: 'v2' } });
  assert.equal(updated.data?.['k'], 'v2');
  // A stale resourceVersion conflicts.
  await assert.rejects(client.update(cms('a'), { ...got, data: { k: 'v3' } }), (e: unknown) => isConflict(e) && (e as StatusError).code === 409);

  const list = await client.list<ConfigMap>(cms());
  assert.ok(list.items.some((i) => i.metadata?.name === 'a'));
  assert.ok(list.metadata.resourceVersion);

  await client.delete(cms('a'));
  await assert.rejects(client.get(cms('a')), (e: unknown) => {
    assert.ok(e instanceof StatusError);
    assert.equal(e.code, 404);
    assert.ok(isNotFound(e));
    assert.equal(e.details?.name, 'a');
    return true;
  });
});

test('merge, strategic, JSON patch and server-side apply', async (t) => {
  const { client } = await startTestCluster(t);
  await client.create(cms(), { metadata: { name: 'p', labels: { a: '1' } }, data: { x: '1' } });
  let cm = await client.patch<ConfigMap>(cms('p'), 'merge', { data: { y: '2' } });
  assert.deepEqual(cm.data, { x: '1', y: '2' });
  cm = await client.patch<ConfigMap>(cms('p'), 'strategic', { metadata: { labels: { b: '2' } } });
  assert.deepEqual(cm.metadata?.labels, { a: '1', b: '2' });
  cm = await client.patch<ConfigMap>(cms('p'), 'json', [{ op: 'remove', path: '/data/x' }]);
  assert.deepEqual(cm.data, { y: '2' });
  cm = await client.patch<ConfigMap>(cms('applied'), 'apply',
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace: 'default' }, data: { z: '3' } },
    { fieldManager: 'test', force: true });
  assert.deepEqual(cm.data, { z: '3' });
  await assert.rejects(client.patch(cms('p'), 'json', [{ op: 'test', path: '/data/y', value: 'nope' }]), StatusError);
});

test('list pages with limit and continue; deleteCollection by label', async (t) => {
  const { client } = await startTestCluster(t);
  for (let i = 0; i < 5; i++) await client.create(cms(), { metadata: { name: `c${i}`, labels: { group: i < 3 ? 'x' : 'y' } } });
  const names: string[] = [];
  let cont: string | undefined;
  let pages = 0;
  do {
    const page = await client.list<ConfigMap>(cms(), { limit: 2, continue: cont, labelSelector: 'group' });
    pages++;
    for (const i of page.items) names.push(i.metadata?.name ?? '');
    cont = page.metadata.continue || undefined;
  } while (cont);
  assert.deepEqual(names.sort(), ['c0', 'c1', 'c2', 'c3', 'c4']);
  assert.equal(pages, 3);
  await client.deleteCollection(cms(), { labelSelector: 'group=x' });
  const left = await client.list<ConfigMap>(cms(), { labelSelector: 'group' });
  assert.deepEqual(left.items.map((i) => i.metadata?.name).sort(), ['c3', 'c4']);
});

test('a watch streams ADDED, MODIFIED and DELETED events and stop() ends it', async (t) => {
  const { client, defer } = await startTestCluster(t);
  const list = await client.list(cms());
  const w = client.watch<ConfigMap>(cms(), { resourceVersion: list.metadata.resourceVersion });
  defer(() => w.stop());
  const seen: WatchEvent<ConfigMap>[] = [];
  const reading = (async () => {
    for await (const ev of w) {
      seen.push(ev);
      if (seen.length === 3) w.stop();
    }
  })();
  const created = await client.create<ConfigMap>(cms(), { metadata: { name: 'w' } });
  await client.update(cms('w'), { ...created, data: { a: 'b' } });
  await client.delete(cms('w'));
  await reading;
  assert.deepEqual(seen.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);
  const modified = seen[1];
  assert.ok(modified && modified.type === 'MODIFIED');
  assert.deepEqual(modified.object.data, { a: 'b' });
});

test('many watches share one HTTP/2 connection', async (t) => {
  const { client, server, defer } = await startTestCluster(t);
  let sessions = 0;
  const h2 = (server as unknown as { server: http2.Http2SecureServer }).server;
  h2.on('session', () => { sessions++; });
  const watches = Array.from({ length: 20 }, (_, i) => client.watch(cms(undefined, `ns-${i}`)));
  defer(() => { for (const w of watches) w.stop(); });
  const firsts = watches.map(async (w) => { for await (const ev of w) return ev; return undefined; });
  const ev = await Promise.race([firsts[0], client.create(cms(), { metadata: { name: 'x' } }).then(() => 'created')]);
  assert.equal(ev, 'created');
  assert.equal(sessions, 1, 'one HTTP/2 session carries every watch and the create');
});

test('429 with Retry-After is retried and a non-Status error body is synthesized into a StatusError', async (t) => {
  let calls = 0;
  const srv = http2.createServer();
  srv.on('stream', (stream, headers) => {
    calls++;
    if (headers[':path']?.startsWith('/api/v1/namespaces/default/configmaps/busy')) {
      if (calls === 1) { stream.respond({ ':status': 429, 'retry-after': '0' }); stream.end('slow down'); return; }
      stream.respond({ ':status': 200, 'content-type': 'application/json' });
      stream.end(JSON.stringify({ metadata: { name: 'busy' } }));
      return;
    }
    stream.respond({ ':status': 502 });
    stream.end('<html>bad gateway</html>');
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const client = new RestClient({ server: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, qps: -1, burst: 0, userAgent: 't' });
  t.after(() => { client.close(); srv.close(); });
  const cm = await client.get<ConfigMap>(cms('busy'));
  assert.equal(cm.metadata?.name, 'busy');
  assert.equal(calls, 2);
  await assert.rejects(client.get(cms('other')), (e: unknown) => {
    assert.ok(e instanceof StatusError);
    assert.equal(e.code, 502);
    assert.equal(e.details?.causes?.[0]?.reason, 'UnexpectedServerResponse');
    return true;
  });
});

test('a request reconnects after the server sends GOAWAY', async (t) => {
  const srv = http2.createServer();
  const sessions: http2.ServerHttp2Session[] = [];
  srv.on('session', (s) => sessions.push(s));
  srv.on('stream', (stream) => {
    stream.respond({ ':status': 200, 'content-type': 'application/json' });
    stream.end(JSON.stringify({ metadata: { name: String(sessions.length) } }));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const client = new RestClient({ server: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, qps: -1, burst: 0, userAgent: 't' });
  t.after(() => { client.close(); srv.close(); });
  assert.equal((await client.get<ConfigMap>(cms('a'))).metadata?.name, '1');
  sessions[0]?.goaway();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal((await client.get<ConfigMap>(cms('a'))).metadata?.name, '2');
});

test('the client-side rate limiter spaces requests at qps after the burst', async (t) => {
  const srv = http2.createServer();
  srv.on('stream', (stream) => { stream.respond({ ':status': 200, 'content-type': 'application/json' }); stream.end('{}'); });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const client = new RestClient({ server: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, qps: 20, burst: 2, userAgent: 't' });
  t.after(() => { client.close(); srv.close(); });
  const start = Date.now();
  await Promise.all(Array.from({ length: 6 }, () => client.get(cms('a'))));
  // 2 at once, then 4 more at 20/s: at least ~200 ms.
  assert.ok(Date.now() - start >= 180, `took ${Date.now() - start} ms`);
});
