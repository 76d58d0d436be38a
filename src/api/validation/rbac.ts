// rbac.authorization.k8s.io validation (pkg/apis/rbac/validation).

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { arr, obj, str, validateLabelSelector } from './common.ts';
import { deepEqual } from './meta.ts';
import { isDNS1123Subdomain, isValidPathSegmentName } from './names.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function strings(o: unknown, key: string): string[] {
  return arr(o, key).filter((x): x is string => typeof x === 'string');
}

export function validatePolicyRule(rule: unknown, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (strings(rule, 'verbs').length === 0) errs.push(field.required(`${path}.verbs`, 'verbs must contain at least one value'));
  const urls = strings(rule, 'nonResourceURLs');
  if (urls.length > 0) {
    if (namespaced) errs.push(field.invalid(`${path}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (strings(rule, 'apiGroups').length > 0 || strings(rule, 'resources').length > 0 || strings(rule, 'resourceNames').length > 0) {
      errs.push(field.invalid(`${path}.nonResourceURLs`, urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (strings(rule, 'apiGroups').length === 0) errs.push(field.required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  if (strings(rule, 'resources').length === 0) errs.push(field.required(`${path}.resources`, 'resource rules must supply at least one resource'));
  return errs;
}

function validateRules(o: KubeObject, namespaced: boolean): FieldError[] {
  return arr(o, 'rules').flatMap((r, i) => validatePolicyRule(r, namespaced, `rules[${i}]`));
}

export function validateRole(o: KubeObject): FieldError[] {
  return validateRules(o, true);
}

export function validateClusterRole(o: KubeObject): FieldError[] {
  const errs = validateRules(o, false);
  const agg = o['aggregationRule'];
  if (agg !== undefined && agg !== null) {
    const selectors = arr(agg, 'clusterRoleSelectors');
    if (selectors.length === 0) {
      errs.push(field.required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    }
    selectors.forEach((s, i) => errs.push(...validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`)));
  }
  return errs;
}

export function validateSubject(s: unknown, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(s, 'name') ?? '';
  const kind = str(s, 'kind') ?? '';
  const apiGroup = str(s, 'apiGroup') ?? '';
  if (!name) errs.push(field.required(`${path}.name`, ''));
  switch (kind) {
    case 'ServiceAccount':
      if (name) for (const m of isDNS1123Subdomain(name)) errs.push(field.invalid(`${path}.name`, name, m));
      if (apiGroup) errs.push(field.notSupported(`${path}.apiGroup`, apiGroup, ['']));
      if (!namespaced && !str(s, 'namespace')) errs.push(field.required(`${path}.namespace`, ''));
      break;
    case 'User': case 'Group':
      if (apiGroup !== RBAC_GROUP) errs.push(field.notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(field.notSupported(`${path}.kind`, kind, ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateBinding(o: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = obj(o, 'roleRef');
  const apiGroup = str(ref, 'apiGroup') ?? '';
  if (apiGroup !== RBAC_GROUP) errs.push(field.notSupported('roleRef.apiGroup', apiGroup, [RBAC_GROUP]));
  const kind = str(ref, 'kind') ?? '';
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(kind)) errs.push(field.notSupported('roleRef.kind', kind, kinds));
  const name = str(ref, 'name') ?? '';
  if (!name) errs.push(field.required('roleRef.name', ''));
  else for (const m of isValidPathSegmentName(name)) errs.push(field.invalid('roleRef.name', name, m));
  arr(o, 'subjects').forEach((s, i) => errs.push(...validateSubject(s, namespaced, `subjects[${i}]`)));
  return errs;
}

export function validateRoleBinding(o: KubeObject): FieldError[] { return validateBinding(o, true); }
export function validateClusterRoleBinding(o: KubeObject): FieldError[] { return validateBinding(o, false); }

function roleRefUnchanged(o: KubeObject, old: KubeObject): FieldError[] {
  return deepEqual(o['roleRef'], old['roleRef']) ? [] : [field.invalid('roleRef', o['roleRef'], 'cannot change roleRef')];
}

export function validateRoleBindingUpdate(o: KubeObject, old: KubeObject): FieldError[] {
  return [...validateRoleBinding(o), ...roleRefUnchanged(o, old)];
}

export function validateClusterRoleBindingUpdate(o: KubeObject, old: KubeObject): FieldError[] {
  return [...validateClusterRoleBinding(o), ...roleRefUnchanged(o, old)];
}
