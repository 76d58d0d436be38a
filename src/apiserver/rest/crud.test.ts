import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer } from '../testing.ts';
import type { TestServer } from '../testing.ts';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s.close(); });

const cm = (name: string, data: Record<string, string> = { a: '1' }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
const deploy = (name: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});

test('create fills server-set metadata and get returns the stored object', async () => {
  const r = await s.request('POST', '/api/v1/namespaces/default/configmaps', cm('one'));
  assert.equal(r.status, 201);
  const meta = r.json.metadata as Record<string, unknown>;
  assert.match(String(meta.uid), /^[0-9a-f-]{36}$/);
  assert.match(String(meta.creationTimestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.match(String(meta.resourceVersion), /^\d+$/);
  const g = await s.request('GET', '/api/v1/namespaces/default/configmaps/one');
  assert.equal(g.status, 200);
  assert.deepEqual(g.json.data, { a: '1' });
  assert.equal((g.json.metadata as Record<string, unknown>).resourceVersion, meta.resourceVersion);
});

test('generateName gets a random suffix', async () => {
  const r = await s.request('POST', '/api/v1/namespaces/default/configmaps', { ...cm(''), metadata: { generateName: 'gen-' } });
  assert.equal(r.status, 201);
  assert.match(String((r.json.metadata as Record<string, unknown>).name), /^gen-[a-z0-9]{5}$/);
});

test('duplicate create is 409 AlreadyExists; missing get is 404 NotFound with details', async () => {
  await s.request('POST', '/api/v1/namespaces/default/configmaps', cm('dup'));
  const r = await s.request('POST', '/api/v1/namespaces/default/configmaps', cm('dup'));
  assert.equal(r.status, 409);
  assert.equal(r.json.reason, 'AlreadyExists');
  assert.equal(r.json.message, 'configmaps "dup" already exists');
  const n = await s.request('GET', '/apis/apps/v1/namespaces/default/deployments/none');
  assert.equal(n.status, 404);
  assert.deepEqual([n.json.reason, n.json.message], ['NotFound', 'deployments.apps "none" not found']);
  assert.deepEqual(n.json.details, { name: 'none', group: 'apps', kind: 'deployments' });
});

test('update with a stale resourceVersion is a 409 Conflict; without one it succeeds', async () => {
  const c = await s.request('POST', '/api/v1/namespaces/default/configmaps', cm('upd'));
  const rv = (c.json.metadata as Record<string, string>).resourceVersion;
  const u1 = await s.request('PUT', '/api/v1/namespaces/default/configmaps/upd', { ...cm('upd', { a: '2' }), metadata: { name: 'upd', resourceVersion: rv } });
  assert.equal(u1.status, 200);
  const stale = await s.request('PUT', '/api/v1/namespaces/default/configmaps/upd', { ...cm('upd', { a: '3' }), metadata: { name: 'upd', resourceVersion: rv } });
  assert.equal(stale.status, 409);
  assert.match(String(stale.json.message), /the object has been modified; please apply your changes to the latest version and try again/);
  const u2 = await s.request('PUT', '/api/v1/namespaces/default/configmaps/upd', cm('upd', { a: '4' }));
  assert.equal(u2.status, 200);
  assert.deepEqual(u2.json.data, { a: '4' });
});

test('a no-op update keeps the resourceVersion', async () => {
  const c = await s.request('POST', '/api/v1/namespaces/default/configmaps', cm('noop'));
  const u = await s.request('PUT', '/api/v1/namespaces/default/configmaps/noop', cm('noop'));
  assert.equal((u.json.metadata as Record<string, string>).resourceVersion, (c.json.metadata as Record<string, string>).resourceVersion);
});

test('generation bumps on spec changes only; status writes go through /status', async () => {
  const c = await s.request('POST', '/apis/apps/v1/namespaces/default/deployments', deploy('gen'));
  assert.equal((c.json.metadata as Record<string, number>).generation, 1);
  const p = await s.request('PATCH', '/apis/apps/v1/namespaces/default/deployments/gen', { spec: { replicas: 3 } }, { 'content-type': 'application/merge-patch+json' });
  assert.equal((p.json.metadata as Record<string, number>).generation, 2);
  const l = await s.request('PATCH', '/apis/apps/v1/namespaces/default/deployments/gen', { metadata: { labels: { x: 'y' } } }, { 'content-type': 'application/merge-patch+json' });
  assert.equal((l.json.metadata as Record<string, number>).generation, 2);
  // status is ignored on the main resource …
  const m = await s.request('PATCH', '/apis/apps/v1/namespaces/default/deployments/gen', { status: { replicas: 7 } }, { 'content-type': 'application/merge-patch+json' });
  assert.equal((m.json.status as Record<string, unknown> | undefined)?.replicas, undefined);
  // … and written through /status, which ignores spec.
  const st = await s.request('PATCH', '/apis/apps/v1/namespaces/default/deployments/gen/status', { status: { replicas: 7 }, spec: { replicas: 9 } }, { 'content-type': 'application/merge-patch+json' });
  assert.equal(st.status, 200);
  assert.equal((st.json.status as Record<string, number>).replicas, 7);
  assert.equal((st.json.spec as Record<string, number>).replicas, 3);
});

test('scale subresource reads and writes replicas', async () => {
  await s.request('POST', '/apis/apps/v1/namespaces/default/deployments', deploy('sc'));
  const g = await s.request('GET', '/apis/apps/v1/namespaces/default/deployments/sc/scale');
  assert.equal(g.json.kind, 'Scale');
  assert.deepEqual(g.json.spec, { replicas: 1 });
  assert.equal((g.json.status as Record<string, string>).selector, 'app=sc');
  const p = await s.request('PATCH', '/apis/apps/v1/namespaces/default/deployments/sc/scale', { spec: { replicas: 5 } }, { 'content-type': 'application/merge-patch+json' });
  assert.equal(p.status, 200);
  const d = await s.request('GET', '/apis/apps/v1/namespaces/default/deployments/sc');
  assert.equal((d.json.spec as Record<string, number>).replicas, 5);
});

test('dryRun=All validates and answers without storing', async () => {
  const r = await s.request('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', cm('dry'));
  assert.equal(r.status, 201);
  assert.equal((await s.request('GET', '/api/v1/namespaces/default/configmaps/dry')).status, 404);
  const bad = await s.request('POST', '/api/v1/namespaces/default/configmaps?dryRun=Some', cm('dry'));
  assert.equal(bad.status, 400);
});

test('finalizers hold a deleted object until they are removed', async () => {
  await s.request('POST', '/api/v1/namespaces/default/configmaps', { ...cm('fin'), metadata: { name: 'fin', finalizers: ['example.com/hold'] } });
  const d = await s.request('DELETE', '/api/v1/namespaces/default/configmaps/fin');
  assert.ok(d.status === 200 || d.status === 202);
  const g = await s.request('GET', '/api/v1/namespaces/default/configmaps/fin');
  assert.ok((g.json.metadata as Record<string, unknown>).deletionTimestamp);
  const p = await s.request('PATCH', '/api/v1/namespaces/default/configmaps/fin', { metadata: { finalizers: null } }, { 'content-type': 'application/merge-patch+json' });
  assert.equal(p.status, 200);
  assert.equal((await s.request('GET', '/api/v1/namespaces/default/configmaps/fin')).status, 404);
});

test('foreground and orphan propagation add their finalizers', async () => {
  await s.request('POST', '/apis/apps/v1/namespaces/default/deployments', deploy('fg'));
  await s.request('DELETE', '/apis/apps/v1/namespaces/default/deployments/fg', { propagationPolicy: 'Foreground' });
  const g = await s.request('GET', '/apis/apps/v1/namespaces/default/deployments/fg');
  assert.deepEqual((g.json.metadata as Record<string, unknown>).finalizers, ['foregroundDeletion']);
  await s.request('POST', '/apis/apps/v1/namespaces/default/deployments', deploy('or'));
  await s.request('DELETE', '/apis/apps/v1/namespaces/default/deployments/or?propagationPolicy=Orphan');
  const o = await s.request('GET', '/apis/apps/v1/namespaces/default/deployments/or');
  assert.deepEqual((o.json.metadata as Record<string, unknown>).finalizers, ['orphan']);
});

test('a scheduled pod is deleted gracefully; grace period 0 removes it', async () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'gp' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'x' }] } };
  assert.equal((await s.request('POST', '/api/v1/namespaces/default/pods', pod)).status, 201);
  const d = await s.request('DELETE', '/api/v1/namespaces/default/pods/gp');
  assert.ok([200, 202].includes(d.status));
  const meta = d.json.metadata as Record<string, unknown>;
  assert.equal(meta.deletionGracePeriodSeconds, 30);
  assert.ok(meta.deletionTimestamp);
  await s.request('DELETE', '/api/v1/namespaces/default/pods/gp?gracePeriodSeconds=0');
  assert.equal((await s.request('GET', '/api/v1/namespaces/default/pods/gp')).status, 404);
});

