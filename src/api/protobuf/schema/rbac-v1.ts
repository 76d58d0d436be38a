// Wire-format table (field numbers, wire types, JSON names) of k8s.io rbac.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const rbacV1: MessageTable = {
  'rbac.v1.AggregationRule': [
    [1, 'clusterRoleSelectors', 'meta.v1.LabelSelector', 18],
  ],
  'rbac.v1.ClusterRole': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'rules', 'rbac.v1.PolicyRule', 16],
    [3, 'aggregationRule', 'rbac.v1.AggregationRule', 3],
  ],
  'rbac.v1.ClusterRoleBinding': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'subjects', 'rbac.v1.Subject', 18],
    [3, 'roleRef', 'rbac.v1.RoleRef', 0],
  ],
  'rbac.v1.ClusterRoleBindingList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'rbac.v1.ClusterRoleBinding', 16],
  ],
  'rbac.v1.ClusterRoleList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'rbac.v1.ClusterRole', 16],
  ],
  'rbac.v1.PolicyRule': [
    [1, 'verbs', 'string', 16], [2, 'apiGroups', 'string', 18], [3, 'resources', 'string', 18],
    [4, 'resourceNames', 'string', 18], [5, 'nonResourceURLs', 'string', 18],
  ],
  'rbac.v1.Role': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'rules', 'rbac.v1.PolicyRule', 16],
  ],
  'rbac.v1.RoleBinding': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'subjects', 'rbac.v1.Subject', 18],
    [3, 'roleRef', 'rbac.v1.RoleRef', 0],
  ],
  'rbac.v1.RoleBindingList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'rbac.v1.RoleBinding', 16],
  ],
  'rbac.v1.RoleList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'rbac.v1.Role', 16],
  ],
  'rbac.v1.RoleRef': [
    [1, 'apiGroup', 'string', 0], [2, 'kind', 'string', 0], [3, 'name', 'string', 0],
  ],
  'rbac.v1.Subject': [
    [1, 'kind', 'string', 0], [2, 'apiGroup', 'string', 2], [3, 'name', 'string', 0],
    [4, 'namespace', 'string', 2],
  ],
};
