import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  defaultRow, formatLabelSelector, formatLabels, humanDuration, labelSelectorString, layoutContainerCells,
  listWithMore, translateTimestampSince,
} from './printers.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

test('humanDuration follows apimachinery duration.HumanDuration', () => {
  const cases: [number, string][] = [
    [-1500, '0s'], [-3 * S, '<invalid>'], [0, '0s'], [45 * S, '45s'], [119 * S, '119s'], [2 * M, '2m'],
    [5 * M + 10 * S, '5m10s'], [10 * M + 30 * S, '10m'], [179 * M, '179m'], [3 * H, '3h'], [3 * H + 25 * M, '3h25m'],
    [8 * H + 30 * M, '8h'], [47 * H, '47h'], [2 * D, '2d'], [2 * D + 3 * H, '2d3h'], [8 * D, '8d'],
    [400 * D, '400d'], [730 * D, '2y'], [5 * 365 * D, '5y'], [5 * 365 * D + 10 * D, '5y10d'], [9 * 365 * D + 40 * D, '9y'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms}ms`);
});

test('translateTimestampSince renders <unknown> for absent or bad timestamps', () => {
  const now = Date.parse('2024-01-01T01:00:00Z');
  assert.equal(translateTimestampSince('2024-01-01T00:00:00Z', now), '60m');
  assert.equal(translateTimestampSince(undefined, now), '<unknown>');
  assert.equal(translateTimestampSince('', now), '<unknown>');
  assert.equal(translateTimestampSince('yesterday', now), '<unknown>');
});

test('label selectors render as upstream selector strings, sorted by key', () => {
  const sel = {
    matchLabels: { tier: 'web', app: 'nginx' },
    matchExpressions: [
      { key: 'env', operator: 'In', values: ['prod', 'dev'] },
      { key: 'zone', operator: 'DoesNotExist' },
      { key: 'canary', operator: 'Exists' },
      { key: 'team', operator: 'NotIn', values: ['b', 'a'] },
    ],
  };
  assert.equal(labelSelectorString(sel), 'app=nginx,canary,env in (dev,prod),team notin (a,b),tier=web,!zone');
  assert.equal(labelSelectorString(undefined), '');
  assert.equal(formatLabelSelector({}), '<none>');
  assert.equal(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }), '<error>');
});

test('label maps and container cells are formatted as upstream', () => {
  assert.equal(formatLabels({ b: '2', a: '1' }), 'a=1,b=2');
  assert.equal(formatLabels(undefined), '<none>');
  assert.deepEqual(layoutContainerCells([{ name: 'a', image: 'nginx' }, { name: 'b', image: 'busybox:1' }]), ['a,b', 'nginx,busybox:1']);
  assert.equal(listWithMore(['1', '2', '3', '4', '5'], 3), '1,2,3 + 2 more...');
  assert.equal(listWithMore([], 3), '<unset>');
});

test('default rows carry the name and the RFC3339 creation time', () => {
  assert.deepEqual(defaultRow({ metadata: { name: 'x', creationTimestamp: '2024-02-03T04:05:06Z' } }), ['x', '2024-02-03T04:05:06Z']);
  assert.deepEqual(defaultRow({ metadata: { name: 'y' } }), ['y', null]);
});
