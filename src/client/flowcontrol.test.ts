import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from './clock.ts';
import { TokenBucket } from './flowcontrol.ts';

test('a token bucket starts full, then refills at qps up to burst', () => {
  const clock = new FakeClock();
  const b = new TokenBucket(2, 3, clock);
  assert.deepEqual([b.tryAccept(), b.tryAccept(), b.tryAccept(), b.tryAccept()], [true, true, true, false]);
  clock.step(500);
  assert.equal(b.tryAccept(), true);
  assert.equal(b.tryAccept(), false);
  clock.step(60_000);
  assert.deepEqual([b.tryAccept(), b.tryAccept(), b.tryAccept(), b.tryAccept()], [true, true, true, false]);
});

test('waiters reserve tokens in order and wait as long as their debt needs', async () => {
  const clock = new FakeClock();
  const b = new TokenBucket(10, 1, clock);
  const done: number[] = [];
  await b.accept();
  const w1 = b.accept().then(() => done.push(1));
  const w2 = b.accept().then(() => done.push(2));
  clock.step(99);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(done, []);
  clock.step(1);
  await w1;
  assert.deepEqual(done, [1]);
  clock.step(100);
  await w2;
  assert.deepEqual(done, [1, 2]);
});

test('an aborted wait rejects and returns its token', async () => {
  const clock = new FakeClock();
  const b = new TokenBucket(1, 1, clock);
  b.tryAccept();
  const ac = new AbortController();
  const w = b.accept(ac.signal);
  ac.abort(new Error('stop'));
  await assert.rejects(w, /stop/);
  clock.step(1000);
  assert.equal(b.tryAccept(), true);
});
