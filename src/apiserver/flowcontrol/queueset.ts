// One priority level's seats and queues (upstream's fairqueuing/queueset): requests beyond the
// level's concurrency limit wait in one of `queues` FIFO queues, chosen by shuffle sharding of
// their flow; as seats free up, the waiting request of the queue with the smallest virtual
// dispatch time goes next (fair queuing over virtual time: each queue is charged an estimate of a
// request's service time when it dispatches one, corrected by the actual time when it finishes).
// Every request takes one seat (upstream's work estimator widens big LISTs; we do not).

import { tooManyRequests } from '../../api/errors.ts';
import type { StatusError } from '../../api/errors.ts';
import { dealHand } from './shuffle.ts';

export interface QueueSetConfig {
  /** Seats: how many requests of this level may execute at once. */
  concurrencyLimit: number;
  /** 'Reject': no queues, 429 at once when the seats are taken. */
  limitResponse: 'Queue' | 'Reject';
  queues: number;
  handSize: number;
  queueLengthLimit: number;
}

/** What a queued request waits on; resolves with the queue that was charged for it. */
interface Waiter {
  queue: Queue;
  resolve(q: Queue): void;
  reject(err: StatusError): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Still waiting (false once dispatched, timed out or cancelled). */
  waiting: boolean;
}

/** One FIFO queue; `nextDispatchR` is the virtual time of its next dispatch. */
export class Queue {
  readonly waiters: Waiter[] = [];
  /** Index of the first waiter still in `waiters` (a cheap FIFO without shift()). */
  head = 0;
  executing = 0;
  nextDispatchR = 0;
  /** False once a reconfiguration dropped this queue (its executing requests still finish). */
  attached = true;
  get length(): number { return this.waiters.length - this.head; }
  get active(): boolean { return this.length > 0 || this.executing > 0; }
}

/** upstream's estimate of a request's service time before it is known, in seconds. */
const ESTIMATED_SERVICE_SECONDS = 3;
/** How long a request may wait in a queue (upstream: a quarter of the 60 s request timeout). */
export const DEFAULT_QUEUE_WAIT_MS = 15_000;

export interface QueueSetStats {
  executing: number;
  waiting: number;
  activeQueues: number;
  dispatched: number;
  rejected: number;
  timedOut: number;
  cancelled: number;
}

export class QueueSet {
  private config: QueueSetConfig;
  private queues: Queue[] = [];
  private readonly hand: number[] = [];
  /** Virtual time (seat-seconds per active queue) and the real time (ms) it was last advanced to. */
  private virtualR = 0;
  private lastRealMs: number;
  private executingCount = 0;
  private waitingCount = 0;
  private activeQueueCount = 0;
  readonly stats = { dispatched: 0, rejected: 0, timedOut: 0, cancelled: 0 };
  private readonly now: () => number;
  private readonly maxWaitMs: number;

  constructor(config: QueueSetConfig, opts: { now?: () => number; maxWaitMs?: number } = {}) {
    this.now = opts.now ?? (() => performance.now());
    this.maxWaitMs = opts.maxWaitMs ?? DEFAULT_QUEUE_WAIT_MS;
    this.lastRealMs = this.now();
    this.config = config;
    this.resize(config);
  }

  get executing(): number { return this.executingCount; }
  get waiting(): number { return this.waitingCount; }
  get concurrencyLimit(): number { return this.config.concurrencyLimit; }

  snapshot(): QueueSetStats {
    return { executing: this.executingCount, waiting: this.waitingCount, activeQueues: this.activeQueueCount, ...this.stats };
  }

  /** Applies a new configuration; waiting requests stay queued (moved when the queue count shrinks). */
  reconfigure(config: QueueSetConfig): void {
    this.advance();
    const old = this.config;
    this.config = config;
    if (old.queues !== config.queues || old.limitResponse !== config.limitResponse) this.resize(config);
    this.dispatchAsMuchAsPossible();
  }

  private resize(config: QueueSetConfig): void {
    const old = this.queues;
    const n = config.limitResponse === 'Queue' ? Math.max(1, config.queues) : 0;
    const next: Queue[] = [];
    for (let i = 0; i < n; i++) next.push(old[i] ?? new Queue());
    for (let i = n; i < old.length; i++) {
      const q = old[i];
      if (!q) continue;
      q.attached = false;
      // Its waiters move to a remaining queue, in order; with no queues left (now Reject) they are refused.
      for (let j = q.head; j < q.waiters.length; j++) {
        const w = q.waiters[j];
        if (!w?.waiting) continue;
        const target = next[j % Math.max(1, n)];
        if (target) { w.queue = target; target.waiters.push(w); } else this.refuse(w, 'rejected');
      }
      q.waiters.length = 0;
      q.head = 0;
    }
    this.queues = next;
    this.activeQueueCount = 0;
    for (const q of next) if (q.active) this.activeQueueCount++;
  }

