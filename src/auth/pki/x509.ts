// The one entry to @peculiar/x509: it depends on tsyringe, which needs the Reflect metadata
// polyfill loaded first. ES module imports evaluate in order, so importing the polyfill here,
// before the library, makes every user of this file safe.
import 'reflect-metadata';

export {
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
} from '@peculiar/x509';
export type { Extension, JsonGeneralName, JsonName } from '@peculiar/x509';
