import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CycleState } from '../../framework/interface.ts';
import { makeNode, makePod, testEnv } from '../../testing/fixtures.ts';
import { TaintToleration } from './taint_toleration.ts';

const env = testEnv([
  makeNode('hard', { taints: [{ key: 'k', value: 'v', effect: 'NoExecute' }] }),
  makeNode('soft', { taints: [{ key: 's', value: '1', effect: 'PreferNoSchedule' }, { key: 't', effect: 'PreferNoSchedule' }] }),
  makeNode('clean'),
]);
const node = (n: string) => env.snapshot.get(n) ?? assert.fail();

test('untolerated NoSchedule/NoExecute taints reject with the taint named', () => {
  const pl = new TaintToleration();
  const st = pl.filter(new CycleState(), env.pi(makePod('p')), node('hard'));
  assert.deepEqual(st?.reasons, ['node(s) had untolerated taint {k: v}']);
  assert.equal(st?.codeName(), 'UnschedulableAndUnresolvable');
  assert.equal(pl.filter(new CycleState(), env.pi(makePod('p', { tolerations: [{ key: 'k', operator: 'Exists' }] })), node('hard')), undefined);
  assert.equal(pl.filter(new CycleState(), env.pi(makePod('p', { tolerations: [{ operator: 'Exists' }] })), node('hard')), undefined);
  assert.notEqual(pl.filter(new CycleState(), env.pi(makePod('p', { tolerations: [{ key: 'k', value: 'w' }] })), node('hard')), undefined);
  assert.equal(pl.filter(new CycleState(), env.pi(makePod('p')), node('soft')), undefined);
});

test('PreferNoSchedule taints lower the score, reversed and normalized', () => {
  const pl = new TaintToleration();
  const s = new CycleState();
  const pi = env.pi(makePod('p', { tolerations: [{ key: 's', operator: 'Exists', effect: 'PreferNoSchedule' }] }));
  pl.preScore(s, pi);
  const scores = Float64Array.from([pl.score(s, pi, node('soft')), pl.score(s, pi, node('clean'))]);
  assert.deepEqual([...scores], [1, 0]);
  pl.normalizeScore(s, pi, scores);
  assert.deepEqual([...scores], [0, 100]);
});
