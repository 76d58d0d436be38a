// Public surface of the cluster PKI.
export {
  ADMIN_COMMON_NAME,
  ADMIN_ORGANIZATION,
  CA_VALIDITY_DAYS,
  LEAF_VALIDITY_DAYS,
  PKI_FILES,
  RENEW_BEFORE_DAYS,
  ensureClusterPKI,
  issueClientCertificate,
  reconcileClusterPKI,
  servingHosts,
} from './cluster.ts';
export type { ClusterPKI, ClusterPKIOptions, PKIReconcileResult } from './cluster.ts';
export { createCertificateAuthority, daysFromNow, issueCertificate } from './certificates.ts';
export type {
  CertificateAndKey,
  CertificateAuthority,
  CertificateRequest,
  CertificateUsage,
} from './certificates.ts';
export { DEFAULT_RENEWAL_INTERVAL_MS, startCertificateRenewal } from './renewal.ts';
export type { CertificateRenewalOptions } from './renewal.ts';
export { writeFileAtomic } from './files.ts';
