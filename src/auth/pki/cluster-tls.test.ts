// Real TLS handshakes with the generated material: the serving certificate as an HTTPS server that
// requires client certificates, and the admin (and component) certificates as clients.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TLSSocket } from 'node:tls';
import { createCertificateAuthority, daysFromNow, issueCertificate } from './certificates.ts';
import { ensureClusterPKI, issueClientCertificate } from './cluster.ts';
import type { ClusterPKI } from './cluster.ts';

interface Peer {
  commonName: string;
  organizations: string[];
}

// Node reports a repeated subject attribute as an array.
const values = (v: string | string[] | undefined): string[] => (v === undefined ? [] : [v].flat());

async function startServer(pki: ClusterPKI): Promise<{ server: Server; port: number }> {
  const server = createServer(
    {
      cert: pki.servingCertPem,
      key: pki.servingKeyPem,
      ca: pki.caCertPem,
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const { subject } = (req.socket as TLSSocket).getPeerCertificate();
      const body: Peer = { commonName: values(subject.CN).join(','), organizations: values(subject.O) };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

function get(
  port: number,
  tls: { ca: string; cert?: string; key?: string; servername?: string },
): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', method: 'GET', agent: false, ...tls }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (data += chunk));
      res.on('end', () => resolve(JSON.parse(data) as Peer));
    });
    req.on('error', reject);
    req.end();
  });
}

test('admin and component certificates authenticate over TLS to the serving certificate', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'coxswain-pki-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const pki = await ensureClusterPKI(dir, { hosts: [], ips: [], serviceIP: '10.96.0.1' });
  const { server, port } = await startServer(pki);
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Server identity is checked against the IP SAN (no servername), then the DNS SANs.
  const admin = await get(port, { ca: pki.caCertPem, cert: pki.adminCertPem, key: pki.adminKeyPem });
  assert.deepEqual(admin, { commonName: 'kubernetes-admin', organizations: ['system:masters'] });
  for (const servername of ['localhost', 'kubernetes.default.svc.cluster.local']) {
    const peer = await get(port, { ca: pki.caCertPem, cert: pki.adminCertPem, key: pki.adminKeyPem, servername });
    assert.equal(peer.commonName, 'kubernetes-admin');
  }

  const scheduler = await issueClientCertificate(pki, { commonName: 'system:kube-scheduler', days: 1 });
  const peer = await get(port, { ca: pki.caCertPem, cert: scheduler.certPem, key: scheduler.keyPem });
  assert.deepEqual(peer, { commonName: 'system:kube-scheduler', organizations: [] });
});

test('TLS rejects clients without a certificate or with one from another CA', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'coxswain-pki-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const pki = await ensureClusterPKI(dir, { hosts: [], ips: [], serviceIP: '10.96.0.1' });
  const { server, port } = await startServer(pki);
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  await assert.rejects(get(port, { ca: pki.caCertPem }), /certificate required/);
  const otherCA = await createCertificateAuthority({ commonName: 'other', notAfter: daysFromNow(30) });
  const stranger = await issueCertificate(otherCA, {
    commonName: 'kubernetes-admin',
    organizations: ['system:masters'],
    usages: ['client'],
    notAfter: daysFromNow(30),
  });
  await assert.rejects(
    get(port, { ca: pki.caCertPem, cert: stranger.certPem, key: stranger.keyPem }),
    // With TLS 1.3 the client may only see the server closing the connection.
    /unknown ca|socket hang up|ECONNRESET/,
  );
  // And the client refuses a server whose CA it does not trust.
  await assert.rejects(
    get(port, { ca: otherCA.certPem, cert: pki.adminCertPem, key: pki.adminKeyPem }),
    /self[- ]signed|unable to verify|UNABLE_TO_VERIFY/i,
  );
});
