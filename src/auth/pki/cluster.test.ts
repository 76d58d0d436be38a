import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { createCertificateAuthority, daysFromNow, issueCertificate } from './certificates.ts';
import {
  PKI_FILES,
  ensureClusterPKI,
  issueClientCertificate,
  reconcileClusterPKI,
  servingHosts,
} from './cluster.ts';
import type { ClusterPKIOptions } from './cluster.ts';
import { KeyUsageFlags, KeyUsagesExtension, X509Certificate as PeculiarCertificate } from './x509.ts';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const DAY_MS = 24 * 60 * 60 * 1000;

const options: ClusterPKIOptions = {
  hosts: ['api.coxswain.test'],
  ips: ['192.0.2.10'],
  serviceIP: '10.96.0.1',
};

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'coxswain-pki-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');
const fingerprint = (pem: string): string => new X509Certificate(pem).fingerprint256;

test('creates a 10-year CA, leaves and service-account keys, keys readable by the owner only', async (t) => {
  const dir = tempDir(t);
  const before = Math.floor(Date.now() / 1000);
  const pki = await ensureClusterPKI(dir, options);

  for (const file of Object.values(PKI_FILES)) {
    const mode = statSync(join(dir, file)).mode & 0o777;
    assert.equal(mode, file.endsWith('.key') ? 0o600 : 0o644, `${file} mode ${mode.toString(8)}`);
  }
  assert.equal(read(dir, PKI_FILES.caCert), pki.caCertPem);
  assert.equal(read(dir, PKI_FILES.servingKey), pki.servingKeyPem);

  const ca = new X509Certificate(pki.caCertPem);
  assert.equal(ca.ca, true);
  assert.equal(ca.subject, ca.issuer);
  assert.ok(ca.verify(ca.publicKey), 'CA is self-signed');
  const cn = /^CN=coxswain-ca@(\d+)$/.exec(ca.subject);
  assert.ok(cn?.[1] !== undefined, `CA subject ${ca.subject}`);
  assert.ok(Number(cn[1]) >= before && Number(cn[1]) <= before + 60);
  const years = (ca.validToDate.getTime() - Date.now()) / (365 * DAY_MS);
  assert.ok(years > 9.9 && years <= 10.01, `CA valid for ${years} years`);
  assert.equal(pki.caNotAfter.getTime(), ca.validToDate.getTime());

  const usage = new PeculiarCertificate(pki.caCertPem).getExtensions(KeyUsagesExtension)[0];
  assert.equal(
    usage?.usages,
    KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign | KeyUsageFlags.digitalSignature,
  );
  assert.ok(createPrivateKey(pki.caKeyPem).asymmetricKeyType === 'ec');
});

test('serving certificate verifies against the CA and covers every API server name', async (t) => {
  const dir = tempDir(t);
  const pki = await ensureClusterPKI(dir, { ...options, clusterDomain: 'corp.internal' });
  const ca = new X509Certificate(pki.caCertPem);
  const serving = new X509Certificate(pki.servingCertPem);

  assert.ok(serving.checkIssued(ca) && serving.verify(ca.publicKey));
  assert.equal(serving.ca, false);
  assert.ok(serving.keyUsage.includes(SERVER_AUTH));
  assert.ok(serving.checkPrivateKey(createPrivateKey(pki.servingKeyPem)));
  const names = [
    'localhost',
    hostname(),
    'api.coxswain.test',
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    'kubernetes.default.svc.corp.internal',
  ];
  for (const name of names) {
    assert.equal(serving.checkHost(name, { subject: 'never' }), name.toLowerCase(), name);
  }
  for (const ip of ['127.0.0.1', '::1', '192.0.2.10', '10.96.0.1']) {
    assert.ok(serving.checkIP(ip) !== undefined, ip);
  }
  assert.equal(serving.checkHost('kubernetes.default.svc.cluster.local', { subject: 'never' }), undefined);
  assert.equal(serving.checkIP('10.96.0.2'), undefined);
  const daysLeft = (pki.servingNotAfter.getTime() - Date.now()) / DAY_MS;
  assert.ok(daysLeft > 364 && daysLeft <= 365.01, `serving valid for ${daysLeft} days`);
});

test('admin certificate is a client certificate for kubernetes-admin in system:masters', async (t) => {
  const pki = await ensureClusterPKI(tempDir(t), options);
  const admin = new X509Certificate(pki.adminCertPem);
  assert.ok(admin.verify(new X509Certificate(pki.caCertPem).publicKey));
  assert.deepEqual(admin.subject.split('\n').sort(), ['CN=kubernetes-admin', 'O=system:masters']);
  assert.ok(admin.keyUsage.includes(CLIENT_AUTH));
  assert.ok(!admin.keyUsage.includes(SERVER_AUTH));
});

