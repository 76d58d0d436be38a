import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QueuedPodInfo } from '../framework/interface.ts';
import { PrioritySort } from '../plugins/queuesort/priority_sort.ts';
import { makePod } from '../testing/fixtures.ts';
import { SchedulingQueue } from './scheduling_queue.ts';

function queue(now: { t: number }): SchedulingQueue {
  const sort = new PrioritySort();
  return new SchedulingQueue({
    less: (a, b) => sort.less(a, b), now: () => now.t,
    eventsByPlugin: new Map([['NodeResourcesFit', [{ resource: 'Node', actions: ['Add'] }]], ['InterPodAffinity', [{ resource: 'AssignedPod', actions: ['Add'] }]]]),
  });
}

test('pops by priority, then arrival', async () => {
  const now = { t: 0 };
  const q = queue(now);
  q.add(makePod('a', { priority: 1 }));
  now.t = 1;
  q.add(makePod('b', { priority: 5 }));
  now.t = 2;
  q.add(makePod('c', { priority: 1 }));
  const names = [];
  for (let i = 0; i < 3; i++) names.push((await q.pop())?.podInfo.pod.metadata?.name);
  assert.deepEqual(names, ['b', 'a', 'c']);
  const waiting = q.pop();
  q.add(makePod('d'));
  assert.equal((await waiting)?.podInfo.pod.metadata?.name, 'd');
  q.close();
  assert.equal(await q.pop(), undefined);
});

test('unschedulable pods move only on events their rejecting plugins registered, honouring backoff', async () => {
  const now = { t: 0 };
  const q = queue(now);
  q.add(makePod('p'));
  const qp = (await q.pop()) as QueuedPodInfo;
  qp.unschedulablePlugins = new Set(['NodeResourcesFit']);
  q.addUnschedulableIfNotPresent(qp, q.schedulingCycle);
  assert.deepEqual(q.pendingCounts(), { active: 0, backoff: 0, unschedulable: 1 });
  q.moveAllToActiveOrBackoffQueue({ resource: 'AssignedPod', action: 'Add', label: 'x' });
  assert.equal(q.pendingCounts().unschedulable, 1);
  // Still within its 1 s backoff: to backoffQ, then active once the backoff ends.
  q.moveAllToActiveOrBackoffQueue({ resource: 'Node', action: 'Add', label: 'NodeAdd' });
  assert.deepEqual(q.pendingCounts(), { active: 0, backoff: 1, unschedulable: 0 });
  now.t = 999;
  q.flushBackoffQCompleted();
  assert.equal(q.pendingCounts().backoff, 1);
  now.t = 1000;
  q.flushBackoffQCompleted();
  assert.equal(q.pendingCounts().active, 1);
  q.close();
});

test('backoff doubles per attempt up to 10 s; an event during the cycle sends the pod to backoff; 5-minute flush', async () => {
  const now = { t: 0 };
  const q = queue(now);
  q.add(makePod('p'));
  let qp = (await q.pop()) as QueuedPodInfo;
  for (let i = 0; i < 5; i++) {
    qp.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.addUnschedulableIfNotPresent(qp, q.schedulingCycle, true);
    const expected = Math.min(1000 * 2 ** i, 10_000);
    now.t += expected - 1;
    q.flushBackoffQCompleted();
    assert.equal(q.pendingCounts().active, 0, `attempt ${i + 1}`);
    now.t += 1;
    q.flushBackoffQCompleted();
    qp = (await q.pop()) as QueuedPodInfo;
  }
  const cycle = q.schedulingCycle;
  q.moveAllToActiveOrBackoffQueue({ resource: 'Node', action: 'Update', label: 'NodeUpdate' });
  qp.unschedulablePlugins = new Set(['NodeResourcesFit']);
  q.addUnschedulableIfNotPresent(qp, cycle);
  assert.equal(q.pendingCounts().backoff, 1);
  now.t += 20_000;
  q.flushBackoffQCompleted();
  qp = (await q.pop()) as QueuedPodInfo;
  qp.unschedulablePlugins = new Set(['NodeResourcesFit']);
  q.addUnschedulableIfNotPresent(qp, q.schedulingCycle);
  assert.equal(q.pendingCounts().unschedulable, 1);
  now.t += 5 * 60_000;
  q.flushUnschedulablePodsLeftover();
  assert.equal(q.pendingCounts().active, 1);
  q.close();
});
