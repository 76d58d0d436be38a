// The cluster PKI kept in the API server's data dir: CA, serving certificate, cluster-admin
// client certificate and the service-account signing key. Loading is idempotent: valid material
// is reused, leaves are reissued when missing, broken, expiring or no longer matching, and an
// existing usable CA is never replaced (every kubeconfig and node trusts it).
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { createCertificateAuthority, daysFromNow, issueCertificate } from './certificates.ts';
import type { CertificateAndKey, CertificateAuthority } from './certificates.ts';
import { readFileIfExists, writeFileAtomic } from './files.ts';
import { leafProblem } from './inspect.ts';
import type { LeafRequirements } from './inspect.ts';
import { generateKeyPairPem, publicKeyPemOf } from './keys.ts';

export const PKI_FILES = {
  caCert: 'ca.crt',
  caKey: 'ca.key',
  servingCert: 'serving.crt',
  servingKey: 'serving.key',
  adminCert: 'admin.crt',
  adminKey: 'admin.key',
  serviceAccountKey: 'service-account.key',
  serviceAccountPublicKey: 'service-account.pub',
} as const;

export const CA_VALIDITY_DAYS = 3650;
export const LEAF_VALIDITY_DAYS = 365;
export const RENEW_BEFORE_DAYS = 90;

/** The kubeadm names for the cluster-admin identity (O=system:masters is bound to cluster-admin). */
export const ADMIN_COMMON_NAME = 'kubernetes-admin';
export const ADMIN_ORGANIZATION = 'system:masters';

export interface ClusterPKIOptions {
  /** Extra DNS names (or IP literals) for the serving certificate; os.hostname() is always added. */
  hosts: string[];
  /** Extra IP addresses for the serving certificate. */
  ips: string[];
  /** ClusterIP of the `kubernetes` Service. */
  serviceIP: string;
  clusterDomain?: string;
  /** Leaves with less validity left than this are reissued (default 90). */
  renewBeforeDays?: number;
}

export interface ClusterPKI {
  dir: string;
  caCertPem: string;
  caKeyPem: string;
  servingCertPem: string;
  servingKeyPem: string;
  adminCertPem: string;
  adminKeyPem: string;
  serviceAccountPrivateKeyPem: string;
  serviceAccountPublicKeyPem: string;
  caNotAfter: Date;
  servingNotAfter: Date;
  adminNotAfter: Date;
}

export interface PKIReconcileResult {
  pki: ClusterPKI;
  /** What was (re)generated and why, e.g. `serving: expires at ...`; empty when all was reused. */
  regenerated: string[];
}

/** Every name the API server answers to, as kube-apiserver puts in its serving certificate. */
export function servingHosts(opts: ClusterPKIOptions): string[] {
  const domain = opts.clusterDomain ?? 'cluster.local';
  const names = [
    'localhost',
    hostname(),
    ...opts.hosts,
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    `kubernetes.default.svc.${domain}`,
    '127.0.0.1',
    '::1',
    ...opts.ips,
    opts.serviceIP,
  ];
  return [...new Set(names.map((n) => (isIP(n) !== 0 ? n : n.toLowerCase())))];
}

/** Creates or loads the cluster PKI in `dir`. */
export async function ensureClusterPKI(dir: string, opts: ClusterPKIOptions): Promise<ClusterPKI> {
  return (await reconcileClusterPKI(dir, opts)).pki;
}

export async function reconcileClusterPKI(
  dir: string,
  opts: ClusterPKIOptions,
  now: Date = new Date(),
): Promise<PKIReconcileResult> {
  const regenerated: string[] = [];
  const ca = await ensureCA(dir, now, regenerated);
  const renewBeforeMs = (opts.renewBeforeDays ?? RENEW_BEFORE_DAYS) * 24 * 60 * 60 * 1000;
  const serving = await ensureLeaf(
    dir,
    'serving',
    ca,
    { commonName: 'kube-apiserver', hosts: servingHosts(opts), usage: 'server' },
    { now, renewBeforeMs },
    regenerated,
  );
  const admin = await ensureLeaf(
    dir,
    'admin',
    ca,
    { commonName: ADMIN_COMMON_NAME, organizations: [ADMIN_ORGANIZATION], usage: 'client' },
    { now, renewBeforeMs },
    regenerated,
  );
  const serviceAccount = await ensureServiceAccountKey(dir, regenerated);
  const pki: ClusterPKI = {
    dir,
    caCertPem: ca.certPem,
    caKeyPem: ca.keyPem,
    servingCertPem: serving.certPem,
    servingKeyPem: serving.keyPem,
    adminCertPem: admin.certPem,
    adminKeyPem: admin.keyPem,
    serviceAccountPrivateKeyPem: serviceAccount.privateKeyPem,
    serviceAccountPublicKeyPem: serviceAccount.publicKeyPem,
    caNotAfter: notAfter(ca.certPem),
    servingNotAfter: notAfter(serving.certPem),
    adminNotAfter: notAfter(admin.certPem),
  };
  return { pki, regenerated };
}

