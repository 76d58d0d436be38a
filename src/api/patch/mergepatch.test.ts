import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError } from '../errors.ts';
import { applyMergePatch } from './mergepatch.ts';

test('RFC 7386 appendix A examples', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, '"bar"', 'bar'], // strings are JSON text
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [doc, patch, want] of cases) assert.deepEqual(applyMergePatch(doc, patch), want, JSON.stringify({ doc, patch }));
});

test('merge patch leaves its input untouched and accepts JSON text', () => {
  const doc = { metadata: { labels: { a: '1', b: '2' } } };
  const out = applyMergePatch(doc, '{"metadata":{"labels":{"a":null,"c":"3"}}}');
  assert.deepEqual(out, { metadata: { labels: { b: '2', c: '3' } } });
  assert.deepEqual(doc, { metadata: { labels: { a: '1', b: '2' } } });
  assert.throws(() => applyMergePatch(doc, '{nope'), (e: unknown) => e instanceof StatusError && e.code === 400);
});
