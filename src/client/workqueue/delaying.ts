// client-go's DelayingInterface: addAfter(key, ms) puts a key in the queue once its delay has
// passed. A key waiting twice keeps the earlier time. One timer, on the injectable clock, is armed
// for the earliest entry.

import { realClock } from '../clock.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import { WorkQueue } from './queue.ts';

interface Waiting { key: string; readyAt: number; seq: number }

/** A binary min-heap of waiting keys by readyAt (then insertion order), with an index by key. */
class WaitingHeap {
  private readonly heap: Waiting[] = [];
  private readonly pos = new Map<string, number>();
  private seq = 0;

  get size(): number { return this.heap.length; }
  peek(): Waiting | undefined { return this.heap[0]; }
  get(key: string): Waiting | undefined {
    const i = this.pos.get(key);
    return i === undefined ? undefined : this.heap[i];
  }

  push(key: string, readyAt: number): void {
    const w: Waiting = { key, readyAt, seq: this.seq++ };
    this.heap.push(w);
    this.pos.set(key, this.heap.length - 1);
    this.up(this.heap.length - 1);
  }

  /** Moves an existing entry earlier. */
  decrease(key: string, readyAt: number): void {
    const i = this.pos.get(key);
    if (i === undefined) return;
    (this.heap[i] as Waiting).readyAt = readyAt;
    this.up(i);
  }

  pop(): Waiting | undefined {
    const top = this.heap[0];
    if (!top) return undefined;
    const last = this.heap.pop() as Waiting;
    this.pos.delete(top.key);
    if (this.heap.length) {
      this.heap[0] = last;
      this.pos.set(last.key, 0);
      this.down(0);
    }
    return top;
  }

  clear(): void {
    this.heap.length = 0;
    this.pos.clear();
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a] as Waiting;
    const y = this.heap[b] as Waiting;
    return x.readyAt < y.readyAt || (x.readyAt === y.readyAt && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const x = this.heap[a] as Waiting;
    const y = this.heap[b] as Waiting;
    this.heap[a] = y;
    this.heap[b] = x;
    this.pos.set(y.key, a);
    this.pos.set(x.key, b);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.heap.length && this.less(l, m)) m = l;
      if (r < this.heap.length && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}

export class DelayingQueue extends WorkQueue {
  protected readonly clock: Clock;
  private readonly waiting = new WaitingHeap();
  private timer: TimerHandle | undefined;
  private timerAt = 0;

  constructor(opts: { clock?: Clock } = {}) {
    super();
    this.clock = opts.clock ?? realClock;
  }

  /** Adds the key after `ms` milliseconds (at once when ms <= 0). */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown()) return;
    if (ms <= 0) { this.add(key); return; }
    const readyAt = this.clock.now() + ms;
    const existing = this.waiting.get(key);
    if (existing) {
      if (readyAt < existing.readyAt) this.waiting.decrease(key, readyAt);
    } else {
      this.waiting.push(key, readyAt);
    }
    this.arm();
  }

  /** Keys waiting for their delay to pass. */
  waitingLen(): number {
    return this.waiting.size;
  }

  private arm(): void {
    const next = this.waiting.peek();
    if (!next) return;
    if (this.timer !== undefined) {
      if (this.timerAt <= next.readyAt) return;
      this.clock.clearTimeout(this.timer);
    }
    this.timerAt = next.readyAt;
    this.timer = this.clock.setTimeout(() => this.fire(), next.readyAt - this.clock.now());
  }

  private fire(): void {
    this.timer = undefined;
    const now = this.clock.now();
    for (let w = this.waiting.peek(); w && w.readyAt <= now; w = this.waiting.peek()) {
      this.waiting.pop();
      this.add(w.key);
    }
    this.arm();
  }

  override shutDown(): void {
    super.shutDown();
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.clear();
  }
}
