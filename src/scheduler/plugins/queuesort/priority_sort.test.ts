import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QueuedPodInfo } from '../../framework/interface.ts';
import { newPodInfo } from '../../framework/types.ts';
import { makePod } from '../../testing/fixtures.ts';
import { PrioritySort } from './priority_sort.ts';

const q = (priority: number, timestamp: number): QueuedPodInfo => ({
  podInfo: newPodInfo(makePod('p', { priority })), timestamp, initialAttemptTimestamp: undefined, attempts: 0, unschedulablePlugins: new Set(), backoffExpiry: 0,
});

test('higher priority first, then the earlier queued', () => {
  const s = new PrioritySort();
  assert.equal(s.less(q(10, 5), q(0, 1)), true);
  assert.equal(s.less(q(0, 1), q(10, 5)), false);
  assert.equal(s.less(q(0, 1), q(0, 2)), true);
  assert.equal(s.less(q(0, 2), q(0, 1)), false);
});
