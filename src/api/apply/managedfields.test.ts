import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError } from '../errors.ts';
import type { KubeObject, ManagedFieldsEntry } from '../types.ts';
import { CONFIGMAP, DEPLOYMENT, fixtureModel } from '../patch/testing/schema-fixture.ts';
import { defaultFieldManager, serverSideApply, updateManagedFields } from './managedfields.ts';

const T1 = '2024-01-01T00:00:00Z';
const T2 = '2024-01-01T00:01:00Z';
const T3 = '2024-01-01T00:02:00Z';
const common = { model: fixtureModel, definitionName: DEPLOYMENT };

function update(old: KubeObject | undefined, obj: KubeObject, manager: string, time: string): KubeObject {
  return updateManagedFields(old, obj, { manager, operation: 'Update', apiVersion: 'apps/v1', time, ...common });
}
function apply(live: KubeObject | undefined, cfg: KubeObject, manager: string, time: string, force = false): KubeObject {
  return serverSideApply(live, cfg, { manager, force, apiVersion: 'apps/v1', time, ...common });
}
function entry(o: KubeObject, manager: string): ManagedFieldsEntry | undefined {
  return o.metadata.managedFields?.find((m) => m.manager === manager);
}
function deployment(replicas: number, image = 'nginx:1'): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } },
    },
  };
}
const spec = (o: KubeObject): Record<string, unknown> => o.spec as Record<string, unknown>;
function catchStatus(fn: () => unknown): StatusError {
  try { fn(); } catch (e) { if (e instanceof StatusError) return e; throw e; }
  assert.fail('expected a StatusError');
}

test('a create gives the manager every field it set, minus identity metadata', () => {
  const created = update(undefined, { ...deployment(1), metadata: { ...deployment(1).metadata, uid: 'u1', resourceVersion: '5' } }, 'kubectl-create', T1);
  assert.equal(created.metadata.managedFields?.length, 1);
  const e = entry(created, 'kubectl-create');
  assert.deepEqual({ ...e, fieldsV1: undefined }, { manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: T1, fieldsType: 'FieldsV1', fieldsV1: undefined });
  const f = e?.fieldsV1 as Record<string, Record<string, unknown>>;
  assert.deepEqual(f['f:metadata'], { 'f:labels': { '.': {}, 'f:app': {} } });
  assert.deepEqual(Object.keys(f['f:spec'] ?? {}), ['f:replicas', 'f:selector', 'f:template']);
  assert.equal(f['f:apiVersion'], undefined);
});

test('an update by a second manager takes the fields it changed; removals leave every set', () => {
  const created = update(undefined, deployment(1), 'kubectl-create', T1);
  const scaled = update(created, { ...deployment(3), metadata: created.metadata }, 'kubectl-edit', T2);
  const edit = entry(scaled, 'kubectl-edit');
  assert.deepEqual(edit?.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
  assert.equal(edit?.time, T2);
  const createF = entry(scaled, 'kubectl-create')?.fieldsV1 as Record<string, Record<string, unknown>>;
  assert.equal(createF['f:spec']?.['f:replicas'], undefined, 'replicas moved to kubectl-edit');
  assert.equal(entry(scaled, 'kubectl-create')?.time, T1, 'the other manager keeps its time');

  // kubectl-edit removes the label kubectl-create set: it leaves kubectl-create's set.
  const { labels: _gone, ...metaWithout } = scaled.metadata;
  const noLabel: KubeObject = { ...deployment(3), metadata: metaWithout };
  const edited = update(scaled, noLabel, 'kubectl-edit', T3);
  const createF2 = entry(edited, 'kubectl-create')?.fieldsV1 as Record<string, Record<string, unknown>>;
  assert.equal(createF2['f:metadata'], undefined);
});

test('a manager left with no fields is dropped and a no-op update adds no entry', () => {
  const created = update(undefined, deployment(1), 'a', T1);
  const same = update(created, { ...deployment(1), metadata: created.metadata }, 'b', T2);
  assert.equal(entry(same, 'b'), undefined);
  const minimal: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1 } };
  const c2 = update(undefined, minimal, 'a', T1);
  const taken = update(c2, { ...minimal, metadata: c2.metadata, spec: { replicas: 2 } }, 'b', T2);
  assert.deepEqual(taken.metadata.managedFields?.map((m) => m.manager), ['b']);
});

