import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldSet, keyElement, pathString, valueElement } from './fieldset.ts';

const upstreamSample = {
  'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
  'f:spec': {
    'f:replicas': {},
    'f:template': {
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} },
        },
      },
    },
  },
};

test('FieldsV1 parses and serializes back to the same JSON, "." marking members with children', () => {
  const s = FieldSet.fromFieldsV1(upstreamSample);
  assert.deepEqual(s.toFieldsV1(), upstreamSample);
  assert.ok(s.has(['f:metadata', 'f:labels']));
  assert.ok(!s.has(['f:metadata']));
  assert.ok(s.has(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"nginx"}']));
  assert.equal(JSON.stringify(s.toFieldsV1()), JSON.stringify(upstreamSample), 'key order is f: before k:, sorted');
});

test('malformed FieldsV1 is refused', () => {
  assert.throws(() => FieldSet.fromFieldsV1({ 'x:bad': {} }));
  assert.throws(() => FieldSet.fromFieldsV1([]));
});

test('union, difference and intersection work on members, keeping structure', () => {
  const a = FieldSet.of(['f:a', 'f:b'], ['f:a', 'f:c'], ['f:d']);
  const b = FieldSet.of(['f:a', 'f:c'], ['f:e']);
  assert.deepEqual(a.union(b).paths(), [['f:a', 'f:b'], ['f:a', 'f:c'], ['f:d'], ['f:e']]);
  assert.deepEqual(a.difference(b).paths(), [['f:a', 'f:b'], ['f:d']]);
  assert.deepEqual(a.intersection(b).paths(), [['f:a', 'f:c']]);
  assert.ok(a.difference(a).isEmpty());
  assert.ok(a.union(b).difference(b).equals(a.difference(b)));
});

test('recursive difference also drops everything below a removed member', () => {
  const a = FieldSet.of(['f:status'], ['f:status', 'f:phase'], ['f:spec', 'f:x']);
  assert.deepEqual(a.recursiveDifference(FieldSet.of(['f:status'])).paths(), [['f:spec', 'f:x']]);
  assert.deepEqual(a.difference(FieldSet.of(['f:status'])).paths(), [['f:spec', 'f:x'], ['f:status', 'f:phase']]);
});

test('paths print the way upstream prints them in conflicts', () => {
  assert.equal(pathString(['f:spec', 'f:replicas']), '.spec.replicas');
  assert.equal(
    pathString(['f:spec', 'f:containers', keyElement([['name', 'nginx']]), 'f:image']),
    '.spec.containers[name="nginx"].image',
  );
  assert.equal(pathString(['f:ports', keyElement([['containerPort', 80], ['protocol', 'TCP']])]), '.ports[containerPort=80,protocol="TCP"]');
  assert.equal(pathString(['f:metadata', 'f:finalizers', valueElement('a/b')]), '.metadata.finalizers[="a/b"]');
  assert.equal(pathString(['f:metadata', 'f:labels', 'f:app.kubernetes.io/name']), '.metadata.labels.app.kubernetes.io/name');
});

test('FieldsV1 read in another form is written back in serialization form, and in-place changes show', () => {
  const odd = { 'f:spec': { 'f:b': {}, 'f:a': { '.': {} }, '.': {} }, 'f:metadata': { 'f:labels': { 'f:x': {}, '.': { junk: 1 } } } };
  const s = FieldSet.fromFieldsV1(odd);
  assert.equal(JSON.stringify(s.toFieldsV1()),
    JSON.stringify({ 'f:metadata': { 'f:labels': { '.': {}, 'f:x': {} } }, 'f:spec': { '.': {}, 'f:a': {}, 'f:b': {} } }));

  const canonical = { 'f:metadata': { 'f:labels': { '.': {}, 'f:x': {} } }, 'f:spec': { 'f:a': {} } };
  const c = FieldSet.fromFieldsV1(canonical);
  assert.equal(c.toFieldsV1(), canonical, 'text already in serialization form is kept');
  assert.equal(c.removeAll(FieldSet.of(['f:spec', 'f:zzz'])), false);
  assert.equal(c.toFieldsV1(), canonical);
  assert.equal(c.removeAll(FieldSet.of(['f:spec', 'f:a'])), true);
  assert.deepEqual(c.toFieldsV1(), { 'f:metadata': { 'f:labels': { '.': {}, 'f:x': {} } } });
  assert.equal(c.addAll(FieldSet.of(['f:spec', 'f:b'], ['f:metadata', 'f:labels'])), true);
  assert.deepEqual(c.toFieldsV1(), { 'f:metadata': { 'f:labels': { '.': {}, 'f:x': {} } }, 'f:spec': { 'f:b': {} } });
  assert.equal(c.removeAll(FieldSet.of(['f:metadata']), true), true, 'trees: everything below a member goes');
  assert.deepEqual(c.toFieldsV1(), { 'f:spec': { 'f:b': {} } });
  c.insert(['i:10']); c.insert(['i:9']);
  assert.deepEqual(Object.keys(c.toFieldsV1()), ['f:spec', 'i:9', 'i:10']);
});

test('coveredBy: every member of the set is a member of one of the others', () => {
  const s = FieldSet.of(['f:a', 'f:b'], ['f:c']);
  assert.ok(s.coveredBy(FieldSet.of(['f:a', 'f:b']), FieldSet.of(['f:c'])));
  assert.ok(!s.coveredBy(FieldSet.of(['f:a']), FieldSet.of(['f:c'])), 'a parent member does not cover its children');
  assert.ok(!s.coveredBy(FieldSet.of(['f:a', 'f:b']), undefined));
});
