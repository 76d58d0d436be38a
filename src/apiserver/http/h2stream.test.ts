// HTTP/2 streams served without Node's compatibility layer: the answers a client sees.
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { after, before, test } from 'node:test';
import { startTestServer } from '../testing.ts';
import type { TestServer } from '../testing.ts';

let ts: TestServer;
let session: http2.ClientHttp2Session;

before(async () => {
  ts = await startTestServer();
  const pki = ts.server.pki;
  session = http2.connect(ts.server.url, { ca: pki.caCertPem, cert: pki.adminCertPem, key: pki.adminKeyPem });
});
after(async () => { session.close(); await ts.close(); });

interface Seen { status: number; headers: http2.IncomingHttpHeaders; body: string; informational: number[] }

function send(headers: http2.OutgoingHttpHeaders, body?: string): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = session.request(headers, { endStream: body === undefined });
    const seen: Seen = { status: 0, headers: {}, body: '', informational: [] };
    req.setEncoding('utf8');
    req.on('headers', (h) => { seen.informational.push(Number(h[':status'])); });
    req.on('response', (h) => { seen.status = Number(h[':status']); seen.headers = h; });
    req.on('data', (c: string) => { seen.body += c; });
    req.on('end', () => resolve(seen));
    req.on('error', reject);
    const timer = setTimeout(() => { req.close(); reject(new Error(`no answer to ${String(headers[':method'])} ${String(headers[':path'])}`)); }, 5000);
    req.on('close', () => clearTimeout(timer));
    if (body !== undefined) req.end(body);
  });
}

test('GET and HEAD: the same status and headers, HEAD without a body', async () => {
  const get = await send({ ':method': 'GET', ':path': '/api/v1/namespaces/default' });
  const head = await send({ ':method': 'HEAD', ':path': '/api/v1/namespaces/default' });
  assert.equal(get.status, 200);
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.equal(head.headers['content-length'], String(Buffer.byteLength(get.body)));
  assert.equal(head.headers['content-type'], 'application/json');
  assert.ok(head.headers['audit-id']);
  const missing = await send({ ':method': 'HEAD', ':path': '/api/v1/namespaces/nope' });
  assert.equal(missing.status, 404);
  assert.equal(missing.body, '');
});

test('a body is read from the stream; a client expecting 100-continue gets it first', async () => {
  const cm = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'h2' }, data: { a: 'b' } });
  const created = await send({ ':method': 'POST', ':path': '/api/v1/namespaces/default/configmaps', 'content-type': 'application/json' }, cm);
  assert.equal(created.status, 201);
  assert.equal((JSON.parse(created.body) as { data: { a: string } }).data.a, 'b');
  const continued = await send({ ':method': 'POST', ':path': '/api/v1/namespaces/default/configmaps?dryRun=All', 'content-type': 'application/json', expect: '100-continue' }, cm.replace('"h2"', '"h2-dry"'));
  assert.deepEqual(continued.informational, [100]);
  assert.equal(continued.status, 201);
});

test('warnings go out as repeated Warning headers', async () => {
  const cm = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'warned' }, bogus: 1, other: 2 });
  const r = await send({ ':method': 'POST', ':path': '/api/v1/namespaces/default/configmaps?fieldValidation=Warn', 'content-type': 'application/json' }, cm);
  assert.equal(r.status, 201);
  assert.match(String(r.headers.warning), /unknown field \\"bogus\\".*unknown field \\"other\\"/);
});

test('a watch streams events until the client cancels it, and the server stays usable', async () => {
  const lines: string[] = [];
  const req = session.request({ ':method': 'GET', ':path': '/api/v1/namespaces/default/configmaps?watch=true' });
  req.setEncoding('utf8');
  let buf = '';
  req.on('data', (c: string) => { buf += c; let i; while ((i = buf.indexOf('\n')) >= 0) { lines.push(buf.slice(0, i)); buf = buf.slice(i + 1); } });
  const status = await new Promise<number>((resolve) => req.on('response', (h) => resolve(Number(h[':status']))));
  assert.equal(status, 200);
  await send({ ':method': 'POST', ':path': '/api/v1/namespaces/default/configmaps', 'content-type': 'application/json' }, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched' } }));
  const deadline = Date.now() + 5000;
  while (!lines.some((l) => l.includes('"watched"')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(lines.some((l) => l.includes('"watched"')), `events: ${lines.join('\n')}`);
  req.close(http2.constants.NGHTTP2_CANCEL);
  assert.equal((await send({ ':method': 'GET', ':path': '/readyz' })).status, 200);
});
