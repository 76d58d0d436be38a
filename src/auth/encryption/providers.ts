// Encryption-at-rest providers with upstream's value prefixes (k8s.io/apiserver/pkg/storage/value/
// encrypt/{aes,secretbox,identity}): aescbc, aesgcm (the storage key is authenticated data) and
// secretbox (XSalsa20-Poly1305). Our store holds strings, so the bytes after the prefix are base64.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import nacl from 'tweetnacl';

export interface KeyCipher {
  encrypt(key: string, plain: Buffer): Buffer;
  /** Throws when the value cannot be decrypted or authenticated. */
  decrypt(key: string, sealed: Buffer): Buffer;
}

export function aescbc(secret: Buffer): KeyCipher {
  if (![16, 24, 32].includes(secret.length)) throw new Error(`aescbc keys must be 16, 24 or 32 bytes, not ${secret.length}`);
  const alg = `aes-${secret.length * 8}-cbc`;
  return {
    encrypt(_key, plain) {
      const iv = randomBytes(16);
      const c = createCipheriv(alg, secret, iv);
      return Buffer.concat([iv, c.update(plain), c.final()]);
    },
    decrypt(_key, sealed) {
      if (sealed.length < 32 || sealed.length % 16 !== 0) throw new Error('the stored data is not a multiple of the block size');
      const d = createDecipheriv(alg, secret, sealed.subarray(0, 16));
      return Buffer.concat([d.update(sealed.subarray(16)), d.final()]);
    },
  };
}

export function aesgcm(secret: Buffer): KeyCipher {
  if (![16, 24, 32].includes(secret.length)) throw new Error(`aesgcm keys must be 16, 24 or 32 bytes, not ${secret.length}`);
  const alg = `aes-${secret.length * 8}-gcm` as 'aes-256-gcm';
  return {
    encrypt(key, plain) {
      const nonce = randomBytes(12);
      const c = createCipheriv(alg, secret, nonce);
      c.setAAD(Buffer.from(key));
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([nonce, body, c.getAuthTag()]);
    },
    decrypt(key, sealed) {
      if (sealed.length < 12 + 16) throw new Error('the stored data was shorter than the required size');
      const d = createDecipheriv(alg, secret, sealed.subarray(0, 12));
      d.setAAD(Buffer.from(key));
      d.setAuthTag(sealed.subarray(sealed.length - 16));
      return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]);
    },
  };
}

export function secretbox(secret: Buffer): KeyCipher {
  if (secret.length !== 32) throw new Error(`secretbox keys must be 32 bytes, not ${secret.length}`);
  const k = new Uint8Array(secret);
  return {
    encrypt(_key, plain) {
      const nonce = randomBytes(nacl.secretbox.nonceLength);
      return Buffer.concat([nonce, Buffer.from(nacl.secretbox(new Uint8Array(plain), new Uint8Array(nonce), k))]);
    },
    decrypt(_key, sealed) {
      const n = nacl.secretbox.nonceLength;
      if (sealed.length < n + nacl.secretbox.overheadLength) throw new Error('the stored data was shorter than the required size');
      const out = nacl.secretbox.open(new Uint8Array(sealed.subarray(n)), new Uint8Array(sealed.subarray(0, n)), k);
      if (!out) throw new Error('output array was not large enough for encryption');
      return Buffer.from(out);
    },
  };
}