test('[{}] in the request resets managedFields; an empty list keeps the live ones', () => {
  const created = update(undefined, deployment(1), 'a', T1);
  const reset = update(created, { ...deployment(1), metadata: { ...created.metadata, managedFields: [{}] } }, 'b', T2);
  assert.equal(reset.metadata.managedFields, undefined);
  const kept = update(created, { ...deployment(1), metadata: { ...created.metadata, managedFields: [] } }, 'b', T2);
  assert.equal(kept.metadata.managedFields?.length, 1);
});

test('apply creates the object and records an Apply entry without "." on struct fields', () => {
  const out = apply(undefined, deployment(2), 'kubectl', T1);
  assert.equal(spec(out).replicas, 2);
  const e = entry(out, 'kubectl');
  assert.equal(e?.operation, 'Apply');
  const f = e?.fieldsV1 as Record<string, Record<string, unknown>>;
  assert.deepEqual(f['f:metadata'], { 'f:labels': { 'f:app': {} } });
  const tmpl = (f['f:spec']?.['f:template'] as Record<string, Record<string, Record<string, unknown>>>)['f:spec']?.['f:containers'];
  assert.deepEqual(tmpl, { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } });
});

test('apply updates fields and removes the ones it no longer sets', () => {
  const first = apply(undefined, deployment(2), 'kubectl', T1);
  const cfg = deployment(2, 'nginx:2');
  delete (cfg.metadata as { labels?: unknown }).labels;
  const second = apply(first, cfg, 'kubectl', T2);
  assert.equal(second.metadata.labels, undefined, 'label pruned');
  const c = (spec(second).template as { spec: { containers: { image: string }[] } }).spec.containers[0];
  assert.equal(c?.image, 'nginx:2');
  assert.equal(entry(second, 'kubectl')?.time, T2);
  // Stop applying replicas: it goes too.
  const cfg3 = deployment(2, 'nginx:2');
  delete spec(cfg3).replicas;
  const third = apply(second, cfg3, 'kubectl', T3);
  assert.equal(spec(third).replicas, undefined);
});

test('a field another manager also owns survives when the applier drops it', () => {
  const first = apply(undefined, deployment(2), 'kubectl', T1);
  const coOwned = apply(first, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2 } }, 'other', T2);
  const cfg = deployment(2);
  delete spec(cfg).replicas;
  const out = apply(coOwned, cfg, 'kubectl', T3);
  assert.equal(spec(out).replicas, 2);
  assert.deepEqual(entry(out, 'other')?.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
});

test('a list item added by another manager is kept by the merge', () => {
  const first = apply(undefined, deployment(1), 'kubectl', T1);
  const sidecar = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { template: { spec: { containers: [{ name: 'log', image: 'fluent' }] } } },
  };
  const out = apply(first, sidecar, 'injector', T2);
  const names = (spec(out).template as { spec: { containers: { name: string }[] } }).spec.containers.map((c) => c.name);
  assert.deepEqual(names, ['nginx', 'log']);
  // The first applier re-applies without knowing the sidecar: it stays.
  const again = apply(out, deployment(1, 'nginx:2'), 'kubectl', T3);
  const names2 = (spec(again).template as { spec: { containers: { name: string }[] } }).spec.containers.map((c) => c.name);
  assert.deepEqual(names2, ['nginx', 'log']);
});

test('changing a field another manager owns is a 409 with upstream wording; equal values co-own', () => {
  const created = update(undefined, deployment(1), 'kubectl-client-side-apply', T1);
  const err = catchStatus(() => apply(created, deployment(3), 'kubectl', T2));
  assert.equal(err.code, 409);
  assert.equal(err.reason, 'Conflict');
  assert.equal(err.message, 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  assert.deepEqual(err.details?.causes, [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }]);
  assert.deepEqual(err.toStatus().details?.causes?.length, 1);

  const shared = apply(created, deployment(1), 'kubectl', T2);
  const csa = entry(shared, 'kubectl-client-side-apply')?.fieldsV1 as Record<string, Record<string, unknown>>;
  assert.deepEqual(csa['f:spec']?.['f:replicas'], {}, 'same value: both own it');
});

