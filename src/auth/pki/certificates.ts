// Lower-level certificate issuance: a self-signed CA and leaves signed by it. The cluster layer
// (cluster.ts) decides names and lifetimes; this file only knows X.509.
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  X509CertificateGenerator,
} from './x509.ts';
import type { Extension, JsonGeneralName, JsonName } from './x509.ts';
import { isIP } from 'node:net';
import { certificatePublicKeyFromPem, generateKeyPairPem, signingKeyFromPem } from './keys.ts';
import type { KeyAlgorithm } from './keys.ts';

/** A certificate with its private key, both PEM. */
export interface CertificateAndKey {
  certPem: string;
  keyPem: string;
}

/** The CA is just a certificate and key; kept as PEM so it round-trips through files. */
export type CertificateAuthority = CertificateAndKey;

export type CertificateUsage = 'server' | 'client';

export interface CertificateRequest {
  commonName: string;
  organizations?: readonly string[];
  /** Subject alternative names; entries that are IP literals become IP SANs. */
  hosts?: readonly string[];
  usages: readonly CertificateUsage[];
  notBefore?: Date;
  notAfter: Date;
  keyAlgorithm?: KeyAlgorithm;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Certificates start an hour in the past so small clock skew between hosts does not reject them. */
const BACKDATE_MS = 60 * 60 * 1000;

export function daysFromNow(days: number, now: Date = new Date()): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

function subjectName(commonName: string, organizations: readonly string[] = []): JsonName {
  // Go's pkix.Name order: organizations before the common name.
  return [...organizations.map((o) => ({ O: [o] })), { CN: [commonName] }];
}

function generalNames(hosts: readonly string[]): JsonGeneralName[] {
  return hosts.map((h) => (isIP(h) !== 0 ? { type: 'ip', value: h } : { type: 'dns', value: h }));
}

export async function createCertificateAuthority(opts: {
  commonName: string;
  notBefore?: Date;
  notAfter: Date;
}): Promise<CertificateAuthority> {
  const keyPem = await generateKeyPairPem('ecdsa-p256');
  const signing = signingKeyFromPem(keyPem.privateKeyPem);
  const cert = await X509CertificateGenerator.createSelfSigned({
    name: subjectName(opts.commonName),
    keys: { privateKey: signing.privateKey, publicKey: signing.publicKey },
    notBefore: opts.notBefore ?? new Date(Date.now() - BACKDATE_MS),
    notAfter: opts.notAfter,
    signingAlgorithm: signing.signingAlgorithm,
    extensions: [
      new BasicConstraintsExtension(true, undefined, true),
      new KeyUsagesExtension(
        KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign | KeyUsageFlags.digitalSignature,
        true,
      ),
      await SubjectKeyIdentifierExtension.create(signing.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: keyPem.privateKeyPem };
}

/** Issues a leaf certificate with a fresh key pair, signed by `ca`. */
export async function issueCertificate(
  ca: CertificateAuthority,
  request: CertificateRequest,
): Promise<CertificateAndKey> {
  if (request.usages.length === 0) throw new Error('a certificate needs at least one usage');
  const caCert = new X509Certificate(ca.certPem);
  const caKey = signingKeyFromPem(ca.keyPem);
  const leaf = await generateKeyPairPem(request.keyAlgorithm ?? 'ecdsa-p256');
  const publicKey = certificatePublicKeyFromPem(leaf.publicKeyPem);
  // A leaf cannot outlive the CA that vouches for it.
  const notAfter = request.notAfter < caCert.notAfter ? request.notAfter : caCert.notAfter;
  const extendedUsages = request.usages.map((u) =>
    u === 'server' ? ExtendedKeyUsage.serverAuth : ExtendedKeyUsage.clientAuth,
  );
  const keyUsages =
    request.keyAlgorithm === 'rsa-2048'
      ? KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment
      : KeyUsageFlags.digitalSignature;
  const extensions: Extension[] = [
    new BasicConstraintsExtension(false, undefined, true),
    new KeyUsagesExtension(keyUsages, true),
    new ExtendedKeyUsageExtension(extendedUsages),
    await SubjectKeyIdentifierExtension.create(publicKey),
    await AuthorityKeyIdentifierExtension.create(caKey.publicKey),
  ];
  const hosts = request.hosts ?? [];
  if (hosts.length > 0) extensions.push(new SubjectAlternativeNameExtension(generalNames(hosts)));
  const cert = await X509CertificateGenerator.create({
    subject: subjectName(request.commonName, request.organizations),
    issuer: caCert.subjectName,
    publicKey,
    signingKey: caKey.privateKey,
    signingAlgorithm: caKey.signingAlgorithm,
    notBefore: request.notBefore ?? new Date(Date.now() - BACKDATE_MS),
    notAfter,
    extensions,
  });
  return { certPem: cert.toString('pem'), keyPem: leaf.privateKeyPem };
}
