// The RBAC API shapes the authorizer works on (rbac.authorization.k8s.io/v1), decoded once
// from stored objects.

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

export interface Subject {
  kind: SubjectKind | string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef { apiGroup: string; kind: 'Role' | 'ClusterRole' | string; name: string }

/** A RoleBinding (namespace set) or ClusterRoleBinding (namespace ''). */
export interface Binding {
  name: string;
  namespace: string;
  roleRef: RoleRef;
  subjects: Subject[];
}

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';
export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const MASTERS = 'system:masters';

/** system:serviceaccount:ns:name → [ns, name], or undefined for other users. */
export function splitServiceAccountUser(user: string): [string, string] | undefined {
  if (!user.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const rest = user.slice(SERVICE_ACCOUNT_PREFIX.length);
  const i = rest.indexOf(':');
  if (i <= 0 || i === rest.length - 1 || rest.indexOf(':', i + 1) >= 0) return undefined;
  return [rest.slice(0, i), rest.slice(i + 1)];
}

export function serviceAccountUser(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;
}

/** The groups every service account of a namespace is in. */
export function serviceAccountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`];
}