/** Issues a client certificate (user or component) signed by the cluster CA. */
export async function issueClientCertificate(
  pki: Pick<ClusterPKI, 'caCertPem' | 'caKeyPem'>,
  request: { commonName: string; organizations?: readonly string[]; days: number },
): Promise<{ certPem: string; keyPem: string }> {
  return issueCertificate(
    { certPem: pki.caCertPem, keyPem: pki.caKeyPem },
    {
      commonName: request.commonName,
      organizations: request.organizations ?? [],
      usages: ['client'],
      notAfter: daysFromNow(request.days),
    },
  );
}

function notAfter(certPem: string): Date {
  return new X509Certificate(certPem).validToDate;
}

async function ensureCA(dir: string, now: Date, regenerated: string[]): Promise<CertificateAuthority> {
  const certPath = join(dir, PKI_FILES.caCert);
  const keyPath = join(dir, PKI_FILES.caKey);
  const certPem = await readFileIfExists(certPath);
  const keyPem = await readFileIfExists(keyPath);
  if (certPem !== undefined && keyPem !== undefined) {
    const problem = caProblem(certPem, keyPem);
    if (problem !== undefined) {
      // Refuse rather than replace: a new CA silently breaks every client and node that trusts it.
      throw new Error(`cluster CA in ${dir} is unusable (${problem}); fix or remove ${PKI_FILES.caCert} and ${PKI_FILES.caKey}`);
    }
    const expired = new X509Certificate(certPem).validToDate <= now;
    if (!expired) return { certPem, keyPem };
    // An expired CA already fails every client; a new one is the only way forward.
  } else if (certPem !== undefined || keyPem !== undefined) {
    const missing = certPem === undefined ? PKI_FILES.caCert : PKI_FILES.caKey;
    throw new Error(`cluster CA in ${dir} is incomplete: ${missing} is missing`);
  }
  const ca = await createCertificateAuthority({
    commonName: `coxswain-ca@${Math.floor(now.getTime() / 1000)}`,
    notAfter: daysFromNow(CA_VALIDITY_DAYS, now),
  });
  await writeFileAtomic(keyPath, ca.keyPem, 0o600);
  await writeFileAtomic(certPath, ca.certPem, 0o644);
  regenerated.push(certPem === undefined ? 'ca: missing' : 'ca: expired');
  return ca;
}

function caProblem(certPem: string, keyPem: string): string | undefined {
  try {
    const cert = new X509Certificate(certPem);
    if (!cert.ca) return 'not a CA certificate';
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return 'key does not match the certificate';
    return undefined;
  } catch (err) {
    return `unreadable: ${err instanceof Error ? err.message : String(err)}`;
  }
}

async function ensureLeaf(
  dir: string,
  name: 'serving' | 'admin',
  ca: CertificateAuthority,
  required: LeafRequirements,
  check: { now: Date; renewBeforeMs: number },
  regenerated: string[],
): Promise<CertificateAndKey> {
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  const existing = { certPem: await readFileIfExists(certPath), keyPem: await readFileIfExists(keyPath) };
  const problem = leafProblem(existing, ca.certPem, required, check);
  if (problem === undefined && existing.certPem !== undefined && existing.keyPem !== undefined) {
    return { certPem: existing.certPem, keyPem: existing.keyPem };
  }
  const issued = await issueCertificate(ca, {
    commonName: required.commonName,
    organizations: required.organizations ?? [],
    hosts: required.hosts ?? [],
    usages: [required.usage],
    notAfter: daysFromNow(LEAF_VALIDITY_DAYS, check.now),
  });
  // Key first: a crash between the two writes leaves a mismatch that the next run repairs.
  await writeFileAtomic(keyPath, issued.keyPem, 0o600);
  await writeFileAtomic(certPath, issued.certPem, 0o644);
  regenerated.push(`${name}: ${problem ?? 'missing'}`);
  return issued;
}

async function ensureServiceAccountKey(
  dir: string,
  regenerated: string[],
): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const keyPath = join(dir, PKI_FILES.serviceAccountKey);
  const pubPath = join(dir, PKI_FILES.serviceAccountPublicKey);
  let privateKeyPem = await readFileIfExists(keyPath);
  if (privateKeyPem === undefined) {
    privateKeyPem = (await generateKeyPairPem('rsa-2048')).privateKeyPem;
    await writeFileAtomic(keyPath, privateKeyPem, 0o600);
    regenerated.push('service-account: missing');
  }
  let publicKeyPem: string;
  try {
    publicKeyPem = publicKeyPemOf(privateKeyPem);
  } catch (err) {
    // Replacing the key would invalidate every issued token; make the operator decide.
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`service-account key in ${dir} is unreadable (${reason})`);
  }
  // The public half is derived, so it can always be rewritten to match.
  if ((await readFileIfExists(pubPath)) !== publicKeyPem) {
    await writeFileAtomic(pubPath, publicKeyPem, 0o644);
  }
  return { privateKeyPem, publicKeyPem };
}
