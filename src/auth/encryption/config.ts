// EncryptionConfiguration (apiserver.config.k8s.io/v1, as --encryption-provider-config): which
// resources are encrypted with which providers. The first provider's first key encrypts; every
// configured key decrypts (key rotation); identity reads and writes plain values.

import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import type { ValueTransformer } from '../../apiserver/storage/codec.ts';
import { aescbc, aesgcm, secretbox } from './providers.ts';
import type { KeyCipher } from './providers.ts';

const CIPHERS: Record<string, (secret: Buffer) => KeyCipher> = { aescbc, aesgcm, secretbox };

interface PrefixedKey { prefix: string; cipher: KeyCipher }
/** One provider entry: its keys, or identity (plain). */
type Provider = { identity: true } | { identity: false; keys: PrefixedKey[] };

interface ResourceEntry { patterns: string[]; transformer: ValueTransformer }

export class EncryptionConfigError extends Error {
  constructor(message: string) { super(message); this.name = 'EncryptionConfigError'; }
}

function isRecord(v: unknown): v is Record<string, unknown> { return typeof v === 'object' && v !== null && !Array.isArray(v); }

function parseProvider(p: unknown, where: string): Provider {
  if (!isRecord(p)) throw new EncryptionConfigError(`${where}: a provider must be an object`);
  const names = Object.keys(p);
  if (names.length !== 1) throw new EncryptionConfigError(`${where}: exactly one provider type per entry, got ${names.join(', ') || 'none'}`);
  const name = names[0] as string;
  if (name === 'identity') return { identity: true };
  const make = CIPHERS[name];
  if (!make) throw new EncryptionConfigError(`${where}: unsupported provider ${name} (identity, aescbc, aesgcm and secretbox are)`);
  const cfg = p[name];
  const keys = isRecord(cfg) && Array.isArray(cfg.keys) ? cfg.keys : [];
  if (keys.length === 0) throw new EncryptionConfigError(`${where}.${name}.keys: Required value`);
  const seen = new Set<string>();
  return {
    identity: false,
    keys: keys.map((k, i) => {
      if (!isRecord(k) || typeof k.name !== 'string' || !k.name || typeof k.secret !== 'string') {
        throw new EncryptionConfigError(`${where}.${name}.keys[${i}]: name and secret are required`);
      }
      if (k.name.includes(':')) throw new EncryptionConfigError(`${where}.${name}.keys[${i}].name: must not contain ':'`);
      if (seen.has(k.name)) throw new EncryptionConfigError(`${where}.${name}.keys[${i}].name: Duplicate value: "${k.name}"`);
      seen.add(k.name);
      const secret = Buffer.from(k.secret, 'base64');
      try {
        return { prefix: `k8s:enc:${name}:v1:${k.name}:`, cipher: make(secret) };
      } catch (err) {
        throw new EncryptionConfigError(`${where}.${name}.keys[${i}].secret: ${(err as Error).message}`);
      }
    }),
  };
}

/** The transformer of one resource entry's provider list. */
export function providerTransformer(providers: Provider[]): ValueTransformer {
  const first = providers[0];
  if (!first) throw new EncryptionConfigError('providers: Required value');
  const readers = providers.flatMap((p) => (p.identity ? [] : p.keys));
  const identityReads = providers.some((p) => p.identity);
  return {
    toStorage(key, plain) {
      if (first.identity) return plain;
      const k = first.keys[0] as PrefixedKey;
      return k.prefix + k.cipher.encrypt(key, Buffer.from(plain, 'utf8')).toString('base64');
    },
    fromStorage(key, stored) {
      for (const k of readers) {
        if (stored.startsWith(k.prefix)) return k.cipher.decrypt(key, Buffer.from(stored.slice(k.prefix.length), 'base64')).toString('utf8');
      }
      if (identityReads && !stored.startsWith('k8s:enc:')) return stored;
      throw new Error(`no matching prefix found for the value stored at ${key}`);
    },
  };
}

/** Does "secrets", "deployments.apps", "*.apps", "*." or "*.*" name this group/resource? */
function matches(pattern: string, group: string, resource: string): boolean {
  if (pattern === '*.*') return true;
  if (pattern === '*.') return group === '';
  const dot = pattern.indexOf('.');
  const r = dot < 0 ? pattern : pattern.slice(0, dot);
  const g = dot < 0 ? '' : pattern.slice(dot + 1);
  return (r === '*' || r === resource) && g === group;
}

export function parseEncryptionConfig(text: string): (group: string, resource: string) => ValueTransformer | undefined {
  let doc: unknown;
  try { doc = YAML.parse(text); } catch (err) { throw new EncryptionConfigError(`the encryption configuration is not YAML or JSON: ${(err as Error).message}`); }
  if (!isRecord(doc) || doc.kind !== 'EncryptionConfiguration' || (doc.apiVersion !== 'apiserver.config.k8s.io/v1' && doc.apiVersion !== 'apiserver.config.k8s.io/v1beta1')) {
    throw new EncryptionConfigError('expected kind EncryptionConfiguration of apiVersion apiserver.config.k8s.io/v1');
  }
  const entries: ResourceEntry[] = (Array.isArray(doc.resources) ? doc.resources : []).map((r, i) => {
    const where = `resources[${i}]`;
    if (!isRecord(r) || !Array.isArray(r.resources) || r.resources.length === 0) throw new EncryptionConfigError(`${where}.resources: Required value`);
    if (!Array.isArray(r.providers) || r.providers.length === 0) throw new EncryptionConfigError(`${where}.providers: Required value`);
    const patterns = r.resources.map((p) => (typeof p === 'string' ? p.toLowerCase() : ''));
    return { patterns, transformer: providerTransformer(r.providers.map((p, j) => parseProvider(p, `${where}.providers[${j}]`))) };
  });
  return (group, resource) => entries.find((e) => e.patterns.some((p) => matches(p, group, resource)))?.transformer;
}

/** Reads --encryption-provider-config: the value transformer per group and resource (undefined: plain). */
export function loadEncryptionConfig(path: string): (group: string, resource: string) => ValueTransformer | undefined {
  return parseEncryptionConfig(readFileSync(path, 'utf8'));
}
