import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CycleState } from '../../framework/interface.ts';
import { makeNode, makePod, testEnv } from '../../testing/fixtures.ts';
import { ErrReasonPod, NodeAffinity } from './node_affinity.ts';

const env = testEnv([makeNode('a', { labels: { zone: 'z1', gen: '3' } }), makeNode('b', { labels: { zone: 'z2', gen: '5' } })]);
const a = env.snapshot.get('a') ?? assert.fail();
const b = env.snapshot.get('b') ?? assert.fail();

test('nodeSelector and required terms (ORed terms, ANDed expressions, Gt) filter nodes', () => {
  const pl = new NodeAffinity();
  const check = (spec: Parameters<typeof makePod>[1]): boolean[] => {
    const s = new CycleState();
    const pi = env.pi(makePod('p', spec));
    pl.preFilter(s, pi);
    return [a, b].map((n) => pl.filter(s, pi, n) === undefined);
  };
  assert.deepEqual(check({ nodeSelector: { zone: 'z2' } }), [false, true]);
  assert.deepEqual(check({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
    { matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['4'] }] },
    { matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }, { key: 'gen', operator: 'DoesNotExist' }] },
  ] } } } }), [false, true]);
  const s = new CycleState();
  const pi = env.pi(makePod('p', { nodeSelector: { zone: 'nowhere' } }));
  pl.preFilter(s, pi);
  assert.deepEqual(pl.filter(s, pi, a)?.reasons, [ErrReasonPod]);
  assert.equal(pl.filter(s, pi, a)?.codeName(), 'UnschedulableAndUnresolvable');
});

test('matchFields metadata.name narrows PreFilter to the named nodes', () => {
  const pl = new NodeAffinity();
  const s = new CycleState();
  const pi = env.pi(makePod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }] } } } }));
  const r = pl.preFilter(s, pi);
  assert.deepEqual([...(r.result?.nodeNames ?? [])], ['b']);
  assert.notEqual(pl.filter(s, pi, a), undefined);
  assert.equal(pl.filter(s, pi, b), undefined);
});

test('a pod without affinity skips, and preferred terms score by weight then normalize', () => {
  const pl = new NodeAffinity();
  assert.equal(pl.preFilter(new CycleState(), env.pi(makePod('p'))).status?.isSkip(), true);
  const s = new CycleState();
  const pi = env.pi(makePod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
    { weight: 10, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] } },
    { weight: 30, preference: { matchExpressions: [{ key: 'gen', operator: 'In', values: ['5'] }] } },
  ] } } }));
  assert.equal(pl.preScore(s, pi), undefined);
  const scores = Float64Array.from([pl.score(s, pi, a), pl.score(s, pi, b)]);
  assert.deepEqual([...scores], [10, 30]);
  pl.normalizeScore(s, pi, scores);
  assert.deepEqual([...scores], [33, 100]);
});
