import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { kubeconfigFor, writeKubeconfig } from './kubeconfig.ts';
import { ensureClusterPKI } from './pki/cluster.ts';

const run = promisify(execFile);
const KUBECTL = '/usr/bin/kubectl';
const noKubectl = existsSync(KUBECTL) ? false : `${KUBECTL} is not installed`;

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'coxswain-kubeconfig-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function kubectl(dir: string, args: string[]): Promise<string> {
  // A private HOME keeps kubectl's cache out of the real one.
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir };
  const { stdout } = await run(KUBECTL, args, { env, timeout: 20_000 });
  return stdout;
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

test('kubeconfigFor embeds CA, client certificate and key with a current context', () => {
  const yaml = kubeconfigFor({
    server: 'https://127.0.0.1:6443',
    clusterName: 'coxswain',
    caPem: 'CA',
    user: 'kubernetes-admin',
    certPem: 'CERT',
    keyPem: 'KEY',
  });
  assert.deepEqual(parse(yaml), {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'coxswain', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': b64('CA') } },
    ],
    users: [
      { name: 'kubernetes-admin', user: { 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') } },
    ],
    contexts: [{ name: 'kubernetes-admin@coxswain', context: { cluster: 'coxswain', user: 'kubernetes-admin' } }],
    'current-context': 'kubernetes-admin@coxswain',
    preferences: {},
  });
});

test('writeKubeconfig writes owner-only and kubectl reads it back', { skip: noKubectl }, async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'sub', 'admin.kubeconfig');
  await writeKubeconfig(
    path,
    kubeconfigFor({
      server: 'https://127.0.0.1:6443',
      clusterName: 'coxswain',
      caPem: 'CA',
      user: 'robot',
      token: 'abc.def',
      contextName: 'robot',
      namespace: 'team-a',
    }),
  );
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const jsonpath =
    '{.current-context}|{.contexts[0].context.namespace}|{.users[0].user.token}|{.clusters[0].cluster.server}|{.clusters[0].cluster.certificate-authority-data}';
  const out = await kubectl(dir, ['config', 'view', '--kubeconfig', path, '--raw', '-o', `jsonpath=${jsonpath}`]);
  assert.equal(out, `robot|team-a|abc.def|https://127.0.0.1:6443|${b64('CA')}`);
});

test('kubectl authenticates with the admin kubeconfig against a server using the cluster PKI', { skip: noKubectl }, async (t) => {
  const dir = tempDir(t);
  const pki = await ensureClusterPKI(join(dir, 'tls'), { hosts: [], ips: [], serviceIP: '10.96.0.1' });
  const seen: string[] = [];
  const server = createServer(
    { cert: pki.servingCertPem, key: pki.servingKeyPem, ca: pki.caCertPem, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const subject = (req.socket as TLSSocket).getPeerCertificate().subject;
      seen.push(`${subject.CN}/${String(subject.O)} ${req.url ?? ''}`);
      res.setHeader('content-type', 'text/plain');
      res.end('ok');
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as AddressInfo).port;

  const path = join(dir, 'admin.kubeconfig');
  await writeKubeconfig(
    path,
    kubeconfigFor({
      server: `https://127.0.0.1:${port}`,
      clusterName: 'coxswain',
      caPem: pki.caCertPem,
      user: 'kubernetes-admin',
      certPem: pki.adminCertPem,
      keyPem: pki.adminKeyPem,
    }),
  );
  const data = await kubectl(dir, [
    'config', 'view', '--kubeconfig', path, '--raw', '-o', 'jsonpath={.users[0].user.client-key-data}',
  ]);
  assert.equal(Buffer.from(data, 'base64').toString(), pki.adminKeyPem);

  const body = await kubectl(dir, ['--kubeconfig', path, 'get', '--raw', '/healthz']);
  assert.equal(body.trim(), 'ok');
  // kubectl may probe /version first; every request carries the admin identity.
  assert.ok(seen.includes('kubernetes-admin/system:masters /healthz'), seen.join(', '));
  assert.ok(seen.every((s) => s.startsWith('kubernetes-admin/system:masters ')), seen.join(', '));
});
