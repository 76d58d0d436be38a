import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../clock.ts';
import { DelayingQueue } from './delaying.ts';
import { WorkQueue } from './queue.ts';

test('keys come out in FIFO order and a queued key is not added twice', async () => {
  const q = new WorkQueue();
  q.add('a'); q.add('b'); q.add('a'); q.add('c');
  assert.equal(q.len(), 3);
  assert.equal(await q.get(), 'a');
  assert.equal(await q.get(), 'b');
  assert.equal(await q.get(), 'c');
  assert.equal(q.len(), 0);
});

test('a key added while processing is requeued only after done, never handed out twice at once', async () => {
  const q = new WorkQueue();
  q.add('a');
  const k = await q.get();
  assert.equal(k, 'a');
  q.add('a');
  q.add('a');
  assert.equal(q.len(), 0, 'not queued while processing');
  assert.ok(q.isDirty('a'));
  let got: string | undefined = 'none';
  void q.get().then((v) => { got = v; });
  await new Promise((r) => setImmediate(r));
  assert.equal(got, 'none', 'a second worker must not receive a key being processed');
  q.done('a');
  await new Promise((r) => setImmediate(r));
  assert.equal(got, 'a');
  assert.ok(q.isProcessing('a'));
  q.done('a');
  assert.equal(q.len(), 0);
  assert.ok(!q.isProcessing('a'));
});

test('done without a requeue leaves the key gone', async () => {
  const q = new WorkQueue();
  q.add('x');
  await q.get();
  q.done('x');
  q.done('x');
  assert.equal(q.len(), 0);
  q.add('x');
  assert.equal(q.len(), 1);
});

test('get waits for an add, and waiters are served in order', async () => {
  const q = new WorkQueue();
  const first = q.get();
  const second = q.get();
  q.add('one');
  q.add('two');
  assert.equal(await first, 'one');
  assert.equal(await second, 'two');
});

test('shutDown wakes waiting workers with undefined but still drains queued keys', async () => {
  const q = new WorkQueue();
  const waiting = q.get();
  q.shutDown();
  assert.equal(await waiting, undefined);
  const q2 = new WorkQueue();
  q2.add('left');
  q2.shutDown();
  q2.add('ignored');
  assert.equal(await q2.get(), 'left');
  assert.equal(await q2.get(), undefined);
  assert.ok(q2.shuttingDown());
});

test('shutDownWithDrain resolves once keys in processing are done', async () => {
  const q = new WorkQueue();
  q.add('a');
  await q.get();
  let drained = false;
  const p = q.shutDownWithDrain().then(() => { drained = true; });
  await new Promise((r) => setImmediate(r));
  assert.equal(drained, false);
  q.done('a');
  await p;
  assert.equal(drained, true);
});

test('addAfter adds the key once the clock passes its delay, keeping the earlier of two delays', async () => {
  const clock = new FakeClock();
  const q = new DelayingQueue({ clock });
  q.addAfter('slow', 1000);
  q.addAfter('fast', 100);
  q.addAfter('slow', 50);
  q.addAfter('slow', 5000);
  q.addAfter('now', 0);
  assert.equal(q.len(), 1);
  assert.equal(await q.get(), 'now');
  clock.step(49);
  assert.equal(q.len(), 0);
  clock.step(1);
  assert.equal(q.len(), 1);
  assert.equal(await q.get(), 'slow');
  clock.step(50);
  assert.equal(await q.get(), 'fast');
  assert.equal(q.waitingLen(), 0);
  clock.step(10_000);
  assert.equal(q.len(), 0, 'the later duplicate was merged into the earlier one');
  q.shutDown();
});

test('shutDown drops waiting keys and their timer', () => {
  const clock = new FakeClock();
  const q = new DelayingQueue({ clock });
  q.addAfter('a', 10);
  assert.equal(clock.pending, 1);
  q.shutDown();
  assert.equal(clock.pending, 0);
  clock.step(100);
  assert.equal(q.len(), 0);
});
