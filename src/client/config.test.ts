import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { DefaultBurst, DefaultQPS, configFromKubeconfig, inClusterConfig, loadKubeconfig } from './config.ts';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

function kubeconfig(): string {
  return stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'one',
    clusters: [
      { name: 'c1', cluster: { server: 'https://127.0.0.1:6443/', 'certificate-authority-data': b64('CA-PEM') } },
      { name: 'c2', cluster: { server: 'https://127.0.0.2:6443', 'certificate-authority': 'ca.crt', 'insecure-skip-tls-verify': true } },
    ],
    users: [
      { name: 'u1', user: { 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') } },
      { name: 'u2', user: { tokenFile: 'token' } },
    ],
    contexts: [
      { name: 'one', context: { cluster: 'c1', user: 'u1', namespace: 'team' } },
      { name: 'two', context: { cluster: 'c2', user: 'u2' } },
    ],
  });
}

test('the current context gives server, CA and client certificate from inline data', () => {
  const c = configFromKubeconfig(kubeconfig());
  assert.equal(c.server, 'https://127.0.0.1:6443');
  assert.equal(c.ca, 'CA-PEM');
  assert.equal(c.cert, 'CERT');
  assert.equal(c.key, 'KEY');
  assert.equal(c.namespace, 'team');
  assert.equal(c.qps, DefaultQPS);
  assert.equal(c.burst, DefaultBurst);
  assert.equal(c.insecure, undefined);
});

test('a named context resolves file references against the kubeconfig directory', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-kubeconfig-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'ca.crt'), 'FILE-CA');
  fs.writeFileSync(path.join(dir, 'token'), 'tok');
  fs.writeFileSync(path.join(dir, 'config'), kubeconfig());
  const c = loadKubeconfig(path.join(dir, 'config'), { context: 'two', qps: -1 });
  assert.equal(c.server, 'https://127.0.0.2:6443');
  assert.equal(c.ca, 'FILE-CA');
  assert.equal(c.insecure, true);
  assert.equal(c.tokenFile, path.join(dir, 'token'));
  assert.equal(c.qps, -1);
});

test('a missing context or cluster is a clear error', () => {
  assert.throws(() => configFromKubeconfig(kubeconfig(), { context: 'nope' }), /context "nope" not found/);
  assert.throws(() => configFromKubeconfig('apiVersion: v1\nkind: Config\n'), /no current-context/);
});

test('in-cluster config reads the service account mount and the service env', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-sa-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'token'), 'sa-token');
  fs.writeFileSync(path.join(dir, 'ca.crt'), 'SA-CA');
  fs.writeFileSync(path.join(dir, 'namespace'), 'kube-system\n');
  const env = { KUBERNETES_SERVICE_HOST: '10.43.0.1', KUBERNETES_SERVICE_PORT: '443' };
  const c = inClusterConfig({ env, serviceAccountDir: dir });
  assert.equal(c.server, 'https://10.43.0.1:443');
  assert.equal(c.ca, 'SA-CA');
  assert.equal(c.tokenFile, path.join(dir, 'token'));
  assert.equal(c.namespace, 'kube-system');
  assert.throws(() => inClusterConfig({ env: {}, serviceAccountDir: dir }), /KUBERNETES_SERVICE_HOST/);
});
