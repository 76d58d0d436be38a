import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStatusError } from '../../api/errors.ts';
import { QueueSet } from './queueset.ts';
import type { Queue } from './queueset.ts';
import { flowHash } from './shuffle.ts';

const cfg = (concurrencyLimit: number, queues = 8, handSize = 2, queueLengthLimit = 10) =>
  ({ concurrencyLimit, limitResponse: 'Queue' as const, queues, handSize, queueLengthLimit });

/** A fake clock the test advances. */
function clock(): { now: () => number; tick(ms: number): void } {
  let t = 0;
  return { now: () => t, tick: (ms) => { t += ms; } };
}

function is429(err: unknown): boolean {
  return isStatusError(err) && err.code === 429 && err.toStatus().details?.retryAfterSeconds === 1;
}

const settle = () => new Promise((r) => setImmediate(r));

test('within the limit requests start at once; past it they wait and go in order as seats free up', async () => {
  const c = clock();
  const qs = new QueueSet(cfg(2), { now: c.now });
  const h = flowHash('fs', 'alice');
  const a = qs.admit(h);
  const b = qs.admit(h);
  assert.ok(!(a instanceof Promise) && !(b instanceof Promise));
  const order: string[] = [];
  const waiting = ['c', 'd', 'e'].map((name) => {
    const p = qs.admit(h);
    assert.ok(p instanceof Promise);
    return p.then((q) => { order.push(name); return q; });
  });
  assert.equal(qs.waiting, 3);
  assert.equal(qs.executing, 2);
  await settle();
  assert.deepEqual(order, []);
  c.tick(10);
  qs.finish(a, 0);
  await settle();
  assert.deepEqual(order, ['c']);
  qs.finish(b, 0);
  await settle();
  assert.deepEqual(order, ['c', 'd']);
  const cq = await waiting[0] as Queue;
  qs.finish(cq, 0);
  await Promise.all(waiting);
  assert.deepEqual(order, ['c', 'd', 'e']);
  assert.equal(qs.waiting, 0);
  assert.equal(qs.executing, 2);
  assert.equal(qs.snapshot().dispatched, 5);
});

test('a full queue refuses with 429 and Retry-After', () => {
  const qs = new QueueSet(cfg(1, 1, 1, 2));
  const h = flowHash('fs', 'bob');
  qs.admit(h);
  const queued = [qs.admit(h), qs.admit(h)];
  for (const p of queued) { assert.ok(p instanceof Promise); p.catch(() => {}); }
  assert.throws(() => qs.admit(h), is429);
  assert.equal(qs.snapshot().rejected, 1);
});

test('a Reject level answers 429 at once when its seats are taken', () => {
  const qs = new QueueSet({ concurrencyLimit: 1, limitResponse: 'Reject', queues: 0, handSize: 0, queueLengthLimit: 0 });
  const q = qs.admit(1);
  assert.ok(!(q instanceof Promise));
  assert.throws(() => qs.admit(1), is429);
  qs.finish(q, 0);
  assert.ok(!(qs.admit(1) instanceof Promise));
});

test('a request that waits too long is refused with 429 and leaves its queue', async () => {
  const qs = new QueueSet(cfg(1), { maxWaitMs: 30 });
  qs.admit(7);
  const p = qs.admit(7);
  assert.ok(p instanceof Promise);
  await assert.rejects(p, is429);
  assert.equal(qs.waiting, 0);
  assert.equal(qs.snapshot().timedOut, 1);
});

test('a request whose client went away is taken out of its queue', async () => {
  const qs = new QueueSet(cfg(1));
  const first = qs.admit(7);
  let cancel: (() => void) | undefined;
  const p = qs.admit(7, (c) => { cancel = c; });
  assert.ok(p instanceof Promise && cancel && !(first instanceof Promise));
  const later = qs.admit(7);
  cancel();
  await assert.rejects(p, is429);
  assert.equal(qs.waiting, 1);
  assert.equal(qs.snapshot().cancelled, 1);
  qs.finish(first, 0);
  assert.ok((await later) !== undefined);
});

test('fair queuing: a light flow is not stuck behind a heavy flow\'s backlog', async () => {
  const c = clock();
  // One seat; the heavy and the light flow land on different queues (handSize 1 of 64 queues).
  const qs = new QueueSet(cfg(1, 64, 1, 100), { now: c.now });
  const heavy = flowHash('fs', 'heavy');
  let light = flowHash('fs', 'light');
  for (let i = 0; flowQueue(qs, light) === flowQueue(qs, heavy); i++) light = flowHash('fs', `light${i}`);
  const started: Queue[] = [qs.admit(heavy) as Queue];
  const order: string[] = [];
  const all: Promise<unknown>[] = [];
  const enqueue = (hash: number, name: string): void => {
    all.push((qs.admit(hash) as Promise<Queue>).then((q) => { order.push(name); started.push(q); }));
  };
  for (let i = 0; i < 20; i++) enqueue(heavy, 'heavy');
  enqueue(light, 'light');
  // Each request holds the only seat for 1 s.
  for (let i = 0; i < 21; i++) {
    c.tick(1000);
    qs.finish(started[i] as Queue, c.now() - 1000);
    await settle();
    assert.equal(order.length, i + 1);
  }
  await Promise.all(all);
  const lightAt = order.indexOf('light');
  assert.ok(lightAt >= 0 && lightAt <= 1, `the light flow went ${lightAt + 1}th: ${order.join(',')}`);
});

function flowQueue(qs: QueueSet, hash: number): Queue {
  // Admit and finish at once to see which queue a flow lands on (charged, then refunded in full).
  const q = qs.admit(hash);
  if (q instanceof Promise) throw new Error('expected a free seat');
  qs.finish(q, qs.clock() - 3000);
  return q;
}
