import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthorizationAttributes, UserInfo } from '../types.ts';
import { RBACAuthorizer } from './authorizer.ts';
import { StaticRBACSource } from './source.ts';

const G = 'rbac.authorization.k8s.io';
const alice: UserInfo = { name: 'alice', groups: ['dev', 'system:authenticated'] };
const sa: UserInfo = { name: 'system:serviceaccount:a:robot', groups: ['system:serviceaccounts', 'system:serviceaccounts:a', 'system:authenticated'] };

function attrs(user: UserInfo, verb: string, resource: string, namespace = '', name = ''): AuthorizationAttributes {
  return { user, verb, isResourceRequest: true, path: '', apiGroup: '', apiVersion: 'v1', resource, subresource: '', namespace, name };
}

function source(): StaticRBACSource {
  return new StaticRBACSource()
    .addRole('a', 'pod-reader', [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }])
    .addClusterRole('secret-reader', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }])
    .addClusterRole('node-reader', [{ verbs: ['list'], apiGroups: [''], resources: ['nodes'] }])
    .addRoleBinding({ name: 'rb', namespace: 'a', roleRef: { apiGroup: G, kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'User', name: 'alice' }] })
    .addRoleBinding({ name: 'secrets', namespace: 'b', roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'secret-reader' }, subjects: [{ kind: 'Group', name: 'dev' }] })
    .addRoleBinding({ name: 'robot', namespace: 'a', roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'secret-reader' }, subjects: [{ kind: 'ServiceAccount', name: 'robot' }] })
    .addClusterRoleBinding({ name: 'nodes', roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'node-reader' }, subjects: [{ kind: 'ServiceAccount', name: 'robot', namespace: 'a' }] })
    .addClusterRoleBinding({ name: 'dangling', roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'missing' }, subjects: [{ kind: 'Group', name: 'dev' }] });
}

test('a RoleBinding grants its Role only in its namespace', async () => {
  const z = new RBACAuthorizer(source());
  const ok = await z.authorize(attrs(alice, 'list', 'pods', 'a'));
  assert.equal(ok.decision, 'Allow');
  assert.equal(ok.reason, 'RBAC: allowed by RoleBinding "rb/a" of Role "pod-reader" to User "alice"');
  assert.equal((await z.authorize(attrs(alice, 'list', 'pods', 'b'))).decision, 'NoOpinion');
  assert.equal((await z.authorize(attrs(alice, 'list', 'pods'))).decision, 'NoOpinion');
  assert.equal((await z.authorize(attrs(alice, 'delete', 'pods', 'a', 'p'))).decision, 'NoOpinion');
});

test('a RoleBinding to a ClusterRole grants it in that namespace, through groups', async () => {
  const z = new RBACAuthorizer(source());
  const d = await z.authorize(attrs(alice, 'get', 'secrets', 'b', 's'));
  assert.equal(d.decision, 'Allow');
  assert.match(d.reason, /RoleBinding "secrets\/b" of ClusterRole "secret-reader" to Group "dev"/);
  assert.equal((await z.authorize(attrs(alice, 'get', 'secrets', 'a', 's'))).decision, 'NoOpinion');
});

test('service accounts match by namespace, defaulting to the binding namespace', async () => {
  const z = new RBACAuthorizer(source());
  assert.equal((await z.authorize(attrs(sa, 'get', 'secrets', 'a', 'x'))).decision, 'Allow');
  assert.equal((await z.authorize(attrs(sa, 'list', 'nodes'))).decision, 'Allow');
  const other: UserInfo = { name: 'system:serviceaccount:b:robot', groups: [] };
  assert.equal((await z.authorize(attrs(other, 'list', 'nodes'))).decision, 'NoOpinion');
});

test('denials carry no reason except roles that failed to resolve', async () => {
  const z = new RBACAuthorizer(source());
  const bob: UserInfo = { name: 'bob', groups: [] };
  assert.deepEqual(await z.authorize(attrs(bob, 'get', 'pods', 'a')), { decision: 'NoOpinion', reason: '' });
  const d = await z.authorize(attrs(alice, 'create', 'pods', 'a'));
  assert.equal(d.reason, 'RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found');
});

test('rulesFor lists cluster and namespace rules and flags unresolved roles', async () => {
  const z = new RBACAuthorizer(source());
  const r = await z.rulesFor(alice, 'a');
  assert.deepEqual(r.resourceRules, [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }]);
  assert.equal(r.incomplete, true);
  assert.equal(r.evaluationError, 'clusterrole.rbac.authorization.k8s.io "missing" not found');
});

test('removing a binding from the index revokes its grant', async () => {
  const s = source();
  const z = new RBACAuthorizer(s);
  s.roleBindings.remove('a', 'rb');
  assert.equal((await z.authorize(attrs(alice, 'list', 'pods', 'a'))).decision, 'NoOpinion');
});
