import assert from 'node:assert/strict';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { TLSSocket } from 'node:tls';
import { createCertificateAuthority, daysFromNow, issueCertificate } from '../auth/pki/index.ts';
import type { CertificateAndKey } from '../auth/pki/index.ts';
import type { RestConfig } from './config.ts';
import { RestClient } from './rest.ts';
import { ConnectionWindowBytes, StreamWindowBytes, sharedTransportCount, transportKey } from './transport.ts';

interface Seen { session: number; path: string; authorization?: string; userAgent?: string; peer: string }

// A TLS HTTP/2 server that records, per request, which connection carried it, its Authorization
// and User-Agent headers and the client certificate's common name; /slow answers only when told.
let server: http2.Http2SecureServer;
let url = '';
let caPem = '';
let certA: CertificateAndKey;
let certB: CertificateAndKey;
const seen: Seen[] = [];
const sessions: http2.ServerHttp2Session[] = [];
const slow: http2.ServerHttp2Stream[] = [];

before(async () => {
  const ca = await createCertificateAuthority({ commonName: 'test-ca', notAfter: daysFromNow(1) });
  caPem = ca.certPem;
  const serving = await issueCertificate(ca, { commonName: 'server', hosts: ['127.0.0.1'], usages: ['server'], notAfter: daysFromNow(1) });
  certA = await issueCertificate(ca, { commonName: 'system:node:a', organizations: ['system:nodes'], usages: ['client'], notAfter: daysFromNow(1) });
  certB = await issueCertificate(ca, { commonName: 'system:node:b', organizations: ['system:nodes'], usages: ['client'], notAfter: daysFromNow(1) });
  server = http2.createSecureServer({ cert: serving.certPem, key: serving.keyPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: false });
  server.on('session', (s) => { sessions.push(s); });
  server.on('stream', (stream, headers) => {
    const socket = stream.session?.socket as TLSSocket | undefined;
    const peer = socket?.getPeerCertificate().subject?.CN;
    seen.push({
      session: sessions.indexOf(stream.session as http2.ServerHttp2Session), path: String(headers[':path']),
      authorization: headers.authorization, userAgent: headers['user-agent'], peer: typeof peer === 'string' ? peer : '',
    });
    if (headers[':path'] === '/slow') { slow.push(stream); return; }
    stream.respond({ ':status': 200, 'content-type': 'application/json' });
    stream.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  for (const s of sessions) s.destroy();
  server.close();
});

function config(extra: Partial<RestConfig>): RestConfig {
  return { server: url, ca: caPem, qps: -1, burst: 0, userAgent: 'test', ...extra };
}

function reset(): void {
  seen.length = 0;
  sessions.length = 0;
}

test('clients with the same server and TLS material share one connection, each sending its own token and user agent', async (t) => {
  reset();
  const before = sharedTransportCount();
  const one = new RestClient(config({ token: 'token-one', userAgent: 'kubelet/one' }));
  const two = new RestClient(config({ token: 'token-two', userAgent: 'kubelet/two' }));
  t.after(() => { one.close(); two.close(); });
  assert.equal(sharedTransportCount(), before + 1);
  await Promise.all([one.request({ method: 'GET', path: '/api' }), two.request({ method: 'GET', path: '/api' })]);
  await one.request({ method: 'GET', path: '/apis' });
  assert.equal(sessions.length, 1, 'one TLS connection');
  assert.deepEqual(seen.map((s) => [s.session, s.authorization, s.userAgent]).sort(), [
    [0, 'Bearer token-one', 'kubelet/one'], [0, 'Bearer token-one', 'kubelet/one'], [0, 'Bearer token-two', 'kubelet/two'],
  ]);
});

test('clients with different client certificates get connections of their own', async (t) => {
  reset();
  const a = new RestClient(config({ cert: certA.certPem, key: certA.keyPem }));
  const b = new RestClient(config({ cert: certB.certPem, key: certB.keyPem }));
  const a2 = new RestClient(config({ cert: certA.certPem, key: certA.keyPem }));
  t.after(() => { a.close(); b.close(); a2.close(); });
  assert.notEqual(transportKey(a.config), transportKey(b.config));
  assert.equal(transportKey(a.config), transportKey(a2.config));
  await a.request({ method: 'GET', path: '/api' });
  await b.request({ method: 'GET', path: '/api' });
  await a2.request({ method: 'GET', path: '/api' });
  assert.equal(sessions.length, 2);
  const byPeer = new Map(seen.map((s) => [s.peer, s.session]));
  assert.equal(seen.filter((s) => s.peer === 'system:node:a').length, 2);
  assert.notEqual(byPeer.get('system:node:a'), byPeer.get('system:node:b'));
  assert.ok(seen.every((s) => s.authorization === undefined), 'no token configured, none sent');
});

test('closing one client cancels only its own requests; the connection closes with its last client', async () => {
  reset();
  const before = sharedTransportCount();
  const one = new RestClient(config({ token: 'one' }));
  const two = new RestClient(config({ token: 'two' }));
  const oneSlow = one.request({ method: 'GET', path: '/slow' });
  const twoSlow = two.request({ method: 'GET', path: '/slow' });
  while (slow.length < 2) await new Promise((r) => setTimeout(r, 5));
  one.close();
  await assert.rejects(oneSlow, /client is closed/);
  await assert.rejects(one.request({ method: 'GET', path: '/api' }), /client is closed/);
  // The other client's request in flight and new ones still go over the same connection.
  for (const s of slow.splice(0)) {
    if (s.closed) continue;
    s.respond({ ':status': 200, 'content-type': 'application/json' });
    s.end('{"ok":true}');
  }
  assert.deepEqual(await twoSlow, { ok: true });
  await two.request({ method: 'GET', path: '/api' });
  assert.equal(sessions.length, 1);
  assert.equal(sharedTransportCount(), before + 1);
  const closed = new Promise<void>((r) => sessions[0]?.once('close', () => r()));
  two.close();
  await closed;
  assert.equal(sharedTransportCount(), before);
  // A new client after that dials afresh.
  const three = new RestClient(config({ token: 'three' }));
  try {
    await three.request({ method: 'GET', path: '/api' });
    assert.equal(sessions.length, 2);
  } finally {
    three.close();
  }
});

test('connections advertise Go-sized receive windows: 4 MiB per stream, 1 GiB per connection', async (t) => {
  reset();
  const c = new RestClient(config({ token: 'windows' }));
  t.after(() => c.close());
  await c.request({ method: 'GET', path: '/api' });
  const s = sessions[0];
  assert.ok(s);
  assert.equal(s.remoteSettings.initialWindowSize, StreamWindowBytes);
  // What the server may still send on the connection before the client acknowledges anything.
  const deadline = Date.now() + 2000;
  while ((s.state.remoteWindowSize ?? 0) < ConnectionWindowBytes / 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  assert.ok((s.state.remoteWindowSize ?? 0) >= ConnectionWindowBytes - 2 ** 20);
});
