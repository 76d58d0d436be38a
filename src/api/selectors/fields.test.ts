import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fieldSelectorMatches, fieldSelectorString, parseFieldSelector, referencedFields, requiresExactMatch, unsupportedField,
} from './fields.ts';

test('parses =, == and != terms with escapes', () => {
  const s = parseFieldSelector('status.phase!=Failed,metadata.name==a\\,b,spec.nodeName=n1');
  assert.deepEqual(s.requirements, [
    { field: 'metadata.name', operator: '==', value: 'a,b' },
    { field: 'spec.nodeName', operator: '=', value: 'n1' },
    { field: 'status.phase', operator: '!=', value: 'Failed' },
  ]);
  assert.equal(fieldSelectorString(s), 'metadata.name=a\\,b,spec.nodeName=n1,status.phase!=Failed');
  assert.deepEqual(referencedFields(s), ['metadata.name', 'spec.nodeName', 'status.phase']);
  assert.equal(requiresExactMatch(s, 'spec.nodeName'), 'n1');
  assert.equal(requiresExactMatch(s, 'status.phase'), undefined);
});

test('matches through a getter', () => {
  const s = parseFieldSelector('spec.nodeName=n1,status.phase!=Failed');
  const obj: Record<string, string> = { 'spec.nodeName': 'n1', 'status.phase': 'Running' };
  assert.equal(fieldSelectorMatches(s, (f) => obj[f]), true);
  assert.equal(fieldSelectorMatches(s, (f) => ({ ...obj, 'status.phase': 'Failed' })[f]), false);
  assert.equal(fieldSelectorMatches(parseFieldSelector('spec.nodeName='), () => undefined), true);
  assert.equal(fieldSelectorMatches(parseFieldSelector(''), () => 'x'), true);
});

test('rejects malformed selectors with upstream messages', () => {
  assert.throws(() => parseFieldSelector('abc'), { message: "invalid selector: 'abc'; can't understand 'abc'" });
  assert.throws(() => parseFieldSelector('a=b=c'), { message: 'invalid field selector: unescaped character in value: 61' });
  assert.throws(() => parseFieldSelector('a=b\\x'), { message: 'invalid field selector: invalid escape sequence: \\x' });
  assert.equal(unsupportedField(parseFieldSelector('metadata.name=a,spec.foo=b'), ['metadata.name']), 'spec.foo');
});
