import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Algorithm, FitError, numFeasibleNodesToFind } from './algorithm.ts';
import { CycleState } from './framework/interface.ts';
import { makeNode, makePod, testEnv } from './testing/fixtures.ts';

test('numFeasibleNodesToFind is adaptive as upstream', () => {
  assert.equal(numFeasibleNodesToFind(undefined, 50), 50);
  assert.equal(numFeasibleNodesToFind(undefined, 500), 230);
  assert.equal(numFeasibleNodesToFind(undefined, 5000), 500);
  assert.equal(numFeasibleNodesToFind(undefined, 10_000), 500);
  assert.equal(numFeasibleNodesToFind(undefined, 150), 100);
  assert.equal(numFeasibleNodesToFind(10, 5000), 500);
  assert.equal(numFeasibleNodesToFind(100, 5000), 5000);
});

test('the filter window rotates over nodes and the fit error counts reasons', () => {
  const nodes = Array.from({ length: 300 }, (_, i) => makeNode(`n${i}`, { cpu: i < 2 ? '1' : '8', labels: { i: String(i) } }));
  const env = testEnv(nodes);
  const fw = env.framework();
  const alg = new Algorithm();
  const pi = env.pi(makePod('p', {}, { requests: { cpu: '2' } }));
  const r = alg.schedulePod(fw, new CycleState(), pi, env.snapshot);
  assert.ok(!(r instanceof FitError) && 'evaluatedNodes' in r);
  // 300 nodes → at least 100 feasible wanted (adaptive 48% = 144): 2 rejected + 144 feasible.
  assert.equal(r.feasibleNodes, 144);
  const bad = env.pi(makePod('q', { nodeSelector: { i: '0' } }, { requests: { cpu: '2' } }));
  const f = alg.schedulePod(fw, new CycleState(), bad, env.snapshot);
  assert.ok(f instanceof FitError);
  assert.equal(f.message(), "0/300 nodes are available: 1 Insufficient cpu, 299 node(s) didn't match Pod's node affinity/selector.");
  const none = alg.schedulePod(fw, new CycleState(), pi, testEnv([]).snapshot);
  assert.ok(none instanceof FitError);
  assert.equal(none.message(), 'no nodes available to schedule pods');
});
