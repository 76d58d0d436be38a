import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError } from '../errors.ts';
import { applyStrategicMergePatch } from './strategic.ts';
import { DEPLOYMENT, POD, fixtureModel } from './testing/schema-fixture.ts';

const smp = (doc: unknown, patch: unknown, def = POD): unknown => applyStrategicMergePatch(doc, patch, fixtureModel, def);

function pod(): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['a', 'b'] },
    spec: {
      containers: [
        { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] },
        { name: 'sidecar', image: 'busybox' },
      ],
      tolerations: [{ key: 'k1', operator: 'Exists' }],
      volumes: [{ name: 'data', emptyDir: {} }],
    },
  };
}

const spec = (o: unknown): Record<string, unknown> => (o as { spec: Record<string, unknown> }).spec;
const names = (o: unknown): unknown[] => (spec(o).containers as { name: string }[]).map((c) => c.name);

function rejects(fn: () => unknown, code: number, text?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof StatusError);
    assert.equal(e.code, code);
    if (text) assert.match(`${e.message} ${JSON.stringify(e.details ?? {})}`, text);
    return true;
  });
}

test('adding a container merges by name and keeps the others (new items go first, as upstream)', () => {
  // Upstream's kubectl-patch task page shows the patched-in container ahead of the existing one.
  const out = smp(pod(), { spec: { containers: [{ name: 'log', image: 'fluent' }] } });
  assert.deepEqual(names(out), ['log', 'nginx', 'sidecar']);
});

test("changing one container's image by name leaves its other fields", () => {
  const before = pod();
  const out = smp(before, { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } });
  const c = (spec(out).containers as Record<string, unknown>[])[0];
  assert.deepEqual(c, { name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] });
  assert.equal((spec(before).containers as Record<string, unknown>[])[0]?.image, 'nginx:1.25', 'input untouched');
});

test('nested merge lists merge too (env by name), in the patch order', () => {
  const out = smp(pod(), { spec: { containers: [{ name: 'nginx', env: [{ name: 'B', value: '2' }, { name: 'A', value: null }] }] } });
  const c = (spec(out).containers as Record<string, unknown>[])[0];
  assert.deepEqual(c?.env, [{ name: 'B', value: '2' }, { name: 'A' }]);
});

test('$patch: delete in a list item removes that item', () => {
  const out = smp(pod(), { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } });
  assert.deepEqual(names(out), ['nginx']);
});

test('$patch: replace in a list replaces the whole list', () => {
  const out = smp(pod(), { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] } });
  assert.deepEqual(spec(out).containers, [{ name: 'only', image: 'x' }]);
});

test('$patch: replace and delete in a map', () => {
  const out = smp(pod(), { metadata: { labels: { $patch: 'replace', tier: 'db' } } }) as { metadata: { labels: unknown } };
  assert.deepEqual(out.metadata.labels, { tier: 'db' });
  const out2 = smp(pod(), { metadata: { labels: { $patch: 'delete' } } }) as { metadata: { labels: unknown } };
  assert.deepEqual(out2.metadata.labels, {});
  rejects(() => smp(pod(), { metadata: { labels: { $patch: 'bogus' } } }), 422, /unknown patch type: bogus/);
});

test('lists without a merge strategy are replaced (atomic tolerations, unknown fields)', () => {
  const out = smp(pod(), { spec: { tolerations: [{ key: 'k2', operator: 'Exists' }], unknownList: [1] } });
  assert.deepEqual(spec(out).tolerations, [{ key: 'k2', operator: 'Exists' }]);
  assert.deepEqual(spec(out).unknownList, [1]);
  const out2 = smp(out, { spec: { unknownList: [2] } });
  assert.deepEqual(spec(out2).unknownList, [2]);
});

test('finalizers (merge strategy on a primitive list) are unioned; $deleteFromPrimitiveList removes', () => {
  const out = smp(pod(), { metadata: { finalizers: ['c', 'a'] } }) as { metadata: { finalizers: string[] } };
  assert.deepEqual([...out.metadata.finalizers].sort(), ['a', 'b', 'c']);
  const out2 = smp(pod(), { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }) as { metadata: { finalizers: string[] } };
  assert.deepEqual(out2.metadata.finalizers, ['b']);
  rejects(() => smp(pod(), { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } }), 400, /primitive list/);
});

test('null deletes a field and nulls never land in the result', () => {
  const out = smp(pod(), { metadata: { labels: null }, spec: { nodeSelector: { disk: 'ssd', gone: null } } }) as Record<string, Record<string, unknown>>;
  assert.equal(out.metadata?.labels, undefined);
  assert.deepEqual(out.spec?.nodeSelector, { disk: 'ssd' });
});

test('$retainKeys drops the keys it does not list (volume source switch)', () => {
  const out = smp(pod(), { spec: { volumes: [{ name: 'data', hostPath: { path: '/d' }, $retainKeys: ['name', 'hostPath'] }] } });
  assert.deepEqual(spec(out).volumes, [{ name: 'data', hostPath: { path: '/d' } }]);
  const dep = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
  const out2 = smp(dep, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, DEPLOYMENT);
  assert.deepEqual(spec(out2).strategy, { type: 'Recreate' });
  rejects(() => smp(dep, { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, DEPLOYMENT), 422, /retainKeys/);
});

test('$setElementOrder orders the merged list; server-only items keep their place', () => {
  const out = smp(pod(), {
    spec: {
      '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'new' }, { name: 'nginx' }],
      containers: [{ name: 'new', image: 'n' }],
    },
  });
  assert.deepEqual(names(out), ['sidecar', 'new', 'nginx']);
  const out2 = smp(pod(), { metadata: { '$setElementOrder/finalizers': ['b', 'a'] } }) as { metadata: { finalizers: string[] } };
  assert.deepEqual(out2.metadata.finalizers, ['b', 'a']);
});

test('list items without the merge key and malformed patches are rejected', () => {
  rejects(() => smp(pod(), { spec: { containers: [{ image: 'x' }] } }), 422, /does not contain declared merge key: name/);
  rejects(() => smp(pod(), [1]), 400);
  rejects(() => smp(pod(), '{bad'), 400);
});

test('conditions merge by type; a missing list is created from the patch', () => {
  const p = { status: { conditions: [{ type: 'Ready', status: 'False' }] } };
  const out = smp(p, { status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Initialized', status: 'True' }] } });
  assert.deepEqual((out as typeof p).status.conditions, [{ type: 'Ready', status: 'True' }, { type: 'Initialized', status: 'True' }]);
  const fresh = smp({ metadata: {} }, { metadata: { ownerReferences: [{ uid: 'u1', name: 'x', kind: 'K', apiVersion: 'v1', $patch: 'merge' }] } });
  assert.deepEqual((fresh as { metadata: unknown }).metadata, { ownerReferences: [{ uid: 'u1', name: 'x', kind: 'K', apiVersion: 'v1' }] });
});
