import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError } from '../errors.ts';
import { applyJsonPatch } from './jsonpatch.ts';

function rejects(fn: () => unknown, code: number, text?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof StatusError, `expected StatusError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (text) assert.match(`${e.message} ${JSON.stringify(e.details ?? {})}`, text);
    return true;
  });
}

test('RFC 6902 appendix A examples apply', () => {
  assert.deepEqual(applyJsonPatch({ foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }]), { foo: 'bar', baz: 'qux' });
  assert.deepEqual(applyJsonPatch({ foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }]), { foo: ['bar', 'qux', 'baz'] });
  assert.deepEqual(applyJsonPatch({ baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }]), { foo: 'bar' });
  assert.deepEqual(applyJsonPatch({ foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }]), { foo: ['bar', 'baz'] });
  assert.deepEqual(applyJsonPatch({ baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }]), { baz: 'boo', foo: 'bar' });
  assert.deepEqual(
    applyJsonPatch({ foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } }, [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }]),
    { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
  );
  assert.deepEqual(applyJsonPatch({ foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }]), { foo: ['all', 'cows', 'eat', 'grass'] });
  assert.deepEqual(applyJsonPatch({ baz: 'qux', foo: ['a', 2, 'c'] }, [
    { op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 },
  ]), { baz: 'qux', foo: ['a', 2, 'c'] });
  assert.deepEqual(applyJsonPatch({ foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }]), { foo: 'bar', child: { grandchild: {} } });
  assert.deepEqual(applyJsonPatch({ foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }]), { foo: ['bar', ['abc', 'def']] });
  assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: 'copy', from: '/a', path: '/b' }]), { a: 1, b: 1 });
});

test('a failed test operation is a 422 naming the path', () => {
  rejects(() => applyJsonPatch({ baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }]), 422, /testing value \/baz failed/);
});

test('a missing parent path is a 422 and objects are not created recursively', () => {
  rejects(() => applyJsonPatch({ q: { bar: 2 } }, [{ op: 'add', path: '/a/b', value: 1 }]), 422, /doc is missing path/);
  rejects(() => applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '/b', value: 1 }]), 422, /missing key/);
  rejects(() => applyJsonPatch({ a: 1 }, [{ op: 'remove', path: '/b' }]), 422);
});

test('pointer escapes ~0 and ~1 address keys with ~ and /', () => {
  const doc = { metadata: { labels: { 'app.kubernetes.io/name': 'x', 'a~b': 'y' } } };
  const out = applyJsonPatch(doc, [
    { op: 'replace', path: '/metadata/labels/app.kubernetes.io~1name', value: 'z' },
    { op: 'remove', path: '/metadata/labels/a~0b' },
  ]);
  assert.deepEqual(out, { metadata: { labels: { 'app.kubernetes.io/name': 'z' } } });
});

test('array indices are bounds-checked and "-" appends', () => {
  assert.deepEqual(applyJsonPatch({ a: [1] }, [{ op: 'add', path: '/a/1', value: 2 }]), { a: [1, 2] });
  rejects(() => applyJsonPatch({ a: [1] }, [{ op: 'add', path: '/a/3', value: 2 }]), 422, /invalid index/);
  rejects(() => applyJsonPatch({ a: [1] }, [{ op: 'remove', path: '/a/1' }]), 422, /invalid index/);
  rejects(() => applyJsonPatch({ a: [1] }, [{ op: 'replace', path: '/a/01', value: 3 }]), 422);
});

test('the input document is never modified, even when a later operation fails', () => {
  const doc = { a: { b: [1, 2] } };
  const before = JSON.stringify(doc);
  applyJsonPatch(doc, [{ op: 'add', path: '/a/b/-', value: 3 }, { op: 'replace', path: '/a/c', value: 1 }].slice(0, 1));
  assert.throws(() => applyJsonPatch(doc, [{ op: 'remove', path: '/a/b/0' }, { op: 'test', path: '/a/b/0', value: 9 }]));
  assert.equal(JSON.stringify(doc), before);
});

test('a patch that is not a JSON array is a 400 BadRequest; unknown ops are 422', () => {
  rejects(() => applyJsonPatch({}, { op: 'add', path: '/a', value: 1 }), 400, /cannot unmarshal object/);
  rejects(() => applyJsonPatch({}, '[{"op": "add",'), 400);
  rejects(() => applyJsonPatch({}, [{ op: 'spam', path: '/a' }]), 422, /Unexpected kind: spam/);
  assert.deepEqual(applyJsonPatch({}, '[{"op":"add","path":"/a","value":1}]'), { a: 1 });
});

test('a move into its own child is refused; the whole document can be replaced', () => {
  rejects(() => applyJsonPatch({ a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a/b/c' }]), 422);
  assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }]), { b: 2 });
});
