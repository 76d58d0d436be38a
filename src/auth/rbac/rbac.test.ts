// Integration: an in-process apiserver with RBAC installed, users made by client certificates.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, startTestServer } from '../../apiserver/testing.ts';
import type { TestServer } from '../../apiserver/testing.ts';
import { installRBAC } from './index.ts';
import { userClient } from './testing.ts';
import type { UserClient } from './testing.ts';

const RBAC = '/apis/rbac.authorization.k8s.io/v1';
let ts: TestServer;
const clients: UserClient[] = [];

before(async () => { ts = await startTestServer({}, (s) => { installRBAC(s); }); });
after(async () => { for (const c of clients) c.close(); await ts?.close(); });

async function as(name: string, groups: string[] = []): Promise<UserClient> {
  const c = await userClient(ts, name, groups);
  clients.push(c);
  return c;
}

async function admin(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const r = await ts.request(method, path, body);
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

async function ns(name: string): Promise<void> {
  await admin('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleKind: string, role: string, subjects: unknown[], namespace?: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: role }, subjects,
});
const userSubject = (name: string) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name });

test('the default policy is created and admin/edit/view are aggregated', async () => {
  const roles = await admin('GET', `${RBAC}/clusterroles`);
  const names = (roles['items'] as { metadata: { name: string } }[]).map((r) => r.metadata.name);
  for (const n of ['cluster-admin', 'admin', 'edit', 'view', 'system:basic-user', 'system:discovery', 'system:controller:deployment-controller']) {
    assert.ok(names.includes(n), `missing ${n}`);
  }
  const view = await admin('GET', `${RBAC}/clusterroles/view`);
  assert.ok((view['rules'] as unknown[]).length > 5);
  const admin_ = await admin('GET', `${RBAC}/clusterroles/admin`);
  const rules = JSON.stringify(admin_['rules']);
  assert.match(rules, /rolebindings/); // from system:aggregate-to-admin
  assert.match(rules, /pods\/exec/); // from edit
  assert.match(rules, /controllerrevisions/); // from view, through edit
  await admin('GET', '/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/rolebindings/system::leader-locking-kube-scheduler');
});

test('a Role in namespace A lets a user list pods in A but not in B', async () => {
  await ns('rbac-a');
  await ns('rbac-b');
  await admin('POST', `${RBAC}/namespaces/rbac-a/roles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'pod-reader' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
  });
  await admin('POST', `${RBAC}/namespaces/rbac-a/rolebindings`, binding('RoleBinding', 'alice-reads', 'Role', 'pod-reader', [userSubject('alice')]));
  const alice = await as('alice');
  await eventually(async () => (await alice.request('GET', '/api/v1/namespaces/rbac-a/pods')).status === 200);
  const denied = await alice.request('GET', '/api/v1/namespaces/rbac-b/pods');
  assert.equal(denied.status, 403);
  assert.equal(denied.json['message'], 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "rbac-b"');
  const del = await alice.request('DELETE', '/api/v1/namespaces/rbac-a/pods/x');
  assert.equal(del.json['message'], 'pods "x" is forbidden: User "alice" cannot delete resource "pods" in API group "" in the namespace "rbac-a"');
});

test('a ClusterRoleBinding to view allows get but not create', async () => {
  await ns('rbac-view');
  await admin('POST', `${RBAC}/clusterrolebindings`, binding('ClusterRoleBinding', 'viewers', 'ClusterRole', 'view', [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'viewers' }]));
  const v = await as('victor', ['viewers']);
  await eventually(async () => (await v.request('GET', '/api/v1/namespaces/rbac-view/configmaps')).status === 200);
  const r = await v.request('POST', '/api/v1/namespaces/rbac-view/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
  assert.equal(r.status, 403);
  assert.equal(r.json['message'], 'configmaps is forbidden: User "victor" cannot create resource "configmaps" in API group "" in the namespace "rbac-view"');
  assert.equal((await v.request('GET', '/api/v1/namespaces/rbac-view/secrets')).status, 403);
});

test('a custom ClusterRole labelled aggregate-to-view is aggregated into view', async () => {
  await admin('POST', `${RBAC}/clusterroles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
    metadata: { name: 'widgets-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
    rules: [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list'] }],
  });
  await eventually(async () => JSON.stringify((await ts.request('GET', `${RBAC}/clusterroles/view`)).json['rules']).includes('widgets'));
  // and onward into edit and admin
  await eventually(async () => JSON.stringify((await ts.request('GET', `${RBAC}/clusterroles/admin`)).json['rules']).includes('widgets'));
  await admin('DELETE', `${RBAC}/clusterroles/widgets-view`);
  await eventually(async () => !JSON.stringify((await ts.request('GET', `${RBAC}/clusterroles/view`)).json['rules']).includes('widgets'));
});

test('escalation: roles and bindings beyond the requester\'s rights are refused unless escalate/bind', async () => {
  await ns('rbac-esc');
  await admin('POST', `${RBAC}/namespaces/rbac-esc/roles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'role-admin' },
    rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: ['create', 'get', 'list', 'update', 'delete'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
  });
  await admin('POST', `${RBAC}/namespaces/rbac-esc/rolebindings`, binding('RoleBinding', 'eve', 'Role', 'role-admin', [userSubject('eve')]));
  const eve = await as('eve', ['team']);
  const secretsRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'secrets' },
    rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }, { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
  };
  let r = await eve.request('POST', `${RBAC}/namespaces/rbac-esc/roles`, secretsRole);
  for (let i = 0; r.status === 403 && /cannot create resource/.test(String(r.json['message'])) && i < 50; i++) {
    await new Promise((res) => setTimeout(res, 20));
    r = await eve.request('POST', `${RBAC}/namespaces/rbac-esc/roles`, secretsRole);
  }
  assert.equal(r.status, 403);
  assert.equal(r.json['message'], 'roles.rbac.authorization.k8s.io "secrets" is forbidden: user "eve" (groups=["team" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}');
  // A role within her rights is fine.
  const cmRole = { ...secretsRole, metadata: { name: 'cm' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] };
  assert.equal((await eve.request('POST', `${RBAC}/namespaces/rbac-esc/roles`, cmRole)).status, 201);
  // Binding a role she does not hold is refused; binding one she holds is allowed.
  await admin('POST', `${RBAC}/namespaces/rbac-esc/roles`, secretsRole);
  const b = await eve.request('POST', `${RBAC}/namespaces/rbac-esc/rolebindings`, binding('RoleBinding', 'b1', 'Role', 'secrets', [userSubject('mallory')]));
  assert.equal(b.status, 403);
  assert.match(String(b.json['message']), /^rolebindings.rbac.authorization.k8s.io "b1" is forbidden: user "eve" .* not currently held:\n\{APIGroups:\[""\], Resources:\["secrets"\], Verbs:\["get" "list"\]\}$/);
  assert.equal((await eve.request('POST', `${RBAC}/namespaces/rbac-esc/rolebindings`, binding('RoleBinding', 'b2', 'Role', 'cm', [userSubject('mallory')]))).status, 201);
  // With escalate and bind she may.
  await admin('POST', `${RBAC}/namespaces/rbac-esc/roles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'escalator' },
    rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate', 'bind'] }],
  });
  await admin('POST', `${RBAC}/namespaces/rbac-esc/rolebindings`, binding('RoleBinding', 'eve-esc', 'Role', 'escalator', [userSubject('eve')]));
  await eventually(async () => (await eve.request('POST', `${RBAC}/namespaces/rbac-esc/roles?dryRun=All`, { ...secretsRole, metadata: { name: 'secrets2' } })).status === 201);
  assert.equal((await eve.request('POST', `${RBAC}/namespaces/rbac-esc/rolebindings`, binding('RoleBinding', 'b3', 'Role', 'secrets', [userSubject('mallory')]))).status, 201);
});

