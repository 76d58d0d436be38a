// The service-account signing key and the public keys tokens are verified with, with
// upstream's key IDs (base64url of the SHA-256 of the DER public key) and JWKs as go-jose
// prints them (pkg/serviceaccount/jwt.go keyIDFromPublicKey, openidmetadata.go).

import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';

export type SigningAlgorithm = 'RS256' | 'ES256' | 'ES384' | 'ES512';

export interface PublicKeyEntry {
  kid: string;
  alg: SigningAlgorithm;
  key: KeyObject;
}

export interface SigningKey extends PublicKeyEntry {
  privateKey: KeyObject;
}

/** Upstream's key ID: unpadded base64url of sha256(DER SubjectPublicKeyInfo). */
export function keyIDFromPublicKey(pub: KeyObject): string {
  const der = pub.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64url');
}

function algorithmOf(pub: KeyObject): SigningAlgorithm {
  if (pub.asymmetricKeyType === 'rsa') return 'RS256';
  if (pub.asymmetricKeyType === 'ec') {
    switch (pub.asymmetricKeyDetails?.namedCurve) {
      case 'prime256v1': return 'ES256';
      case 'secp384r1': return 'ES384';
      case 'secp521r1': return 'ES512';
    }
    throw new Error('unknown private key curve, must be 256, 384, or 521');
  }
  throw new Error('unknown public key type, must be *rsa.PublicKey, *ecdsa.PublicKey, or jose.OpaqueSigner');
}

export function publicKeyEntry(pem: string): PublicKeyEntry {
  // A private key PEM is accepted too (upstream reads --service-account-key-file either way).
  const key = createPublicKey(pem);
  return { kid: keyIDFromPublicKey(key), alg: algorithmOf(key), key };
}

export function signingKeyFromPem(privateKeyPem: string): SigningKey {
  const privateKey = createPrivateKey(privateKeyPem);
  const key = createPublicKey(privateKey);
  return { kid: keyIDFromPublicKey(key), alg: algorithmOf(key), key, privateKey };
}

/** A public JWK as go-jose marshals it: use, kty, kid, alg, then the key parameters. */
export function publicJWK(entry: PublicKeyEntry): Record<string, string> {
  const jwk: JsonWebKey = entry.key.export({ format: 'jwk' });
  const out: Record<string, string> = { use: 'sig', kty: String(jwk.kty), kid: entry.kid, alg: entry.alg };
  if (jwk.kty === 'RSA') {
    out.n = String(jwk.n);
    out.e = String(jwk.e);
  } else {
    out.crv = String(jwk.crv);
    out.x = String(jwk.x);
    out.y = String(jwk.y);
  }
  return out;
}
