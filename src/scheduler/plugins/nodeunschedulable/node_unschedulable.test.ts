import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CycleState } from '../../framework/interface.ts';
import { makeNode, makePod, testEnv } from '../../testing/fixtures.ts';
import { ErrReasonUnschedulable, NodeUnschedulable } from './node_unschedulable.ts';

test('cordoned nodes take only pods tolerating the unschedulable taint', () => {
  const env = testEnv([makeNode('c', { unschedulable: true })]);
  const n = env.snapshot.get('c') ?? assert.fail();
  const pl = new NodeUnschedulable();
  assert.deepEqual(pl.filter(new CycleState(), env.pi(makePod('p')), n)?.reasons, [ErrReasonUnschedulable]);
  const tolerant = makePod('t', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
  assert.equal(pl.filter(new CycleState(), env.pi(tolerant), n), undefined);
});