test('roleRef cannot change on update', async () => {
  await ns('rbac-ref');
  const b = await admin('POST', `${RBAC}/namespaces/rbac-ref/rolebindings`, binding('RoleBinding', 'r', 'ClusterRole', 'view', [userSubject('x')]));
  const r = await ts.request('PUT', `${RBAC}/namespaces/rbac-ref/rolebindings/r`, { ...b, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' } });
  assert.equal(r.status, 422);
  assert.match(String(r.json['message']), /roleRef: Invalid value: .*cannot change roleRef/);
});

test('SelfSubjectAccessReview, SubjectAccessReview and SelfSubjectRulesReview answer from RBAC', async () => {
  await ns('rbac-sar');
  await admin('POST', `${RBAC}/namespaces/rbac-sar/rolebindings`, binding('RoleBinding', 'carol', 'ClusterRole', 'edit', [userSubject('carol')]));
  const carol = await as('carol');
  const ssar = (verb: string, resource: string, namespace: string) => carol.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb, resource, namespace } },
  });
  await eventually(async () => ((await ssar('create', 'deployments', 'rbac-sar')).json['status'] as { allowed: boolean } | undefined)?.allowed === false);
  const ok = await ssar('create', 'pods', 'rbac-sar');
  assert.equal(ok.status, 201);
  assert.deepEqual(ok.json['status'], { allowed: true, reason: 'RBAC: allowed by RoleBinding "carol/rbac-sar" of ClusterRole "edit" to User "carol"' });
  assert.deepEqual((await ssar('create', 'pods', 'default')).json['status'], { allowed: false });
  // SubjectAccessReview needs the right to create it; carol has none, the admin does.
  const sar = { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: 'carol', resourceAttributes: { verb: 'delete', resource: 'pods', namespace: 'rbac-sar' } } };
  assert.equal((await carol.request('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', sar)).status, 403);
  const r = await admin('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', sar);
  assert.equal((r['status'] as { allowed: boolean }).allowed, true);
  const bad = await ts.request('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', { ...sar, spec: { user: 'carol' } });
  assert.equal(bad.status, 422);
  const ssrr = await carol.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
    apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'rbac-sar' },
  });
  assert.equal(ssrr.status, 201);
  const status = ssrr.json['status'] as { resourceRules: { resources: string[] }[]; nonResourceRules: { nonResourceURLs: string[] }[]; incomplete: boolean };
  assert.equal(status.incomplete, false);
  assert.ok(status.resourceRules.some((x) => x.resources.includes('selfsubjectaccessreviews')));
  assert.ok(status.resourceRules.some((x) => x.resources.includes('pods/exec')));
  assert.ok(status.nonResourceRules.some((x) => x.nonResourceURLs.includes('/api/*')));
});

test('anonymous requests read /healthz and /version but not /api', async () => {
  assert.equal((await ts.anonymous('GET', '/healthz')).status, 200);
  assert.equal((await ts.anonymous('GET', '/version')).status, 200);
  const api = await ts.anonymous('GET', '/api');
  assert.equal(api.status, 403);
  assert.equal(api.json['message'], 'forbidden: User "system:anonymous" cannot get path "/api"');
  const pods = await ts.anonymous('GET', '/api/v1/pods');
  assert.equal(pods.status, 403);
});

test('authenticated users have discovery and basic-user but nothing else', async () => {
  const nobody = await as('nobody');
  assert.equal((await nobody.request('GET', '/apis')).status, 200);
  assert.equal((await nobody.request('GET', '/api/v1/namespaces')).status, 403);
});