test('several conflicts are grouped by manager; an Apply manager prints without a version', () => {
  const a = apply(undefined, deployment(1, 'nginx:1'), 'first', T1);
  const err = catchStatus(() => apply(a, deployment(3, 'nginx:9'), 'second', T2));
  assert.equal(err.message, [
    'Apply failed with 2 conflicts: conflicts with "first":',
    '- .spec.replicas',
    '- .spec.template.spec.containers[name="nginx"].image',
  ].join('\n'));
});

test('force takes conflicting fields from their owners', () => {
  const created = update(undefined, deployment(1), 'kubectl-client-side-apply', T1);
  const out = apply(created, deployment(3), 'kubectl', T2, true);
  assert.equal(spec(out).replicas, 3);
  const csa = entry(out, 'kubectl-client-side-apply')?.fieldsV1 as Record<string, Record<string, unknown>>;
  assert.equal(csa['f:spec']?.['f:replicas'], undefined);
  const mine = entry(out, 'kubectl')?.fieldsV1 as Record<string, Record<string, unknown>>;
  assert.deepEqual(mine['f:spec']?.['f:replicas'], {});
});

test('apply refuses a configuration carrying managedFields', () => {
  const cfg = { ...deployment(1), metadata: { name: 'web', managedFields: [{ manager: 'x', operation: 'Update' as const }] } };
  assert.equal(catchStatus(() => apply(undefined, cfg, 'k', T1)).code, 400);
});

test('apply and update on a ConfigMap track map entries', () => {
  const opts = { model: fixtureModel, definitionName: CONFIGMAP, apiVersion: 'v1', time: T1 };
  const cm = serverSideApply(undefined, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } }, { ...opts, manager: 'm', force: false });
  const upd = updateManagedFields(cm, { ...cm, data: { a: '1', b: '3' } }, { ...opts, manager: 'e', operation: 'Update', time: T2 });
  assert.deepEqual(entry(upd, 'm')?.fieldsV1, { 'f:data': { 'f:a': {} } });
  assert.deepEqual(entry(upd, 'e')?.fieldsV1, { 'f:data': { 'f:b': {} } });
  assert.deepEqual(upd.metadata.managedFields?.map((m) => m.operation), ['Apply', 'Update']);
});

test('the default field manager is the User-Agent binary name', () => {
  assert.equal(defaultFieldManager('kubectl/v1.32.0 (linux/amd64) kubernetes/abc'), 'kubectl');
  assert.equal(defaultFieldManager('kube-controller-manager/v1.30.0 (linux/amd64) kubernetes/x/system:serviceaccount:kube-system:deployment-controller'), 'kube-controller-manager');
  assert.equal(defaultFieldManager('curl'), 'curl');
});

test('an update that changes only fields the manager owns rewrites its time, not its FieldsV1; other entries are kept as read', () => {
  const created = update(undefined, deployment(1), 'a', T1);
  const scaled = update(created, { ...deployment(2), metadata: created.metadata }, 'b', T2);
  const before = entry(scaled, 'a')?.fieldsV1;
  const relabeled = update(scaled, { ...deployment(2), metadata: { ...scaled.metadata, labels: { app: 'web2' } } }, 'a', T3);
  assert.equal(entry(relabeled, 'a')?.fieldsV1, before, 'the same FieldsV1 object: nothing was encoded again');
  assert.equal(entry(relabeled, 'a')?.time, T3);
  assert.equal(entry(relabeled, 'b')?.fieldsV1, entry(scaled, 'b')?.fieldsV1);
  // The same update with the managers sent in another key order gives the same text.
  const shuffled = scaled.metadata.managedFields?.map((m) => ({ ...m, fieldsV1: reversed(m.fieldsV1) }));
  const again = update(scaled, { ...deployment(2), metadata: { ...scaled.metadata, managedFields: shuffled, labels: { app: 'web2' } } }, 'a', T3);
  assert.equal(JSON.stringify(again.metadata.managedFields), JSON.stringify(relabeled.metadata.managedFields));
});

function reversed(v: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!v) return v;
  return Object.fromEntries(Object.entries(v).reverse().map(([k, c]) => [k, reversed(c as Record<string, unknown>)]));
}
