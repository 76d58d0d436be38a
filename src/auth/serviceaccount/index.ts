// Public surface of service-account tokens: claims, signing and verification, the TokenRequest
// handler and OIDC discovery. A tokens controller issues secret-based tokens with
// `new TokenGenerator(LEGACY_ISSUER, signingKeyFromPem(pem)).generateToken(legacyClaims(sa, secretName))`.
export {
  ALL_SERVICE_ACCOUNTS_GROUP, CREDENTIAL_ID_KEY, DEFAULT_ISSUER, EXPIRATION_EXTENSION_SECONDS, LEGACY_ISSUER, NODE_NAME_KEY, NODE_UID_KEY,
  POD_NAME_KEY, POD_UID_KEY, WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS, boundClaims, credentialIDForJTI, legacyClaims, serviceAccountGroups,
  serviceAccountUserInfo, serviceAccountUsername, splitServiceAccountUsername,
} from './claims.ts';
export type { BoundClaims, BoundClaimsRequest, KubernetesClaim, LegacyClaims, ObjectRef, ServiceAccountInfo } from './claims.ts';
export { serviceAccountTokenAuthenticators } from './authenticator.ts';
export type { ServiceAccountAuthenticatorOptions } from './authenticator.ts';
export { TokenGenerator, jwtTokenAuthenticator, unverifiedIssuer, verifiedClaims } from './jwt.ts';
export { keyIDFromPublicKey, publicJWK, publicKeyEntry, signingKeyFromPem } from './keys.ts';
export type { PublicKeyEntry, SigningKey } from './keys.ts';
export { JWKS_PATH, OPENID_CONFIG_PATH, defaultJWKSURI, openIDMetadata, openIDRoutes } from './oidc.ts';
export { DEFAULT_TOKEN_EXPIRATION_SECONDS, tokenRequestHandler } from './tokenrequest.ts';
export type { TokenRequestOptions } from './tokenrequest.ts';
export { LEEWAY_SECONDS, LEGACY_TOKEN_INVALID_SINCE_LABEL, validateBoundToken, validateLegacyToken } from './validator.ts';
export type { ObjectGetter } from './validator.ts';
