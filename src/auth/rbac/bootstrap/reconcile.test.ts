import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusterRole, clusterRoleBinding, group, rule, user } from './builders.ts';
import { clusterRoleBindings, clusterRoles } from './policy.ts';
import { reconcileBinding, reconcileRole } from './reconcile.ts';

test('an autoupdate role gets its missing rules, labels and selectors back', () => {
  const expected = clusterRole('r', [rule(['get', 'list'], [''], ['pods'])], { aggregateFrom: 'x/agg' });
  const existing = structuredClone(expected);
  existing['rules'] = [rule(['get'], [''], ['pods']), rule(['get'], [''], ['secrets'])];
  delete existing['aggregationRule'];
  delete existing.metadata.labels;
  const next = reconcileRole(existing, expected);
  assert.ok(next);
  assert.deepEqual(next['rules'], [rule(['get'], [''], ['pods']), rule(['get'], [''], ['secrets']), rule(['list'], [''], ['pods'])]);
  assert.deepEqual(next.metadata.labels, { 'kubernetes.io/bootstrapping': 'rbac-defaults' });
  assert.ok(next['aggregationRule']);
  assert.equal(reconcileRole(next, expected), undefined);
});

test('a role without autoupdate is left alone', () => {
  const expected = clusterRole('r', [rule(['get'], [''], ['pods'])]);
  const existing = structuredClone(expected);
  existing['rules'] = [];
  existing.metadata.annotations = { 'rbac.authorization.kubernetes.io/autoupdate': 'false' };
  assert.equal(reconcileRole(existing, expected), undefined);
});

test('bindings get missing subjects back, and a changed roleRef means recreate', () => {
  const expected = clusterRoleBinding('b', 'r', [group('system:authenticated')]);
  const existing = structuredClone(expected);
  existing['subjects'] = [user('extra')];
  const next = reconcileBinding(existing, expected);
  assert.ok(next && next !== 'recreate');
  assert.deepEqual(next['subjects'], [user('extra'), group('system:authenticated')]);
  const moved = structuredClone(expected);
  moved['roleRef'] = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'other' };
  assert.equal(reconcileBinding(moved, expected), 'recreate');
});

test('every default binding refers to a default cluster role', () => {
  const names = new Set(clusterRoles().map((r) => r.metadata.name));
  for (const b of clusterRoleBindings()) assert.ok(names.has((b['roleRef'] as { name: string }).name), b.metadata.name);
});
