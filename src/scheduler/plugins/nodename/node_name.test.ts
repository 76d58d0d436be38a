import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CycleState } from '../../framework/interface.ts';
import { makeNode, makePod, testEnv } from '../../testing/fixtures.ts';
import { ErrReasonNodeName, NodeName } from './node_name.ts';

test('a pod naming a node fits only that node', () => {
  const env = testEnv([makeNode('a'), makeNode('b')]);
  const pi = env.pi(makePod('p', { nodeName: 'b' }));
  const pl = new NodeName();
  assert.deepEqual(pl.filter(new CycleState(), pi, env.snapshot.get('a') ?? assert.fail())?.reasons, [ErrReasonNodeName]);
  assert.equal(pl.filter(new CycleState(), pi, env.snapshot.get('b') ?? assert.fail()), undefined);
  assert.equal(pl.filter(new CycleState(), env.pi(makePod('q')), env.snapshot.get('a') ?? assert.fail()), undefined);
});