test('a second call reuses the existing CA, leaves and service-account key', async (t) => {
  const dir = tempDir(t);
  const first = await ensureClusterPKI(dir, options);
  const second = await reconcileClusterPKI(dir, options);
  assert.deepEqual(second.regenerated, []);
  assert.equal(fingerprint(second.pki.caCertPem), fingerprint(first.caCertPem));
  assert.equal(second.pki.servingCertPem, first.servingCertPem);
  assert.equal(second.pki.adminKeyPem, first.adminKeyPem);
  assert.equal(second.pki.serviceAccountPrivateKeyPem, first.serviceAccountPrivateKeyPem);
});

test('a leaf expiring within 90 days is reissued under the same CA', async (t) => {
  const dir = tempDir(t);
  const first = await ensureClusterPKI(dir, options);
  const ca = { certPem: first.caCertPem, keyPem: first.caKeyPem };
  const expiring = await issueCertificate(ca, {
    commonName: 'kube-apiserver',
    hosts: servingHosts(options),
    usages: ['server'],
    notAfter: daysFromNow(30),
  });
  writeFileSync(join(dir, PKI_FILES.servingCert), expiring.certPem);
  writeFileSync(join(dir, PKI_FILES.servingKey), expiring.keyPem);

  const { pki, regenerated } = await reconcileClusterPKI(dir, options);
  assert.deepEqual(regenerated.map((r) => r.split(':')[0]), ['serving']);
  assert.match(regenerated[0] ?? '', /expires at/);
  assert.equal(fingerprint(pki.caCertPem), fingerprint(first.caCertPem));
  assert.equal(pki.adminCertPem, first.adminCertPem);
  assert.notEqual(pki.servingCertPem, expiring.certPem);
  assert.ok(pki.servingNotAfter.getTime() - Date.now() > 364 * DAY_MS);
  assert.ok(new X509Certificate(pki.servingCertPem).verify(new X509Certificate(first.caCertPem).publicKey));
  assert.equal(read(dir, PKI_FILES.servingCert), pki.servingCertPem);
});

test('the serving certificate is reissued when a new host or IP is requested', async (t) => {
  const dir = tempDir(t);
  const first = await ensureClusterPKI(dir, options);
  const wider = { ...options, hosts: [...options.hosts, 'lb.coxswain.test'], ips: ['192.0.2.11'] };
  const { pki, regenerated } = await reconcileClusterPKI(dir, wider);
  assert.deepEqual(regenerated, ['serving: does not cover lb.coxswain.test']);
  assert.equal(pki.caCertPem, first.caCertPem);
  const serving = new X509Certificate(pki.servingCertPem);
  assert.ok(serving.checkHost('lb.coxswain.test', { subject: 'never' }) !== undefined);
  assert.ok(serving.checkIP('192.0.2.11') !== undefined);
});

test('leaves signed by another CA, mismatched or unreadable are reissued', async (t) => {
  const dir = tempDir(t);
  const first = await ensureClusterPKI(dir, options);
  const otherCA = await createCertificateAuthority({ commonName: 'other', notAfter: daysFromNow(30) });
  const foreign = await issueCertificate(otherCA, {
    commonName: 'kubernetes-admin',
    organizations: ['system:masters'],
    usages: ['client'],
    notAfter: daysFromNow(365),
  });
  writeFileSync(join(dir, PKI_FILES.adminCert), foreign.certPem);
  writeFileSync(join(dir, PKI_FILES.adminKey), foreign.keyPem);
  writeFileSync(join(dir, PKI_FILES.servingKey), 'not a key');

  const { pki, regenerated } = await reconcileClusterPKI(dir, options);
  assert.equal(regenerated.length, 2);
  assert.match(regenerated[0] ?? '', /^serving: unreadable: /);
  assert.equal(regenerated[1], 'admin: not signed by the current CA');
  assert.equal(pki.caCertPem, first.caCertPem);

  unlinkSync(join(dir, PKI_FILES.adminKey));
  const again = await reconcileClusterPKI(dir, options);
  assert.deepEqual(again.regenerated, ['admin: key is missing']);
  const admin = new X509Certificate(again.pki.adminCertPem);
  assert.ok(admin.checkPrivateKey(createPrivateKey(read(dir, PKI_FILES.adminKey))));
});

