// Service-account token claims, as upstream writes and reads them (pkg/serviceaccount/claims.go,
// legacy.go) and the user a token stands for (k8s.io/apiserver/pkg/authentication/serviceaccount).

import { randomUUID } from 'node:crypto';
import type { UserInfo } from '../types.ts';

/** The issuer kube-apiserver is usually given (--service-account-issuer). */
export const DEFAULT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** The issuer of secret-based (legacy) tokens. */
export const LEGACY_ISSUER = 'kubernetes/serviceaccount';
/** A projected token asking for exactly this lifetime is extended and only warned about after it. */
export const WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 60 * 60 + 7;
export const EXPIRATION_EXTENSION_SECONDS = 24 * 365 * 60 * 60;

export const SERVICE_ACCOUNT_USERNAME_PREFIX = 'system:serviceaccount:';
export const ALL_SERVICE_ACCOUNTS_GROUP = 'system:serviceaccounts';
export const POD_NAME_KEY = 'authentication.kubernetes.io/pod-name';
export const POD_UID_KEY = 'authentication.kubernetes.io/pod-uid';
export const NODE_NAME_KEY = 'authentication.kubernetes.io/node-name';
export const NODE_UID_KEY = 'authentication.kubernetes.io/node-uid';
export const CREDENTIAL_ID_KEY = 'authentication.kubernetes.io/credential-id';

export interface ObjectRef { name: string; uid: string }

/** A reference as Go's omitempty writes it (no empty name or uid). */
function compactRef(r: ObjectRef): ObjectRef {
  const out: Partial<ObjectRef> = {};
  if (r.name) out.name = r.name;
  if (r.uid) out.uid = r.uid;
  return out as ObjectRef;
}

/** The private `kubernetes.io` claim of a bound token. */
export interface KubernetesClaim {
  namespace: string;
  serviceaccount: ObjectRef;
  pod?: ObjectRef;
  secret?: ObjectRef;
  node?: ObjectRef;
  warnafter?: number;
}

export interface BoundClaims {
  aud: string[];
  exp: number;
  iat: number;
  jti: string;
  'kubernetes.io': KubernetesClaim;
  nbf: number;
  sub: string;
}

export interface LegacyClaims {
  sub: string;
  'kubernetes.io/serviceaccount/namespace': string;
  'kubernetes.io/serviceaccount/secret.name': string;
  'kubernetes.io/serviceaccount/service-account.name': string;
  'kubernetes.io/serviceaccount/service-account.uid': string;
}

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_USERNAME_PREFIX}${namespace}:${name}`;
}

export function serviceAccountGroups(namespace: string): string[] {
  return [ALL_SERVICE_ACCOUNTS_GROUP, `system:serviceaccounts:${namespace}`];
}

/** Namespace and name of a service-account user name, or undefined for any other user. */
export function splitServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_USERNAME_PREFIX)) return undefined;
  const parts = username.slice(SERVICE_ACCOUNT_USERNAME_PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

export interface ServiceAccountInfo {
  namespace: string;
  name: string;
  uid: string;
  podName?: string;
  podUID?: string;
  nodeName?: string;
  nodeUID?: string;
  credentialID?: string;
}

/** The user a service-account token authenticates as, with upstream's extra keys. */
export function serviceAccountUserInfo(sa: ServiceAccountInfo): UserInfo {
  const extra: Record<string, string[]> = {};
  if (sa.podName && sa.podUID) {
    extra[POD_NAME_KEY] = [sa.podName];
    extra[POD_UID_KEY] = [sa.podUID];
  }
  if (sa.credentialID) extra[CREDENTIAL_ID_KEY] = [sa.credentialID];
  if (sa.nodeName) {
    extra[NODE_NAME_KEY] = [sa.nodeName];
    if (sa.nodeUID) extra[NODE_UID_KEY] = [sa.nodeUID];
  }
  const user: UserInfo = { name: serviceAccountUsername(sa.namespace, sa.name), uid: sa.uid, groups: serviceAccountGroups(sa.namespace) };
  if (Object.keys(extra).length > 0) user.extra = extra;
  return user;
}

/** The credential ID a token's JTI is recorded as in the user's extra. */
export function credentialIDForJTI(jti: string): string {
  return jti ? `JTI=${jti}` : '';
}

export interface BoundClaimsRequest {
  serviceAccount: { namespace: string; name: string; uid: string };
  pod?: ObjectRef;
  secret?: ObjectRef;
  node?: ObjectRef;
  audiences: string[];
  expirationSeconds: number;
  /** Non-zero for a token extended past its requested lifetime (warn after this many seconds). */
  warnAfterSeconds?: number;
  /** Unix seconds. */
  now: number;
  jti?: string;
}

/** The claims of a bound token (issuer added by the generator). A pod-bound token may carry its node. */
export function boundClaims(r: BoundClaimsRequest): BoundClaims {
  if (r.secret && (r.pod || r.node)) throw new Error('internal error, token can only be bound to one object type');
  const k8s: KubernetesClaim = {
    namespace: r.serviceAccount.namespace,
    serviceaccount: compactRef({ name: r.serviceAccount.name, uid: r.serviceAccount.uid }),
  };
  if (r.pod) {
    k8s.pod = compactRef(r.pod);
    if (r.node) k8s.node = compactRef(r.node);
  } else if (r.secret) {
    k8s.secret = compactRef(r.secret);
  } else if (r.node) {
    k8s.node = compactRef(r.node);
  }
  if (r.warnAfterSeconds) k8s.warnafter = r.now + r.warnAfterSeconds;
  return {
    aud: [...r.audiences],
    exp: r.now + r.expirationSeconds,
    iat: r.now,
    jti: r.jti ?? randomUUID(),
    'kubernetes.io': k8s,
    nbf: r.now,
    sub: serviceAccountUsername(r.serviceAccount.namespace, r.serviceAccount.name),
  };
}

/** The claims of a secret-based token (kubernetes.io/service-account-token Secrets). */
export function legacyClaims(sa: { namespace: string; name: string; uid: string }, secretName: string): LegacyClaims {
  return {
    sub: serviceAccountUsername(sa.namespace, sa.name),
    'kubernetes.io/serviceaccount/namespace': sa.namespace,
    'kubernetes.io/serviceaccount/secret.name': secretName,
    'kubernetes.io/serviceaccount/service-account.name': sa.name,
    'kubernetes.io/serviceaccount/service-account.uid': sa.uid,
  };
}
