// What makes a verified service-account token valid beyond its signature: its times, and that
// the service account (and the pod, secret or node it is bound to) still exists with the same
// uid (upstream's claims.go validator and legacy.go legacyValidator).

import type { KubeObject } from '../../api/types.ts';
import type { Claims } from './jwt.ts';
import type { ObjectRef, ServiceAccountInfo } from './claims.ts';
import { credentialIDForJTI, splitServiceAccountUsername } from './claims.ts';

/** go-jose's default leeway for exp/nbf/iat, also the grace for objects being deleted. */
export const LEEWAY_SECONDS = 60;

/** Reads the objects tokens are bound to (the apiserver's watch caches, falling back to storage). */
export interface ObjectGetter {
  serviceAccount(namespace: string, name: string): Promise<KubeObject | undefined>;
  secret(namespace: string, name: string): Promise<KubeObject | undefined>;
  pod(namespace: string, name: string): Promise<KubeObject | undefined>;
  node(name: string): Promise<KubeObject | undefined>;
}

const INVALIDATED = 'service account token has been invalidated';

function deletedBefore(obj: KubeObject, limitSeconds: number): boolean {
  const ts = obj.metadata.deletionTimestamp;
  if (!ts) return false;
  const t = Date.parse(ts);
  return Number.isFinite(t) && t / 1000 < limitSeconds;
}

function refOf(v: unknown): ObjectRef | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  return { name: typeof o.name === 'string' ? o.name : '', uid: typeof o.uid === 'string' ? o.uid : '' };
}

function numericDate(claims: Claims, key: string): number | undefined {
  const v = claims[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`json: cannot unmarshal ${typeof v} into Go struct field Claims.${key} of type jwt.NumericDate`);
  return v;
}

/** exp / nbf / iat with go-jose's leeway and upstream's messages. */
export function checkTimes(claims: Claims, now: number): void {
  const nbf = numericDate(claims, 'nbf');
  const exp = numericDate(claims, 'exp');
  const iat = numericDate(claims, 'iat');
  if (nbf !== undefined && now + LEEWAY_SECONDS < nbf) throw new Error('service account token is not valid yet');
  if (exp !== undefined && now - LEEWAY_SECONDS > exp) throw new Error('service account token has expired');
  if (iat !== undefined && now + LEEWAY_SECONDS < iat) throw new Error('service account token is issued in the future');
}

async function liveServiceAccount(get: ObjectGetter, namespace: string, saRef: ObjectRef, notAfter: number, uidMessage: (uid: string) => string): Promise<void> {
  const sa = await get.serviceAccount(namespace, saRef.name);
  if (!sa) throw new Error(`serviceaccounts "${saRef.name}" not found`);
  if ((sa.metadata.uid ?? '') !== saRef.uid) throw new Error(uidMessage(sa.metadata.uid ?? ''));
  if (deletedBefore(sa, notAfter)) throw new Error(`service account ${namespace}/${saRef.name} has been deleted`);
}

