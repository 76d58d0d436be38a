import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatLabelSelector, labelSelectorAsSelector, matches, parseLabelSelector, selectorString,
} from './labels.ts';

test('parses every operator and prints the canonical string sorted by key', () => {
  const s = parseLabelSelector(' tier in (b, a) ,app=web,env!=prod, !legacy,track notin (x),gpu,v==2 ');
  assert.equal(selectorString(s), 'app=web,env!=prod,gpu,!legacy,tier in (a,b),track notin (x),v==2');
});

test('matches labels as upstream does', () => {
  const s = parseLabelSelector('app=web,env!=prod,tier in (a,b),!legacy');
  assert.equal(matches(s, { app: 'web', tier: 'a' }), true);
  assert.equal(matches(s, { app: 'web', tier: 'a', env: 'prod' }), false);
  assert.equal(matches(s, { app: 'web', tier: 'c' }), false);
  assert.equal(matches(s, { app: 'web', tier: 'b', legacy: '' }), false);
  assert.equal(matches(parseLabelSelector(''), {}), true);
  assert.equal(matches(parseLabelSelector('a notin (x)'), {}), true);
  assert.equal(matches(parseLabelSelector('a'), { a: '' }), true);
  assert.equal(matches(parseLabelSelector('n>3'), { n: '4' }), true);
  assert.equal(matches(parseLabelSelector('n<3'), { n: '4' }), false);
  assert.equal(matches(parseLabelSelector('a='), { a: '' }), true);
  assert.equal(matches(parseLabelSelector('a in (in,notin)'), { a: 'notin' }), true);
});

test('reports bad syntax with upstream messages', () => {
  const cases: [string, string][] = [
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a in b', "unable to parse requirement: found 'b' expected: '('"],
    ['a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a,', "found '', expected: identifier after ','"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['a!b', "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
    ['a=(b)', "unable to parse requirement: found '(', expected: identifier"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
  ];
  for (const [input, msg] of cases) assert.throws(() => parseLabelSelector(input), { message: msg }, input);
  assert.throws(() => parseLabelSelector('a=b$'), (e: Error) => e.message.startsWith('unable to parse requirement: values[0][a]: Invalid value: "b$": a valid label must be an empty string'));
  assert.throws(() => parseLabelSelector('-a=b'), (e: Error) => e.message.startsWith('unable to parse requirement: <nil>: Invalid value: "-a": name part must consist of'));
});

test('converts metav1.LabelSelector to a selector and its string form', () => {
  const ls = {
    matchLabels: { app: 'web' },
    matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['z', 'y'] }, { key: 'canary', operator: 'DoesNotExist' }],
  };
  const s = labelSelectorAsSelector(ls);
  assert.equal(selectorString(s), 'app=web,!canary,tier notin (y,z)');
  assert.equal(matches(s, { app: 'web', tier: 'x' }), true);
  assert.equal(matches(s, { app: 'web', canary: '1' }), false);
  assert.equal(matches(labelSelectorAsSelector({}), { x: 'y' }), true);
  assert.equal(matches(labelSelectorAsSelector(undefined), {}), false);
  assert.equal(formatLabelSelector({}), '<none>');
  assert.throws(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }), { message: '"Bogus" is not a valid label selector operator' });
  assert.throws(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] }), { message: `values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty` });
});
