import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonDepthExceeds, parseText } from './objects.ts';

test('JSON nesting is measured on the text, brackets inside strings not counted', () => {
  assert.equal(jsonDepthExceeds('{"a":[{"b":[]}]}', 4), false);
  assert.equal(jsonDepthExceeds('{"a":[{"b":[]}]}', 3), true);
  assert.equal(jsonDepthExceeds('{"a":"[[[[{{{{","b":"\\\\"}', 1), false);
  assert.equal(jsonDepthExceeds('{"a":"x\\"[[[[","b":{}}', 1), true);
  assert.equal(jsonDepthExceeds('{"a":"x\\"[[[[","b":{}}', 2), false);
});

test('a body nested 201 levels is refused, 200 accepted, as JSON and as YAML', () => {
  const nested = (levels: number): string => `{"x":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
  assert.doesNotThrow(() => parseText(nested(200), 'application/json'));
  assert.throws(() => parseText(nested(202), 'application/json'), /nests deeper than 200 levels/);
  assert.throws(() => parseText(nested(202), 'application/yaml'), /nests deeper than 200 levels/);
});
