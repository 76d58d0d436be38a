import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEPLOYMENT, POD, fixtureModel } from '../patch/testing/schema-fixture.ts';
import { FieldSet } from './fieldset.ts';
import { TypedWalker } from './typed.ts';

const w = new TypedWalker(fixtureModel);
const pod = w.root(POD);

test('the fields an object sets: list-map items by key, set items by value, map entries as members', () => {
  const s = w.fieldSetOf(pod, {
    metadata: { labels: { app: 'web' }, finalizers: ['x'] },
    spec: {
      containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }] }],
      tolerations: [{ key: 'k' }],
    },
  });
  assert.deepEqual(s.toFieldsV1(), {
    'f:metadata': { 'f:finalizers': { 'v:"x"': {} }, 'f:labels': { 'f:app': {} } },
    'f:spec': {
      'f:containers': {
        'k:{"name":"c"}': {
          '.': {}, 'f:image': {}, 'f:name': {},
          // protocol takes its schema default when the item omits it, as upstream does
          'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
        },
      },
      'f:tolerations': {},
    },
  });
});

test('atomic maps are one leaf and unknown objects are granular (deduced)', () => {
  const s = w.fieldSetOf(w.root(DEPLOYMENT), { spec: { selector: { matchLabels: { a: 'b' } } }, extra: { x: 1 } });
  assert.deepEqual(s.toFieldsV1(), { 'f:extra': { '.': {}, 'f:x': {} }, 'f:spec': { 'f:selector': {} } });
});

test('compare reports added, modified and removed paths', () => {
  const before = { spec: { nodeName: 'a', containers: [{ name: 'c', image: 'v1' }, { name: 'gone', image: 'x' }] } };
  const after = { spec: { nodeName: 'a', restartPolicy: 'Always', containers: [{ name: 'c', image: 'v2' }] } };
  const { added, modified, removed } = w.compare(pod, before, after);
  assert.deepEqual(added.paths(), [['f:spec', 'f:restartPolicy']]);
  assert.deepEqual(modified.paths(), [['f:spec', 'f:containers', 'k:{"name":"c"}', 'f:image']]);
  assert.deepEqual(removed.paths(), [
    ['f:spec', 'f:containers', 'k:{"name":"gone"}'],
    ['f:spec', 'f:containers', 'k:{"name":"gone"}', 'f:image'],
    ['f:spec', 'f:containers', 'k:{"name":"gone"}', 'f:name'],
  ]);
});

test('merge keeps live-only list items and merges shared ones by key', () => {
  const live = { spec: { containers: [{ name: 'a', image: '1', imagePullPolicy: 'Always' }, { name: 'b', image: '1' }], tolerations: [{ key: 'x' }] } };
  const config = { spec: { containers: [{ name: 'a', image: '2' }, { name: 'n', image: '3' }], tolerations: [{ key: 'y' }] } };
  assert.deepEqual(w.merge(pod, live, config), {
    spec: {
      containers: [{ name: 'a', image: '2', imagePullPolicy: 'Always' }, { name: 'b', image: '1' }, { name: 'n', image: '3' }],
      tolerations: [{ key: 'y' }],
    },
  });
});

test('removeItems drops members with their subtrees; named struct fields become members', () => {
  const v = { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '2' }], nodeName: 'n' } };
  const out = w.removeItems(pod, v, FieldSet.of(['f:spec', 'f:containers', 'k:{"name":"a"}'], ['f:spec', 'f:nodeName']));
  assert.deepEqual(out, { spec: { containers: [{ name: 'b', image: '2' }] } });
  const ensured = w.ensureNamedFieldsAreMembers(pod, FieldSet.of(['f:spec', 'f:containers', 'k:{"name":"a"}', 'f:image']));
  assert.ok(ensured.has(['f:spec']) && ensured.has(['f:spec', 'f:containers']));
  assert.ok(!ensured.has(['f:spec', 'f:containers', 'k:{"name":"a"}']));
});

test('compare: values shared by both sides report nothing, as equal copies do', () => {
  for (const extra of [{}, { extra: undefined }]) {
    const spec = { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }] }], ...extra };
    const before = { metadata: { labels: { a: '1' } }, spec };
    const after = { metadata: { labels: { a: '2' } }, spec };
    const shared = w.compare(pod, before, after);
    const copied = w.compare(pod, before, structuredClone(after));
    for (const k of ['added', 'modified', 'removed'] as const) assert.deepEqual(shared[k].toFieldsV1(), copied[k].toFieldsV1(), k);
    assert.deepEqual(shared.modified.toFieldsV1(), { 'f:metadata': { 'f:labels': { 'f:a': {} } } });
    // A member whose value is undefined on both sides is still "added", as before.
    assert.equal(shared.added.has(['f:spec', 'f:extra']), 'extra' in extra);
  }
});
