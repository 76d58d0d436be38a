// Key pairs for the cluster PKI. Keys live on disk as PKCS#8 / SPKI PEM (what Go's crypto/tls,
// kubectl and Node's tls all read) and are turned into WebCrypto keys only to sign certificates.
import { createPrivateKey, createPublicKey, generateKeyPair } from 'node:crypto';
import type { KeyObject, webcrypto } from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

/**
 * ECDSA P-256 for certificates (small, fast, accepted by Go TLS and kubectl); RSA 2048 for the
 * service-account signing key, because RS256 is what every token consumer accepts.
 */
export type KeyAlgorithm = 'ecdsa-p256' | 'rsa-2048';

export interface KeyPairPem {
  privateKeyPem: string;
  publicKeyPem: string;
}

/** A private key ready for signing certificates with @peculiar/x509. */
export interface SigningKey {
  privateKey: webcrypto.CryptoKey;
  publicKey: webcrypto.CryptoKey;
  /** The X.509 signature algorithm matching the key (hash chosen by key size). */
  signingAlgorithm: webcrypto.EcdsaParams | webcrypto.Algorithm;
}

export async function generateKeyPairPem(algorithm: KeyAlgorithm): Promise<KeyPairPem> {
  const { privateKey, publicKey } =
    algorithm === 'rsa-2048'
      ? await generateKeyPairAsync('rsa', { modulusLength: 2048 })
      : await generateKeyPairAsync('ec', { namedCurve: 'prime256v1' });
  return { privateKeyPem: privateKeyToPem(privateKey), publicKeyPem: publicKeyToPem(publicKey) };
}

export function privateKeyToPem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function publicKeyToPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** Public key PEM of a private key PEM (PKCS#8, SEC1 or PKCS#1). Throws if it does not parse. */
export function publicKeyPemOf(privateKeyPem: string): string {
  return publicKeyToPem(createPublicKey(createPrivateKey(privateKeyPem)));
}

/**
 * Loads a private key PEM for certificate signing. Supports the key types a cluster CA is made
 * of in practice (EC P-256/P-384, RSA), so an operator-provided CA works too.
 */
export function signingKeyFromPem(privateKeyPem: string): SigningKey {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  const type = privateKey.asymmetricKeyType;
  if (type === 'ec') {
    const curve = privateKey.asymmetricKeyDetails?.namedCurve;
    const namedCurve = curve === 'prime256v1' ? 'P-256' : curve === 'secp384r1' ? 'P-384' : undefined;
    if (namedCurve === undefined) throw new Error(`unsupported EC curve ${String(curve)}`);
    const importParams = { name: 'ECDSA', namedCurve };
    return {
      privateKey: privateKey.toCryptoKey(importParams, false, ['sign']),
      publicKey: publicKey.toCryptoKey(importParams, true, ['verify']),
      signingAlgorithm: { name: 'ECDSA', hash: namedCurve === 'P-256' ? 'SHA-256' : 'SHA-384' },
    };
  }
  if (type === 'rsa') {
    const importParams = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    return {
      privateKey: privateKey.toCryptoKey(importParams, false, ['sign']),
      publicKey: publicKey.toCryptoKey(importParams, true, ['verify']),
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
    };
  }
  throw new Error(`unsupported key type ${String(type)}`);
}

/** A public key PEM as a WebCrypto key, for embedding in a certificate. */
export function certificatePublicKeyFromPem(publicKeyPem: string): webcrypto.CryptoKey {
  const key = createPublicKey(publicKeyPem);
  if (key.asymmetricKeyType === 'rsa') {
    return key.toCryptoKey({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType === 'ec' && (curve === 'prime256v1' || curve === 'secp384r1')) {
    const namedCurve = curve === 'prime256v1' ? 'P-256' : 'P-384';
    return key.toCryptoKey({ name: 'ECDSA', namedCurve }, true, ['verify']);
  }
  throw new Error(`unsupported public key type ${String(key.asymmetricKeyType)}`);
}
