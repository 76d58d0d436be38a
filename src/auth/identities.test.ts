import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureComponentKubeconfigs, issueUserKubeconfig, nodeKubeconfig, readKubeconfigCredentials } from './identities.ts';
import { kubeconfigFor } from './kubeconfig.ts';
import { ensureClusterPKI, issueClientCertificate } from './pki/index.ts';
import type { ClusterPKI } from './pki/index.ts';

function subjectOf(yaml: string): { cn: string; o: string[]; notAfter: Date } {
  const c = readKubeconfigCredentials(yaml);
  const cert = new X509Certificate(c.certPem ?? '');
  const lines = cert.subject.split('\n');
  return {
    cn: lines.find((l) => l.startsWith('CN='))?.slice(3) ?? '',
    o: lines.filter((l) => l.startsWith('O=')).map((l) => l.slice(2)),
    notAfter: cert.validToDate,
  };
}

describe('component and user identities', () => {
  let dir: string;
  let pki: ClusterPKI;
  const server = 'https://127.0.0.1:6443';

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cox-identities-'));
    pki = await ensureClusterPKI(path.join(dir, 'tls'), { hosts: [], ips: [], serviceIP: '10.43.0.1' });
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('writes scheduler, controller-manager and kube-proxy kubeconfigs with their own CNs, owner-readable only', async () => {
    const paths = await ensureComponentKubeconfigs(dir, pki, server);
    const expected = { scheduler: 'system:kube-scheduler', 'controller-manager': 'system:kube-controller-manager', 'kube-proxy': 'system:kube-proxy' };
    for (const [component, cn] of Object.entries(expected)) {
      const p = paths[component as keyof typeof paths];
      assert.equal(p, path.join(dir, 'kubeconfigs', `${component}.kubeconfig`));
      const yaml = readFileSync(p, 'utf8');
      assert.equal(subjectOf(yaml).cn, cn);
      assert.deepEqual(subjectOf(yaml).o, []);
      const creds = readKubeconfigCredentials(yaml);
      assert.equal(creds.server, server);
      assert.equal(creds.caPem, pki.caCertPem);
      assert.ok(new X509Certificate(creds.certPem ?? '').verify(new X509Certificate(pki.caCertPem).publicKey));
      assert.equal(statSync(p).mode & 0o777, 0o600);
    }
  });

  it('keeps good kubeconfigs and reissues ones that expire soon or point elsewhere', async () => {
    const paths = await ensureComponentKubeconfigs(dir, pki, server);
    const before = readFileSync(paths.scheduler, 'utf8');
    await ensureComponentKubeconfigs(dir, pki, server);
    assert.equal(readFileSync(paths.scheduler, 'utf8'), before, 'an unchanged, valid kubeconfig is kept');
    const short = await issueClientCertificate(pki, { commonName: 'system:kube-scheduler', days: 30 });
    writeFileSync(paths.scheduler, kubeconfigFor({ server, clusterName: 'coxswain', caPem: pki.caCertPem, user: 'system:kube-scheduler', ...short }));
    await ensureComponentKubeconfigs(dir, pki, server);
    assert.ok(subjectOf(readFileSync(paths.scheduler, 'utf8')).notAfter.getTime() > Date.now() + 300 * 86400_000, 'renewed');
    await ensureComponentKubeconfigs(dir, pki, 'https://10.0.0.1:6443');
    assert.equal(readKubeconfigCredentials(readFileSync(paths['kube-proxy'], 'utf8')).server, 'https://10.0.0.1:6443');
  });

  it('issues node kubeconfigs as system:node:<name> in system:nodes', async () => {
    const yaml = await nodeKubeconfig(pki, server, 'worker-1');
    assert.deepEqual({ cn: subjectOf(yaml).cn, o: subjectOf(yaml).o }, { cn: 'system:node:worker-1', o: ['system:nodes'] });
    await assert.rejects(nodeKubeconfig(pki, server, ''), /a node name is required/);
  });

  it('issues user kubeconfigs from the data dir, with groups, validity and the admin kubeconfig server', async () => {
    writeFileSync(path.join(dir, 'admin.kubeconfig'), kubeconfigFor({ server, clusterName: 'coxswain', caPem: pki.caCertPem, user: 'admin', certPem: pki.adminCertPem, keyPem: pki.adminKeyPem }));
    const yaml = await issueUserKubeconfig({ dataDir: dir, user: 'jane', groups: ['devs', 'ops'], days: 10 });
    const s = subjectOf(yaml);
    assert.equal(s.cn, 'jane');
    assert.deepEqual(s.o, ['devs', 'ops']);
    assert.ok(Math.abs(s.notAfter.getTime() - (Date.now() + 10 * 86400_000)) < 86400_000);
    assert.equal(readKubeconfigCredentials(yaml).server, server);
    assert.match(yaml, /current-context: jane@coxswain/);
    await assert.rejects(issueUserKubeconfig({ dataDir: dir, user: '' }), /a user name is required/);
    await assert.rejects(issueUserKubeconfig({ dataDir: dir, user: 'x', days: 0 }), /--days must be a positive whole number/);
    await assert.rejects(issueUserKubeconfig({ dataDir: path.join(dir, 'nowhere'), user: 'x' }), /no cluster CA/);
  });
});