/** Validates a bound (TokenRequest) token's claims; `now` in Unix seconds. */
export async function validateBoundToken(get: ObjectGetter, claims: Claims, now: number): Promise<ServiceAccountInfo> {
  checkTimes(claims, now);
  const notAfter = now - LEEWAY_SECONDS;
  const k8s = claims['kubernetes.io'];
  const priv = typeof k8s === 'object' && k8s !== null ? k8s as Record<string, unknown> : {};
  const namespace = typeof priv.namespace === 'string' ? priv.namespace : '';
  const saRef = refOf(priv.serviceaccount) ?? { name: '', uid: '' };
  const podRef = refOf(priv.pod);
  const secretRef = refOf(priv.secret);
  const nodeRef = refOf(priv.node);
  await liveServiceAccount(get, namespace, saRef, notAfter, (uid) => `service account UID (${uid}) does not match claim (${saRef.uid})`);

  if (secretRef) {
    const secret = await get.secret(namespace, secretRef.name);
    if (!secret) throw new Error(INVALIDATED);
    if ((secret.metadata.uid ?? '') !== secretRef.uid) {
      throw new Error(`secret UID (${secret.metadata.uid ?? ''}) does not match service account secret ref claim (${secretRef.uid})`);
    }
    if (deletedBefore(secret, notAfter)) throw new Error(INVALIDATED);
  }
  const info: ServiceAccountInfo = { namespace, name: saRef.name, uid: saRef.uid };
  if (podRef) {
    const pod = await get.pod(namespace, podRef.name);
    if (!pod) throw new Error(INVALIDATED);
    if ((pod.metadata.uid ?? '') !== podRef.uid) {
      throw new Error(`pod UID (${pod.metadata.uid ?? ''}) does not match service account pod ref claim (${podRef.uid})`);
    }
    if (deletedBefore(pod, notAfter)) throw new Error(INVALIDATED);
    info.podName = podRef.name;
    info.podUID = podRef.uid;
    // For pod-bound tokens the node is informational only (not checked), as upstream.
    if (nodeRef) { info.nodeName = nodeRef.name; info.nodeUID = nodeRef.uid; }
  } else if (nodeRef) {
    const node = await get.node(nodeRef.name);
    if (!node) throw new Error(INVALIDATED);
    if ((node.metadata.uid ?? '') !== nodeRef.uid) {
      throw new Error(`node UID (${node.metadata.uid ?? ''}) does not match service account node ref claim (${nodeRef.uid})`);
    }
    if (deletedBefore(node, notAfter)) throw new Error(INVALIDATED);
    info.nodeName = nodeRef.name;
    info.nodeUID = nodeRef.uid;
  }
  const jti = typeof claims.jti === 'string' ? claims.jti : '';
  if (jti) info.credentialID = credentialIDForJTI(jti);
  return info;
}

/** Labelled by the legacy token cleaner on secret-based tokens it has invalidated. */
export const LEGACY_TOKEN_INVALID_SINCE_LABEL = 'kubernetes.io/legacy-token-invalid-since';

/** Validates a secret-based token: its secret still holds exactly this token, and the account is live. */
export async function validateLegacyToken(get: ObjectGetter, token: string, claims: Claims): Promise<ServiceAccountInfo> {
  const s = (k: string): string => { const v = claims[k]; return typeof v === 'string' ? v : ''; };
  const sub = s('sub');
  const namespace = s('kubernetes.io/serviceaccount/namespace');
  const secretName = s('kubernetes.io/serviceaccount/secret.name');
  const name = s('kubernetes.io/serviceaccount/service-account.name');
  const uid = s('kubernetes.io/serviceaccount/service-account.uid');
  if (!sub) throw new Error('sub claim is missing');
  if (!namespace) throw new Error('namespace claim is missing');
  if (!secretName) throw new Error('secretName claim is missing');
  if (!name) throw new Error('serviceAccountName claim is missing');
  if (!uid) throw new Error('serviceAccountUID claim is missing');
  const subject = splitServiceAccountUsername(sub);
  if (!subject || subject.namespace !== namespace || subject.name !== name) throw new Error('sub claim is invalid');

  const secret = await get.secret(namespace, secretName);
  if (!secret || secret.metadata.deletionTimestamp) throw new Error('token has been invalidated');
  const data = (secret as { data?: Record<string, unknown> }).data;
  const stored = typeof data?.token === 'string' ? Buffer.from(data.token, 'base64').toString('utf8') : '';
  if (stored !== token) throw new Error("token does not match server's copy");
  if (secret.metadata.labels?.[LEGACY_TOKEN_INVALID_SINCE_LABEL]) throw new Error('token has been invalidated');
  const sa = await get.serviceAccount(namespace, name);
  if (!sa) throw new Error(`serviceaccounts "${name}" not found`);
  if (sa.metadata.deletionTimestamp) throw new Error(`service account ${namespace}/${name} has been deleted`);
  if ((sa.metadata.uid ?? '') !== uid) throw new Error(`service account UID (${sa.metadata.uid ?? ''}) does not match claim (${uid})`);
  return { namespace, name, uid };
}
