// Bad and hostile input gets a clear Status, never a 5xx, a crash or a partial write.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer } from './testing.ts';
import type { TestServer } from './testing.ts';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s.close(); });

const CM = '/api/v1/namespaces/default/configmaps';

test('bodies over 3 MiB are refused with 413', async () => {
  const big = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { k: 'x'.repeat(3 * 1024 * 1024 + 10) } };
  const r = await s.request('POST', CM, big);
  assert.equal(r.status, 413);
  assert.equal(r.json.reason, 'RequestEntityTooLarge');
});

test('unknown content types are 415', async () => {
  const r = await s.request('POST', CM, 'a=b', { 'content-type': 'text/plain' });
  assert.equal(r.status, 415);
  assert.equal(r.json.reason, 'UnsupportedMediaType');
});

test('malformed JSON, wrong types and mismatched kinds are 400s', async () => {
  for (const body of ['{', '[]', '"str"', '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}}',
    '{"apiVersion":"v1","kind":"ConfigMap","metadata":"nope"}', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":5}}',
    '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","labels":{"a":1}}}']) {
    const r = await s.request('POST', CM, body);
    assert.equal(r.status, 400, `${body} → ${r.status} ${r.text}`);
    assert.equal(r.json.kind, 'Status');
  }
});

test('deeply nested JSON is refused cleanly', async () => {
  const deep = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"x":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
  const r = await s.request('POST', CM, deep);
  assert.equal(r.status, 400);
});

test('invalid objects get 422 with field causes and nothing is stored', async () => {
  const r = await s.request('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name', labels: { 'bad key!': 'v' } } });
  assert.equal(r.status, 422);
  assert.equal(r.json.reason, 'Invalid');
  const causes = (r.json.details as { causes: { field: string }[] }).causes.map((c) => c.field);
  assert.ok(causes.includes('metadata.name'));
  assert.ok(causes.includes('metadata.labels'));
  assert.equal((await s.request('GET', `${CM}/Bad_Name`)).status, 404);
});

test('strict field validation names unknown and duplicate fields', async () => {
  const r = await s.request('POST', `${CM}?fieldValidation=Strict`, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"s"},"bogus":1,"data":{},"data":{}}');
  assert.equal(r.status, 400);
  assert.match(String(r.json.message), /strict decoding error: .*duplicate field "data".*unknown field "bogus"/);
  const warn = await s.request('POST', `${CM}?fieldValidation=Warn`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w' }, bogus: 1 });
  assert.equal(warn.status, 201);
  assert.match(String(warn.headers.warning), /unknown field \\"bogus\\"/);
  assert.equal((await s.request('GET', `${CM}/w`)).json.bogus, undefined);
});

test('unknown resources and groups are 404; unsupported verbs 405', async () => {
  assert.equal((await s.request('GET', '/api/v1/namespaces/default/widgets')).status, 404);
  assert.equal((await s.request('GET', '/apis/nope.example.com/v1/things')).status, 404);
  const r = await s.request('DELETE', '/api/v1/componentstatuses/etcd-0');
  assert.equal(r.status, 405);
});

test('anonymous requests may read health and version only', async () => {
  assert.equal((await s.anonymous('GET', '/readyz')).status, 200);
  assert.equal((await s.anonymous('GET', '/version')).status, 200);
  const r = await s.anonymous('GET', '/api/v1/namespaces');
  assert.equal(r.status, 403);
  assert.equal(r.json.reason, 'Forbidden');
});

test('a burst of garbage leaves the store consistent', async () => {
  const bodies = ['', 'null', '{}', '{"metadata":{}}', '\u0000\u0001', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ok"},"data":{"a":5}}'];
  const paths = [CM, `${CM}/x`, '/api/v1/namespaces', '/apis/apps/v1/namespaces/default/deployments', '/api/v1/namespaces/default/pods/p/status'];
  const methods = ['POST', 'PUT', 'PATCH', 'DELETE'];
  let n = 0;
  for (const m of methods) for (const p of paths) for (const b of bodies) {
    const r = await s.request(m, p, b, { 'content-type': m === 'PATCH' ? 'application/merge-patch+json' : 'application/json' });
    assert.ok(r.status < 500, `${m} ${p} ${JSON.stringify(b)} → ${r.status} ${r.text}`);
    n++;
  }
  assert.ok(n > 100);
  const list = await s.request('GET', CM);
  assert.equal(list.status, 200);
  assert.ok((await s.request('GET', '/readyz')).status === 200);
});

test('malformed request paths get a 4xx and the server stays up', async () => {
  for (const p of ['/%ZZ', '/api/v1/namespaces/default/pods/%FF%FE']) {
    const r = await s.request('GET', p);
    assert.equal(r.status, 400, `${p} → ${r.status} ${r.text}`);
  }
  assert.equal((await s.request('GET', '//')).status, 404);
  assert.equal((await s.request('GET', '/readyz')).status, 200);
});

test('thousands of unknown fields give bounded warning headers and a healthy connection', async () => {
  const obj: Record<string, unknown> = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'many-unknown' } };
  for (let i = 0; i < 20_000; i++) obj[`x${i}`] = i;
  const r = await s.request('POST', `${CM}?fieldValidation=Warn`, obj);
  assert.equal(r.status, 201);
  const warning = String(r.headers.warning ?? '');
  assert.ok(warning.length > 0 && warning.length < 8 * 1024, `warning header of ${warning.length} bytes`);
  assert.equal((await s.request('GET', `${CM}/many-unknown`)).status, 200);
});

test('fields of the wrong JSON type are refused as upstream decoding refuses them', async () => {
  const r = await s.request('POST', '/api/v1/namespaces/default/podtemplates', {
    apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'bad-pt' }, template: { metadata: [[1]], spec: { containers: [{ name: 'c', image: 'x' }] } },
  });
  assert.equal(r.status, 400);
  assert.equal(r.json.message, 'PodTemplate in version "v1" cannot be handled as a PodTemplate: json: cannot unmarshal array into Go struct field PodTemplate.template.metadata of type v1.ObjectMeta');
  const q = await s.request('POST', '/api/v1/namespaces/default/pods', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'typed' },
    spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: '80' }], resources: { limits: { cpu: 1, memory: '1Gi' } } }] },
  });
  assert.equal(q.status, 400);
  assert.match(String(q.json.message), /cannot unmarshal string into Go struct field Pod\.spec\.containers\.ports\.containerPort of type int32/);
  assert.equal((await s.request('GET', '/api/v1/namespaces/default/podtemplates/bad-pt')).status, 404);
});

test('dot segments and legacy watch paths cannot widen a delete', async () => {
  await s.request('POST', '/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'keep' }, spec: { ports: [{ port: 80 }] } });
  for (const p of ['/api/v1/watch/namespaces/%2e%2e/services', '/api/v1/namespaces/%2E%2E/services', '/api/v1/namespaces/../services', '/api/v1/watch/services', '/api/v1/services']) {
    const r = await s.request('DELETE', p);
    assert.ok(r.status === 400 || r.status === 405, `${p} → ${r.status}`);
  }
  assert.equal((await s.request('GET', '/api/v1/namespaces/default/services/keep')).status, 200);
  assert.equal((await s.request('GET', '/api/v1/namespaces/default/services/kubernetes')).status, 200);
});
