import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DefaultCalculatorOptions, ReplicaCalculationError, averageValueReplicas, resourceReplicas } from './replicas.ts';
import type { PodInfo, PodMetricsInfo } from './replicas.ts';
import { limitByBehaviorRate, stabilizeRecommendation } from './behavior.ts';
import type { TimestampedRecommendation } from './behavior.ts';

const now = Date.parse('2026-01-01T12:00:00Z');
const opts = { ...DefaultCalculatorOptions, now };
const longAgo = now - 60 * 60_000;

/** Pods started an hour ago, Ready since then, each requesting `request` milli-units. */
function pods(n: number, request = 1000, ready: string[] = []): PodInfo[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `p${i}`, phase: 'Running', startTime: longAgo, request,
    ready: { status: ready[i] ?? 'True', lastTransitionTime: ready[i] === 'False' ? longAgo + 1000 : longAgo },
  }));
}
function metrics(values: (number | undefined)[]): PodMetricsInfo {
  const m: PodMetricsInfo = new Map();
  values.forEach((v, i) => { if (v !== undefined) m.set(`p${i}`, { timestamp: now - 10_000, windowMs: 30_000, value: v }); });
  return m;
}

test('cpu utilization above target scales up (ceil of ratio × ready pods)', () => {
  const r = resourceReplicas(3, 30, 'cpu', pods(3), metrics([300, 500, 700]), opts);
  assert.deepEqual([r.replicas, r.utilization, r.rawAverage], [5, 50, 500]);
});

test('cpu utilization below target scales down', () => {
  const r = resourceReplicas(5, 50, 'cpu', pods(5), metrics([100, 300, 500, 250, 250]), opts);
  assert.deepEqual([r.replicas, r.utilization], [3, 28]);
});

test('a ratio within the 0.1 tolerance keeps the current count', () => {
  const p = pods(3);
  p[0]!.request = 900; p[2]!.request = 1100;
  assert.equal(resourceReplicas(3, 100, 'cpu', p, metrics([1010, 1030, 1020]), opts).replicas, 3);
});

test('unready pods count as using nothing on a scale-up, dampening it', () => {
  assert.equal(resourceReplicas(3, 30, 'cpu', pods(3, 1000, ['False']), metrics([300, 500, 700]), opts).replicas, 4);
});

test('unready pods are left out on a scale-down', () => {
  assert.equal(resourceReplicas(5, 50, 'cpu', pods(5, 1000, ['False', 'False']), metrics([100, 300, 500, 250, 250]), opts).replicas, 2);
});

test('pods without metrics count as 0% on a scale-up and 100% on a scale-down', () => {
  assert.equal(resourceReplicas(4, 50, 'cpu', pods(4), metrics([1000, 1600]), opts).replicas, 6);
  // Assuming 100% for the missing ones would turn the scale-down into a scale-up: no change.
  assert.equal(resourceReplicas(4, 50, 'cpu', pods(4), metrics([100, 100]), opts).replicas, 4);
  assert.equal(resourceReplicas(4, 50, 'cpu', pods(4), metrics([1000, 1000]), opts).replicas, 4);
});

test('pending pods are unready, failed and deleted pods are ignored', () => {
  const p = pods(4);
  p[2]!.phase = 'Failed';
  p[3]!.deleted = true;
  p[1]!.phase = 'Pending';
  assert.equal(resourceReplicas(4, 50, 'cpu', p, metrics([100, 900, 900, 900]), opts).replicas, 1);
});

test('a young pod whose sample predates one window after becoming ready is unready', () => {
  const p = pods(2);
  p[1] = { name: 'p1', phase: 'Running', request: 1000, startTime: now - 60_000, ready: { status: 'True', lastTransitionTime: now - 20_000 } };
  const m = metrics([200, 2000]);
  // Only p0 counts: 20% of a 50% target → 1 replica (p1 is not used for a scale-down).
  assert.equal(resourceReplicas(2, 50, 'cpu', p, m, opts).replicas, 1);
  // Memory has no initialization period: both count, 110% → ceil(2.2 × 2).
  assert.equal(resourceReplicas(2, 50, 'memory', p, m, opts).replicas, 5);
});