  /**
   * Admits a request of the flow with this hash: the queue charged for it when a seat is free now,
   * a promise of it when the request must wait; throws (or rejects with) 429 when refused.
   * onCancel registers a callback for a client that goes away while waiting.
   */
  admit(hash: number, onCancel?: (cancel: () => void) => void): Queue | Promise<Queue> {
    this.advance();
    const c = this.config;
    if (c.limitResponse === 'Reject' || this.queues.length === 0) {
      if (this.executingCount < c.concurrencyLimit) return this.start(this.detachedQueue);
      this.stats.rejected++;
      throw tooMany();
    }
    const q = this.chooseQueue(hash);
    if (this.waitingCount === 0 && this.executingCount < c.concurrencyLimit) {
      if (!q.active) this.becameActive(q);
      this.charge(q);
      return this.start(q);
    }
    if (q.length >= c.queueLengthLimit) {
      this.stats.rejected++;
      throw tooMany();
    }
    return new Promise<Queue>((resolve, reject) => {
      const w: Waiter = { queue: q, resolve, reject, timer: undefined, waiting: true };
      if (!q.active) this.becameActive(q);
      q.waiters.push(w);
      this.waitingCount++;
      w.timer = setTimeout(() => { if (w.waiting) { this.stats.timedOut++; this.remove(w); w.reject(tooMany()); } }, this.maxWaitMs);
      w.timer.unref?.();
      onCancel?.(() => { if (w.waiting) { this.stats.cancelled++; this.remove(w); w.reject(tooMany()); } });
      this.dispatchAsMuchAsPossible();
    });
  }

  /** A request admitted through q finished after startedMs (this set's clock). */
  finish(q: Queue, startedMs: number): void {
    this.advance();
    this.executingCount--;
    q.executing--;
    if (q !== this.detachedQueue) {
      // Correct the estimate charged at dispatch by the actual service time.
      q.nextDispatchR -= ESTIMATED_SERVICE_SECONDS - (this.now() - startedMs) / 1000;
      if (q.attached && !q.active) this.activeQueueCount--;
    }
    this.dispatchAsMuchAsPossible();
  }

  clock(): number { return this.now(); }

  /** Reject levels charge no queue. */
  private readonly detachedQueue = new Queue();

  private chooseQueue(hash: number): Queue {
    const n = this.queues.length;
    const handSize = Math.min(this.config.handSize, n);
    dealHand(hash, n, handSize, this.hand);
    let best: Queue | undefined;
    let bestLen = Infinity;
    for (let i = 0; i < handSize; i++) {
      const q = this.queues[this.hand[i] ?? 0];
      if (!q) continue;
      const len = q.length + q.executing;
      if (len < bestLen) { best = q; bestLen = len; }
    }
    return best ?? (this.queues[0] as Queue);
  }

  private becameActive(q: Queue): void {
    this.activeQueueCount++;
    // An idle queue starts at the present virtual time: no credit for having been idle.
    if (q.nextDispatchR < this.virtualR) q.nextDispatchR = this.virtualR;
  }

  private charge(q: Queue): void { q.nextDispatchR += ESTIMATED_SERVICE_SECONDS; }

  private start(q: Queue): Queue {
    this.executingCount++;
    q.executing++;
    this.stats.dispatched++;
    return q;
  }

  /** Advances virtual time: it runs at min(seats wanted, seats) / active queues per real second. */
  private advance(): void {
    const now = this.now();
    const dt = (now - this.lastRealMs) / 1000;
    this.lastRealMs = now;
    if (dt <= 0 || this.activeQueueCount === 0) return;
    const wanted = this.executingCount + this.waitingCount;
    this.virtualR += (dt * Math.min(wanted, this.config.concurrencyLimit)) / this.activeQueueCount;
  }

  private dispatchAsMuchAsPossible(): void {
    while (this.waitingCount > 0 && this.executingCount < this.config.concurrencyLimit) {
      let best: Queue | undefined;
      for (const q of this.queues) {
        if (q.length > 0 && (!best || q.nextDispatchR < best.nextDispatchR)) best = q;
      }
      if (!best) return;
      const w = best.waiters[best.head];
      if (!w) return;
      this.dequeue(best);
      this.charge(best);
      best.executing++; // stays active: no change to activeQueueCount
      this.executingCount++;
      this.stats.dispatched++;
      w.resolve(best);
    }
  }

  /** Takes the head waiter off q. */
  private dequeue(q: Queue): void {
    const w = q.waiters[q.head];
    if (w) { w.waiting = false; if (w.timer) clearTimeout(w.timer); }
    q.head++;
    this.waitingCount--;
    this.compact(q);
  }

  /** Removes a waiter (timed out or cancelled) from the middle of its queue. */
  private remove(w: Waiter): void {
    w.waiting = false;
    if (w.timer) clearTimeout(w.timer);
    const q = w.queue;
    const i = q.waiters.indexOf(w, q.head);
    if (i >= 0) q.waiters.splice(i, 1);
    this.waitingCount--;
    this.compact(q);
    if (q.attached && !q.active) this.activeQueueCount--;
    this.dispatchAsMuchAsPossible();
  }

  private refuse(w: Waiter, why: 'rejected'): void {
    w.waiting = false;
    if (w.timer) clearTimeout(w.timer);
    this.waitingCount--;
    this.stats[why]++;
    w.reject(tooMany());
  }

  private compact(q: Queue): void {
    if (q.head === q.waiters.length) { q.waiters.length = 0; q.head = 0; } else if (q.head > 64 && q.head * 2 > q.waiters.length) {
      q.waiters.splice(0, q.head);
      q.head = 0;
    }
  }
}

function tooMany(): StatusError {
  return tooManyRequests('Too many requests, please try again later.', 1);
}
