// Decides whether an existing leaf certificate can be kept. Returns the reason it cannot (for
// logs and tests), or undefined when it is fine.
import { X509Certificate as PeculiarCertificate } from './x509.ts';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';
import type { CertificateUsage } from './certificates.ts';

export interface LeafRequirements {
  commonName: string;
  organizations?: readonly string[];
  /** DNS names and IP literals the certificate must cover. */
  hosts?: readonly string[];
  usage: CertificateUsage;
}

export interface LeafCheckOptions {
  now: Date;
  /** Renew when fewer than this many milliseconds of validity are left. */
  renewBeforeMs: number;
}

const EXTENDED_KEY_USAGE: Record<CertificateUsage, string> = {
  server: '1.3.6.1.5.5.7.3.1',
  client: '1.3.6.1.5.5.7.3.2',
};

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

export function leafProblem(
  pair: { certPem: string | undefined; keyPem: string | undefined },
  caCertPem: string,
  required: LeafRequirements,
  opts: LeafCheckOptions,
): string | undefined {
  if (pair.certPem === undefined) return 'certificate is missing';
  if (pair.keyPem === undefined) return 'key is missing';
  let cert: X509Certificate;
  let subject: PeculiarCertificate;
  try {
    cert = new X509Certificate(pair.certPem);
    subject = new PeculiarCertificate(pair.certPem);
    if (!cert.checkPrivateKey(createPrivateKey(pair.keyPem))) return 'key does not match the certificate';
  } catch (err) {
    return `unreadable: ${err instanceof Error ? err.message : String(err)}`;
  }
  const ca = new X509Certificate(caCertPem);
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return 'not signed by the current CA';
  if (cert.validFromDate > opts.now) return `not valid before ${cert.validFromDate.toISOString()}`;
  if (cert.validToDate.getTime() - opts.now.getTime() < opts.renewBeforeMs) {
    return `expires at ${cert.validToDate.toISOString()}`;
  }
  const commonNames = subject.subjectName.getField('CN');
  if (commonNames.length !== 1 || commonNames[0] !== required.commonName) {
    return `common name is not ${required.commonName}`;
  }
  if (!sameSet(subject.subjectName.getField('O'), required.organizations ?? [])) {
    return 'organizations differ';
  }
  // Node names the extended key usage list `keyUsage`.
  if (!(cert.keyUsage ?? []).includes(EXTENDED_KEY_USAGE[required.usage])) {
    return `not valid for ${required.usage} authentication`;
  }
  for (const host of required.hosts ?? []) {
    const covered =
      isIP(host) !== 0
        ? cert.checkIP(host) !== undefined
        : cert.checkHost(host, { subject: 'never', wildcards: false }) !== undefined;
    if (!covered) return `does not cover ${host}`;
  }
  return undefined;
}