test('errors: no pods, no usable metrics, a pod without a request', () => {
  assert.throws(() => resourceReplicas(1, 50, 'cpu', [], new Map(), opts), ReplicaCalculationError);
  assert.throws(() => resourceReplicas(2, 50, 'cpu', pods(2, 1000, ['False', 'False']), metrics([100, 100]), opts), /did not receive metrics/);
  const p = pods(2);
  delete p[1]!.request;
  assert.throws(() => resourceReplicas(2, 50, 'cpu', p, metrics([100, 100]), opts), /missing request for cpu/);
});

test('averageValue targets scale on the mean per-pod value', () => {
  const r = averageValueReplicas(3, 500, 'memory', pods(3), metrics([800, 900, 1000]), opts);
  assert.deepEqual([r.replicas, r.usage], [6, 900]);
  assert.equal(averageValueReplicas(3, 900, 'memory', pods(3), metrics([800, 900, 1000]), opts).replicas, 3);
  // Missing pods are taken at the target on a scale-down: (200+200+1000+1000)/4 = 600 → ceil(0.6 × 4).
  assert.equal(averageValueReplicas(4, 1000, 'memory', pods(4), metrics([200, 200]), opts).replicas, 3);
});

test('scale-down is stabilized over the last 300 s of recommendations', () => {
  const history: TimestampedRecommendation[] = [{ recommendation: 5, timestamp: now - 100_000 }, { recommendation: 8, timestamp: now - 400_000 }];
  const s = stabilizeRecommendation({ minReplicas: 1, maxReplicas: 10, currentReplicas: 5, desiredReplicas: 2 }, history, now);
  assert.deepEqual([s.replicas, s.reason], [5, 'ScaleDownStabilized']);
  // The expired entry was reused for the new recommendation.
  assert.deepEqual(history.map((h) => h.recommendation), [5, 2]);
  // With a zero window the new recommendation applies at once.
  const z = stabilizeRecommendation({ behavior: { scaleDown: { stabilizationWindowSeconds: 0 } }, minReplicas: 1, maxReplicas: 10, currentReplicas: 5, desiredReplicas: 2 }, [], now);
  assert.deepEqual([z.replicas, z.reason], [2, 'ReadyForNewScale']);
});

test('scale-up policies limit the rate; min/maxReplicas bound the result', () => {
  const arg = { minReplicas: 1, maxReplicas: 100, currentReplicas: 1, desiredReplicas: 50 };
  assert.deepEqual(limitByBehaviorRate(arg, [], [], now), { replicas: 5, reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' });
  assert.equal(limitByBehaviorRate({ ...arg, currentReplicas: 10 }, [], [], now).replicas, 20);
  // Replicas added within the period count against it.
  assert.equal(limitByBehaviorRate({ ...arg, currentReplicas: 10 }, [{ replicaChange: 5, timestamp: now - 5000 }], [], now).replicas, 10);
  assert.equal(limitByBehaviorRate({ ...arg, currentReplicas: 8, maxReplicas: 10 }, [], [], now).reason, 'TooManyReplicas');
  assert.equal(limitByBehaviorRate({ ...arg, currentReplicas: 8, desiredReplicas: 0, minReplicas: 2 }, [], [], now).reason, 'TooFewReplicas');
  const pods50 = { scaleDown: { policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] } };
  assert.deepEqual(limitByBehaviorRate({ ...arg, behavior: pods50, currentReplicas: 10, desiredReplicas: 1 }, [], [], now).replicas, 5);
  assert.equal(limitByBehaviorRate({ ...arg, behavior: { scaleUp: { selectPolicy: 'Disabled' } }, currentReplicas: 3, desiredReplicas: 9 }, [], [], now).replicas, 3);
});
