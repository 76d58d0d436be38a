import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../types.ts';
import { clusterRoleBindings, clusterRoles, roleBindings, roles } from './rbac.ts';

const NOW = Date.parse('2024-06-01T00:00:00Z');
const crb = (): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding',
  metadata: { name: 'viewers', creationTimestamp: '2024-05-31T23:00:00Z' },
  roleRef: { kind: 'ClusterRole', name: 'view' },
  subjects: [{ kind: 'User', name: 'alice' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', name: 'robot', namespace: 'ns1' }, { kind: 'User', name: 'bob' }],
});

test('binding rows show the role and, wide, users, groups and service accounts', () => {
  assert.deepEqual(clusterRoleBindings.columns.map((c) => `${c.name}:${c.priority}`), ['Name:0', 'Role:0', 'Age:0', 'Users:1', 'Groups:1', 'ServiceAccounts:1']);
  assert.deepEqual(clusterRoleBindings.row(crb(), NOW), ['viewers', 'ClusterRole/view', '60m', 'alice, bob', 'devs', 'ns1/robot']);
  assert.equal(roleBindings.row({ metadata: { name: 'bare' } }, NOW).length, roleBindings.columns.length);
  assert.deepEqual(roles.columns.map((c) => c.name), ['Name', 'Created At']);
  assert.deepEqual(clusterRoles.row({ metadata: { name: 'r', creationTimestamp: '2024-05-31T23:00:00Z' } }, NOW), ['r', '2024-05-31T23:00:00Z']);
});

test('bindings default apiGroups of roleRef and User/Group subjects', () => {
  const o = crb();
  clusterRoleBindings.defaults?.(o);
  assert.equal((o['roleRef'] as { apiGroup: string }).apiGroup, 'rbac.authorization.k8s.io');
  assert.deepEqual((o['subjects'] as { apiGroup: string }[]).map((s) => s.apiGroup), ['rbac.authorization.k8s.io', 'rbac.authorization.k8s.io', '', 'rbac.authorization.k8s.io']);
  assert.deepEqual(clusterRoleBindings.validate?.(o), []);
});

test('validation follows upstream rules', () => {
  const role = (rules: unknown[]): KubeObject => ({ metadata: { name: 'r', namespace: 'n' }, rules });
  assert.deepEqual(roles.validate?.(role([{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }])), []);
  assert.deepEqual(roles.validate?.(role([{ verbs: [], apiGroups: [], resources: [] }])).map((e) => `${e.field}: ${e.detail ?? ''}`), [
    'rules[0].verbs: verbs must contain at least one value',
    'rules[0].apiGroups: resource rules must supply at least one api group',
    'rules[0].resources: resource rules must supply at least one resource',
  ]);
  assert.deepEqual(roles.validate?.(role([{ verbs: ['get'], nonResourceURLs: ['/x'] }])).map((e) => e.detail), ['namespaced rules cannot apply to non-resource URLs']);
  assert.deepEqual(clusterRoles.validate?.({ metadata: { name: 'c' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/x'] }] }), []);
  assert.deepEqual(clusterRoles.validate?.({ metadata: { name: 'c' }, aggregationRule: {} }).map((e) => e.field), ['aggregationRule.clusterRoleSelectors']);
  const bad = { metadata: { name: 'b' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'x' }, subjects: [{ kind: 'ServiceAccount', name: 'sa' }, { kind: 'Robot', name: 'r' }] };
  assert.deepEqual(clusterRoleBindings.validate?.(bad).map((e) => e.field), ['roleRef.kind', 'subjects[0].namespace', 'subjects[1].kind']);
  assert.equal(clusterRoles.nameRule, 'path');
});

test('roleRef is immutable', () => {
  const old = crb();
  clusterRoleBindings.defaults?.(old);
  const next = structuredClone(old);
  (next['roleRef'] as { name: string }).name = 'edit';
  assert.deepEqual(clusterRoleBindings.validateUpdate?.(next, old).map((e) => `${e.field}: ${e.detail ?? ''}`), ['roleRef: cannot change roleRef']);
  assert.deepEqual(clusterRoleBindings.validateUpdate?.(structuredClone(old), old), []);
});