test('an unscheduled pod is deleted at once', async () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'up' }, spec: { containers: [{ name: 'c', image: 'x' }] } };
  await s.request('POST', '/api/v1/namespaces/default/pods', pod);
  await s.request('DELETE', '/api/v1/namespaces/default/pods/up');
  assert.equal((await s.request('GET', '/api/v1/namespaces/default/pods/up')).status, 404);
});

test('delete preconditions on uid are enforced', async () => {
  await s.request('POST', '/api/v1/namespaces/default/configmaps', cm('pre'));
  const r = await s.request('DELETE', '/api/v1/namespaces/default/configmaps/pre', { preconditions: { uid: 'nope' } });
  assert.equal(r.status, 409);
  assert.match(String(r.json.message), /Precondition failed: UID in precondition: nope/);
});

test('binding assigns a pod to a node once', async () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b1' }, spec: { containers: [{ name: 'c', image: 'x' }] } };
  await s.request('POST', '/api/v1/namespaces/default/pods', pod);
  const b = await s.request('POST', '/api/v1/namespaces/default/pods/b1/binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'b1' }, target: { kind: 'Node', name: 'node-a' } });
  assert.equal(b.status, 201);
  const g = await s.request('GET', '/api/v1/namespaces/default/pods/b1');
  assert.equal((g.json.spec as Record<string, string>).nodeName, 'node-a');
  const conds = (g.json.status as { conditions: { type: string; status: string }[] }).conditions;
  assert.deepEqual(conds.map((c) => [c.type, c.status]), [['PodScheduled', 'True']]);
  // As upstream, the binding writes the pod straight to storage: the creator stays its only manager.
  assert.deepEqual((g.json.metadata as { managedFields: { operation: string }[] }).managedFields.map((m) => m.operation), ['Update']);
  const dry = await s.request('POST', '/api/v1/namespaces/default/pods/b1/binding?dryRun=All', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'b1' }, target: { kind: 'Node', name: 'node-c' } });
  assert.equal(dry.status, 409);
  const again = await s.request('POST', '/api/v1/namespaces/default/pods/b1/binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'b1' }, target: { kind: 'Node', name: 'node-b' } });
  assert.equal(again.status, 409);
});

test('objects in a missing namespace are refused', async () => {
  const r = await s.request('POST', '/api/v1/namespaces/nowhere/configmaps', cm('x'));
  assert.equal(r.status, 404);
  assert.equal(r.json.message, 'namespaces "nowhere" not found');
});

test('the kubernetes service has the first service IP', async () => {
  const r = await s.request('GET', '/api/v1/namespaces/default/services/kubernetes');
  assert.equal((r.json.spec as Record<string, string>).clusterIP, '10.43.0.1');
});
