// rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding and ClusterRoleBinding. Their names
// are path segments (system:controller:foo), not DNS names.

import type { ResourceType } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { isObj, obj, objs, str } from './access.ts';
import { age, ageColumn, col, defaultColumns, defaultRow, nameColumn } from './printers.ts';
import { validation } from './wiring.ts';

const GROUP = 'rbac.authorization.k8s.io';
const ROLE_REF_DOC = 'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.';

/** v1 defaulting: roleRef.apiGroup and User/Group subjects' apiGroup default to the RBAC group. */
function defaultBinding(o: KubeObject): void {
  const ref = o['roleRef'];
  if (isObj(ref) && !ref['apiGroup']) ref['apiGroup'] = GROUP;
  for (const s of objs(o['subjects'])) {
    if (s['apiGroup']) continue;
    if (s['kind'] === 'User' || s['kind'] === 'Group') s['apiGroup'] = GROUP;
    else if (s['kind'] === 'ServiceAccount') s['apiGroup'] = '';
  }
}

/** The Users, Groups and ServiceAccounts cells, as upstream's SubjectsStrings joined by ", ". */
function subjectCells(o: KubeObject): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of objs(o['subjects'])) {
    if (s['kind'] === 'ServiceAccount') sas.push(`${str(s['namespace'])}/${str(s['name'])}`);
    else if (s['kind'] === 'User') users.push(str(s['name']));
    else if (s['kind'] === 'Group') groups.push(str(s['name']));
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function bindingColumns(kind: 'roleBinding' | 'clusterRoleBinding') {
  const doc = kind === 'roleBinding'
    ? 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.'
    : ROLE_REF_DOC;
  const noun = kind === 'roleBinding' ? 'roleBinding' : 'clusterRoleBinding';
  return [
    nameColumn(),
    col('Role', 'string', doc),
    ageColumn(),
    col('Users', 'string', `Users in the ${noun}`, 1),
    col('Groups', 'string', `Groups in the ${noun}`, 1),
    col('ServiceAccounts', 'string', `ServiceAccounts in the ${noun}`, 1),
  ];
}

function bindingRow(o: KubeObject, now: number): unknown[] {
  const ref = obj(o['roleRef']);
  return [o.metadata.name ?? '', `${str(ref['kind'])}/${str(ref['name'])}`, age(o, now), ...subjectCells(o)];
}

const common = { group: GROUP, version: 'v1', nameRule: 'path', tracksGeneration: false } as const;

export const clusterRoleBindings: ResourceType = {
  ...common, kind: 'ClusterRoleBinding', resource: 'clusterrolebindings', singular: 'clusterrolebinding', namespaced: false,
  columns: bindingColumns('clusterRoleBinding'), row: bindingRow, defaults: defaultBinding,
  ...validation(`${GROUP}/ClusterRoleBinding`),
};

export const clusterRoles: ResourceType = {
  ...common, kind: 'ClusterRole', resource: 'clusterroles', singular: 'clusterrole', namespaced: false,
  columns: defaultColumns(), row: defaultRow,
  ...validation(`${GROUP}/ClusterRole`),
};

export const roleBindings: ResourceType = {
  ...common, kind: 'RoleBinding', resource: 'rolebindings', singular: 'rolebinding', namespaced: true,
  columns: bindingColumns('roleBinding'), row: bindingRow, defaults: defaultBinding,
  ...validation(`${GROUP}/RoleBinding`),
};

export const roles: ResourceType = {
  ...common, kind: 'Role', resource: 'roles', singular: 'role', namespaced: true,
  columns: defaultColumns(), row: defaultRow,
  ...validation(`${GROUP}/Role`),
};

/** In discovery order (alphabetical by resource, as upstream lists them). */
export function rbacTypes(): ResourceType[] {
  return [clusterRoleBindings, clusterRoles, roleBindings, roles];
}