test('an unusable or incomplete CA is refused, never replaced', async (t) => {
  const dir = tempDir(t);
  const first = await ensureClusterPKI(dir, options);
  const stranger = await createCertificateAuthority({ commonName: 'x', notAfter: daysFromNow(30) });
  writeFileSync(join(dir, PKI_FILES.caKey), stranger.keyPem);
  await assert.rejects(ensureClusterPKI(dir, options), /cluster CA .* is unusable \(key does not match/);
  assert.equal(read(dir, PKI_FILES.caCert), first.caCertPem);

  unlinkSync(join(dir, PKI_FILES.caKey));
  await assert.rejects(ensureClusterPKI(dir, options), /incomplete: ca\.key is missing/);
  assert.equal(read(dir, PKI_FILES.caCert), first.caCertPem);
});

test('an expired CA is replaced and every leaf is reissued under the new one', async (t) => {
  const dir = tempDir(t);
  const old = await createCertificateAuthority({
    commonName: 'coxswain-ca@1',
    notBefore: new Date(Date.now() - 20 * DAY_MS),
    notAfter: new Date(Date.now() - 10 * DAY_MS),
  });
  writeFileSync(join(dir, PKI_FILES.caCert), old.certPem);
  writeFileSync(join(dir, PKI_FILES.caKey), old.keyPem, { mode: 0o600 });
  const oldServing = await issueCertificate(old, {
    commonName: 'kube-apiserver',
    hosts: servingHosts(options),
    usages: ['server'],
    notBefore: new Date(Date.now() - 20 * DAY_MS),
    notAfter: daysFromNow(365),
  });
  writeFileSync(join(dir, PKI_FILES.servingCert), oldServing.certPem);
  writeFileSync(join(dir, PKI_FILES.servingKey), oldServing.keyPem);

  const { pki, regenerated } = await reconcileClusterPKI(dir, options);
  assert.deepEqual(regenerated.slice(0, 3), [
    'ca: expired',
    'serving: not signed by the current CA',
    'admin: certificate is missing',
  ]);
  assert.notEqual(fingerprint(pki.caCertPem), fingerprint(old.certPem));
  const ca = new X509Certificate(pki.caCertPem);
  assert.ok(new X509Certificate(pki.servingCertPem).verify(ca.publicKey));
  assert.ok(new X509Certificate(pki.adminCertPem).verify(ca.publicKey));
  assert.ok(pki.caNotAfter.getTime() > Date.now() + 9 * 365 * DAY_MS);
});

test('service-account key pair signs and verifies, and a lost public key is rewritten', async (t) => {
  const dir = tempDir(t);
  const pki = await ensureClusterPKI(dir, options);
  const privateKey = createPrivateKey(pki.serviceAccountPrivateKeyPem);
  assert.equal(privateKey.asymmetricKeyType, 'rsa');
  const payload = Buffer.from('token');
  const signature = sign('sha256', payload, privateKey);
  assert.ok(verify('sha256', payload, createPublicKey(pki.serviceAccountPublicKeyPem), signature));

  unlinkSync(join(dir, PKI_FILES.serviceAccountPublicKey));
  const again = await reconcileClusterPKI(dir, options);
  assert.deepEqual(again.regenerated, []);
  assert.equal(read(dir, PKI_FILES.serviceAccountPublicKey), pki.serviceAccountPublicKeyPem);
  assert.equal(again.pki.serviceAccountPrivateKeyPem, pki.serviceAccountPrivateKeyPem);
});

test('issueClientCertificate issues a component client certificate under the cluster CA', async (t) => {
  const pki = await ensureClusterPKI(tempDir(t), options);
  const issued = await issueClientCertificate(pki, {
    commonName: 'system:node:worker-1',
    organizations: ['system:nodes'],
    days: 30,
  });
  const cert = new X509Certificate(issued.certPem);
  assert.ok(cert.verify(new X509Certificate(pki.caCertPem).publicKey));
  assert.ok(cert.checkPrivateKey(createPrivateKey(issued.keyPem)));
  assert.deepEqual(cert.subject.split('\n').sort(), ['CN=system:node:worker-1', 'O=system:nodes']);
  assert.ok(cert.keyUsage.includes(CLIENT_AUTH));
  const daysLeft = (cert.validToDate.getTime() - Date.now()) / DAY_MS;
  assert.ok(daysLeft > 29.9 && daysLeft <= 30.01, `valid for ${daysLeft} days`);
});

test('a leaf never outlives its CA', async () => {
  const ca = await createCertificateAuthority({ commonName: 'short', notAfter: daysFromNow(5) });
  const leaf = await issueCertificate(ca, { commonName: 'x', usages: ['client'], notAfter: daysFromNow(365) });
  assert.equal(
    new X509Certificate(leaf.certPem).validToDate.getTime(),
    new X509Certificate(ca.certPem).validToDate.getTime(),
  );
});
