// Impersonation against the RBAC authorizer of an in-process server (the filter is exercised
// directly; the lead wires it into the server's chain after authentication).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { installRBAC } from '../../auth/rbac/index.ts';
import type { UserInfo } from '../../auth/types.ts';
import type { Exchange } from '../http/exchange.ts';
import { eventually, startTestServer } from '../testing.ts';
import type { TestServer } from '../testing.ts';
import { withImpersonation } from './impersonation.ts';
import { StatusError } from '../../api/errors.ts';

let ts: TestServer;
before(async () => {
  ts = await startTestServer({}, (s) => { installRBAC(s); });
  const role = {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'impersonate-bob' },
    rules: [
      { apiGroups: [''], resources: ['users'], verbs: ['impersonate'], resourceNames: ['bob'] },
      { apiGroups: [''], resources: ['groups'], verbs: ['impersonate'], resourceNames: ['devs'] },
      { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
      { apiGroups: ['authentication.k8s.io'], resources: ['userextras/scopes', 'uids'], verbs: ['impersonate'] },
    ],
  };
  assert.equal((await ts.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', role)).status, 201);
  const crb = {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'alice-impersonates' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'impersonate-bob' },
    subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
  };
  assert.equal((await ts.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', crb)).status, 201);
});
after(async () => { await ts?.close(); });

const alice: UserInfo = { name: 'alice', groups: ['system:authenticated'] };

async function run(headers: [string, string][], user: UserInfo = alice): Promise<UserInfo> {
  const h: Record<string, string> = {};
  for (const [k, v] of headers) h[k.toLowerCase()] = h[k.toLowerCase()] ? `${h[k.toLowerCase()]}, ${v}` : v;
  const ex = { headers: h, req: { rawHeaders: headers.flat() }, path: '/api/v1/pods', user } as unknown as Exchange;
  let seen: UserInfo | undefined;
  await withImpersonation(ts.server.authorizer)(ex, async (e) => { seen = e.user; });
  assert.ok(seen);
  return seen;
}

async function refused(headers: [string, string][]): Promise<StatusError> {
  try { await run(headers); } catch (err) { assert.ok(err instanceof StatusError); return err; }
  assert.fail('impersonation was allowed');
}

test('no impersonation headers leave the user as authenticated', async () => {
  assert.equal((await run([])).name, 'alice');
});

test('an allowed user is impersonated with system:authenticated added', async () => {
  await eventually(async () => { try { await run([['Impersonate-User', 'bob']]); return true; } catch { return false; } });
  const u = await run([['Impersonate-User', 'bob'], ['Impersonate-Group', 'devs'], ['Impersonate-Extra-Scopes', 'view'], ['Impersonate-Uid', '1234']]);
  assert.deepEqual(u, { name: 'bob', groups: ['devs', 'system:authenticated'], uid: '1234', extra: { scopes: ['view'] } });
});

test('a service account gets its groups unless groups are given', async () => {
  const u = await run([['Impersonate-User', 'system:serviceaccount:ns1:robot']]);
  assert.deepEqual(u.groups, ['system:serviceaccounts', 'system:serviceaccounts:ns1', 'system:authenticated']);
});

test('refusals use upstream messages', async () => {
  let e = await refused([['Impersonate-User', 'carol']]);
  assert.equal(e.code, 403);
  assert.equal(e.message, 'users "carol" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope');
  e = await refused([['Impersonate-User', 'bob'], ['Impersonate-Group', 'devs'], ['Impersonate-Group', 'system:masters']]);
  assert.equal(e.message, 'groups "system:masters" is forbidden: User "alice" cannot impersonate resource "groups" in API group "" at the cluster scope');
  e = await refused([['Impersonate-User', 'bob'], ['Impersonate-Extra-Other', 'x']]);
  assert.equal(e.message, 'userextras.authentication.k8s.io "x" is forbidden: User "alice" cannot impersonate resource "userextras/other" in API group "authentication.k8s.io" at the cluster scope');
  e = await refused([['Impersonate-Group', 'devs']]);
  assert.equal(e.code, 400);
});

test('a user without the impersonate verb is refused', async () => {
  const mallory: UserInfo = { name: 'mallory', groups: ['system:authenticated'] };
  await assert.rejects(run([['Impersonate-User', 'system:serviceaccount:kube-system:default']], mallory),
    { message: 'serviceaccounts "default" is forbidden: User "mallory" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"' });
});
