// The two service-account token authenticators kube-apiserver runs: secret-based (legacy)
// tokens of issuer kubernetes/serviceaccount, and bound tokens of the configured issuers.

import type { TokenAuthenticator } from '../authn/token.ts';
import { LEGACY_ISSUER } from './claims.ts';
import { jwtTokenAuthenticator } from './jwt.ts';
import type { PublicKeyEntry } from './keys.ts';
import type { ObjectGetter } from './validator.ts';
import { validateBoundToken, validateLegacyToken } from './validator.ts';

export interface ServiceAccountAuthenticatorOptions {
  /** Accepted issuers of bound tokens (--service-account-issuer; the first one issues). */
  issuers: readonly string[];
  keys: () => readonly PublicKeyEntry[];
  /** --api-audiences (default: the issuers). */
  apiAudiences: readonly string[];
  getter: ObjectGetter;
  /** Milliseconds since the epoch (injectable for tests). */
  now?: () => number;
}

export function serviceAccountTokenAuthenticators(o: ServiceAccountAuthenticatorOptions): TokenAuthenticator[] {
  const now = o.now ?? Date.now;
  const legacy = jwtTokenAuthenticator({
    issuers: [LEGACY_ISSUER], keys: o.keys, implicitAudiences: o.apiAudiences,
    validate: (token, claims) => validateLegacyToken(o.getter, token, claims),
  });
  const bound = jwtTokenAuthenticator({
    issuers: o.issuers, keys: o.keys, implicitAudiences: o.apiAudiences,
    validate: (_token, claims) => validateBoundToken(o.getter, claims, Math.floor(now() / 1000)),
  });
  return [legacy, bound];
}
