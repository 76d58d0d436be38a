import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { daysFromNow, issueCertificate } from './certificates.ts';
import { ADMIN_COMMON_NAME, ADMIN_ORGANIZATION, PKI_FILES, ensureClusterPKI } from './cluster.ts';
import type { ClusterPKI, ClusterPKIOptions } from './cluster.ts';
import { startCertificateRenewal } from './renewal.ts';

const options: ClusterPKIOptions = { hosts: [], ips: [], serviceIP: '10.96.0.1' };

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'coxswain-pki-renew-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('renewal reissues a leaf nearing expiry, keeps the CA and reports the new material', async (t) => {
  const dir = tempDir(t);
  const first = await ensureClusterPKI(dir, options);
  const expiring = await issueCertificate(
    { certPem: first.caCertPem, keyPem: first.caKeyPem },
    {
      commonName: ADMIN_COMMON_NAME,
      organizations: [ADMIN_ORGANIZATION],
      usages: ['client'],
      notAfter: daysFromNow(10),
    },
  );
  writeFileSync(join(dir, PKI_FILES.adminCert), expiring.certPem);
  writeFileSync(join(dir, PKI_FILES.adminKey), expiring.keyPem);

  const renewed = new Promise<{ pki: ClusterPKI; regenerated: string[] }>((resolve, reject) => {
    const renewal = startCertificateRenewal(
      dir,
      { ...options, intervalMs: 20, onError: reject },
      (pki, regenerated) => {
        renewal.stop();
        resolve({ pki, regenerated });
      },
    );
    t.after(() => renewal.stop());
  });
  const { pki, regenerated } = await renewed;
  assert.equal(regenerated.length, 1);
  assert.match(regenerated[0] ?? '', /^admin: expires at /);
  assert.equal(pki.caCertPem, first.caCertPem);
  assert.equal(pki.servingCertPem, first.servingCertPem);
  assert.notEqual(pki.adminCertPem, expiring.certPem);
  assert.ok(pki.adminNotAfter > daysFromNow(364));
  assert.ok(new X509Certificate(pki.adminCertPem).verify(new X509Certificate(first.caCertPem).publicKey));
});

test('renewal stays quiet while everything is valid and reports failures', async (t) => {
  const dir = tempDir(t);
  await ensureClusterPKI(dir, options);
  let renewals = 0;
  const errors: unknown[] = [];
  const renewal = startCertificateRenewal(
    dir,
    { ...options, intervalMs: 10, onError: (err) => errors.push(err) },
    () => renewals++,
  );
  t.after(() => renewal.stop());
  await sleep(120);
  assert.equal(renewals, 0);
  assert.deepEqual(errors, []);

  writeFileSync(join(dir, PKI_FILES.caKey), 'garbage');
  const deadline = Date.now() + 5000;
  while (errors.length === 0 && Date.now() < deadline) await sleep(10);
  renewal.stop();
  assert.match(String(errors[0]), /cluster CA .* is unusable/);
  assert.equal(renewals, 0);
});
