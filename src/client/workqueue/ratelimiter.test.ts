import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../clock.ts';
import {
  BucketRateLimiter, ItemExponentialFailureRateLimiter, ItemFastSlowRateLimiter, defaultControllerRateLimiter,
} from './ratelimiter.ts';
import { RateLimitingQueue } from './ratelimiting.ts';

test('per-item exponential backoff doubles from 5 ms and caps at the maximum', () => {
  const l = new ItemExponentialFailureRateLimiter(5, 1000 * 1000);
  assert.deepEqual([1, 2, 3, 4, 5].map(() => l.when('a')), [5, 10, 20, 40, 80]);
  assert.equal(l.when('b'), 5, 'keys are independent');
  assert.equal(l.numRequeues('a'), 5);
  for (let i = 0; i < 100; i++) l.when('a');
  assert.equal(l.when('a'), 1000 * 1000);
  l.forget('a');
  assert.equal(l.numRequeues('a'), 0);
  assert.equal(l.when('a'), 5);
});

test('fast-slow limiter switches after the fast attempts', () => {
  const l = new ItemFastSlowRateLimiter(10, 1000, 2);
  assert.deepEqual([l.when('k'), l.when('k'), l.when('k')], [10, 10, 1000]);
});

test('bucket limiter allows the burst at once, then spaces retries at qps', () => {
  const clock = new FakeClock();
  const l = new BucketRateLimiter(10, 3, clock);
  assert.deepEqual([l.when('a'), l.when('b'), l.when('c')], [0, 0, 0]);
  assert.equal(l.when('d'), 100);
  assert.equal(l.when('e'), 200);
  clock.step(1000);
  assert.equal(l.when('f'), 0);
});

test('the default controller limiter takes the longer of item backoff and the overall bucket', () => {
  const clock = new FakeClock();
  const l = defaultControllerRateLimiter(clock);
  assert.equal(l.when('a'), 5);
  assert.equal(l.when('a'), 10);
  for (let i = 0; i < 98; i++) l.when(`k${i}`);
  // 100 tokens are spent: the next retry of a fresh key waits for the bucket (10 qps).
  assert.equal(l.when('fresh'), 100);
  assert.equal(l.numRequeues('a'), 2);
});

test('rate-limited queue requeues with growing delays on the injected clock and forget resets', async () => {
  const clock = new FakeClock();
  const q = new RateLimitingQueue({ clock, rateLimiter: new ItemExponentialFailureRateLimiter(100, 10_000) });
  q.addRateLimited('k');
  assert.equal(q.len(), 0);
  clock.step(99);
  assert.equal(q.len(), 0);
  clock.step(1);
  assert.equal(await q.get(), 'k');
  q.done('k');
  q.addRateLimited('k');
  clock.step(199);
  assert.equal(q.len(), 0);
  clock.step(1);
  assert.equal(q.len(), 1);
  assert.equal(q.numRequeues('k'), 2);
  q.forget('k');
  assert.equal(q.numRequeues('k'), 0);
  q.shutDown();
});
