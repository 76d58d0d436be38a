// Bootstrap tokens (upstream's plugin/pkg/auth/authenticator/token/bootstrap): Secrets of type
// bootstrap.kubernetes.io/token named bootstrap-token-<id> in kube-system authenticate
// "<id>.<secret>" as system:bootstrap:<id> in system:bootstrappers (plus extra groups) until they
// expire. Nodes use them to join.

import { randomInt, timingSafeEqual } from 'node:crypto';
import type { KubeObject } from '../api/types.ts';
import type { TokenAuthenticator } from './authn/token.ts';

export const BOOTSTRAP_TOKEN_SECRET_PREFIX = 'bootstrap-token-';
export const SECRET_TYPE_BOOTSTRAP_TOKEN = 'bootstrap.kubernetes.io/token';
export const BOOTSTRAP_USER_PREFIX = 'system:bootstrap:';
export const BOOTSTRAP_DEFAULT_GROUP = 'system:bootstrappers';
export const BOOTSTRAP_TOKEN_NAMESPACE = 'kube-system';
const TOKEN_PATTERN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
const GROUP_PATTERN = /^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$/;

/** The lookup the authenticator needs: a Secret in a namespace, or undefined. */
export type SecretGetter = (namespace: string, name: string) => Promise<KubeObject | undefined>;

function dataString(secret: KubeObject, key: string): string {
  const data = (secret as { data?: Record<string, unknown> }).data;
  const v = data?.[key];
  return typeof v === 'string' ? Buffer.from(v, 'base64').toString('utf8') : '';
}

/** Expired when the expiration is unparseable or past (upstream's isSecretExpired). */
export function bootstrapSecretExpired(secret: KubeObject, nowMs: number): boolean {
  const exp = dataString(secret, 'expiration');
  if (!exp) return false;
  const t = Date.parse(exp);
  return !Number.isFinite(t) || !/^\d{4}-\d{2}-\d{2}T/.test(exp) || nowMs > t;
}

/** system:bootstrappers plus the secret's auth-extra-groups, sorted and unique; undefined if one is invalid. */
export function bootstrapGroups(secret: KubeObject): string[] | undefined {
  const groups = new Set([BOOTSTRAP_DEFAULT_GROUP]);
  const extra = dataString(secret, 'auth-extra-groups');
  if (extra) {
    for (const g of extra.split(',')) {
      if (!GROUP_PATTERN.test(g)) return undefined;
      groups.add(g);
    }
  }
  return [...groups].sort();
}

/**
 * Never errors, as upstream: a token that does not match a usable Secret is simply not
 * recognised (the bearer-token layer then answers 401).
 */
export function bootstrapTokenAuthenticator(getSecret: SecretGetter, now: () => number = Date.now): TokenAuthenticator {
  return async (token) => {
    const m = TOKEN_PATTERN.exec(token);
    if (!m) return undefined;
    const [, id = '', secretPart = ''] = m;
    const secret = await getSecret(BOOTSTRAP_TOKEN_NAMESPACE, `${BOOTSTRAP_TOKEN_SECRET_PREFIX}${id}`);
    if (!secret || secret.metadata.deletionTimestamp) return undefined;
    if ((secret as { type?: unknown }).type !== SECRET_TYPE_BOOTSTRAP_TOKEN) return undefined;
    const stored = Buffer.from(dataString(secret, 'token-secret'));
    const given = Buffer.from(secretPart);
    if (stored.length !== given.length || !timingSafeEqual(stored, given)) return undefined;
    if (dataString(secret, 'token-id') !== id) return undefined;
    if (bootstrapSecretExpired(secret, now())) return undefined;
    if (dataString(secret, 'usage-bootstrap-authentication') !== 'true') return undefined;
    const groups = bootstrapGroups(secret);
    if (!groups) return undefined;
    return { user: { name: `${BOOTSTRAP_USER_PREFIX}${id}`, groups }, audiences: [] };
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomString(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** A fresh "<6>.<16>" token, as `kubeadm token generate`. */
export function generateBootstrapToken(): string {
  return `${randomString(6)}.${randomString(16)}`;
}

export interface BootstrapTokenSpec {
  token: string;
  description?: string;
  /** Lifetime from now; 0 or absent: never expires. */
  ttlSeconds?: number;
  /** e.g. ['authentication', 'signing'] (kubeadm's default). */
  usages: string[];
  extraGroups?: string[];
  now?: number;
}

/** The Secret that makes a bootstrap token valid, as kubeadm writes it. */
export function bootstrapTokenSecret(s: BootstrapTokenSpec): KubeObject {
  const m = TOKEN_PATTERN.exec(s.token);
  if (!m) throw new Error(`the bootstrap token "${s.token}" was not of the form "[a-z0-9]{6}.[a-z0-9]{16}"`);
  for (const g of s.extraGroups ?? []) {
    if (!GROUP_PATTERN.test(g)) throw new Error(`bootstrap group "${g}" is invalid (must match ${GROUP_PATTERN.source})`);
  }
  const [, id = '', secret = ''] = m;
  const data: Record<string, string> = { 'token-id': id, 'token-secret': secret };
  if (s.description) data.description = s.description;
  if (s.ttlSeconds) {
    data.expiration = new Date((s.now ?? Date.now()) + s.ttlSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  for (const u of s.usages) data[`usage-bootstrap-${u}`] = 'true';
  if (s.extraGroups && s.extraGroups.length > 0) data['auth-extra-groups'] = s.extraGroups.join(',');
  const encoded: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) encoded[k] = Buffer.from(v).toString('base64');
  return {
    apiVersion: 'v1', kind: 'Secret',
    metadata: { name: `${BOOTSTRAP_TOKEN_SECRET_PREFIX}${id}`, namespace: BOOTSTRAP_TOKEN_NAMESPACE },
    type: SECRET_TYPE_BOOTSTRAP_TOKEN,
    data: encoded,
  } as KubeObject;
}
