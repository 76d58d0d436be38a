import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Backoff } from './backoff.ts';
import { FakeClock } from './clock.ts';

test('backoff doubles up to the cap, with jitter adding up to the given fraction', () => {
  const clock = new FakeClock();
  const b = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0.5, clock, random: () => 1 });
  assert.deepEqual([b.next(), b.next(), b.next(), b.next(), b.next()], [150, 300, 600, 1000, 1000]);
  const plain = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0, clock });
  assert.deepEqual([plain.next(), plain.next(), plain.next()], [100, 200, 400]);
});

test('backoff starts over after a quiet period or a reset', () => {
  const clock = new FakeClock();
  const b = new Backoff({ initialMs: 100, maxMs: 10_000, jitter: 0, resetAfterMs: 5000, clock });
  b.next(); b.next();
  assert.equal(b.next(), 400);
  clock.step(5001);
  assert.equal(b.next(), 100);
  b.next();
  b.reset();
  assert.equal(b.next(), 100);
});
