// The worker loop every controller runs (upstream's processNextWorkItem): N workers take keys from
// a rate-limited queue and call a level-based reconcile(key). A thrown error requeues the key with
// backoff; { requeueAfter } puts it back after that delay; success forgets its failure history.

import { RateLimitingQueue } from '../../client/index.ts';
import type { Clock } from '../../client/index.ts';
import type { WorkqueueMetrics } from './metrics.ts';

export interface ReconcileResult {
  /** Look at this key again after this many milliseconds (level-based periodic checks). */
  requeueAfter?: number;
}

export type Reconcile = (key: string) => Promise<ReconcileResult | void>;

export interface ReconcileLoopOptions {
  /** The queue's name, as upstream names it (the `name` label of the workqueue metrics). */
  name: string;
  reconcile: Reconcile;
  metrics?: WorkqueueMetrics;
  clock?: Clock;
  /** Called with errors (after the key is requeued). */
  onError?: (key: string, err: unknown) => void;
}

export class ReconcileLoop {
  readonly name: string;
  readonly queue: RateLimitingQueue;
  private readonly reconcile: Reconcile;
  private readonly metrics: WorkqueueMetrics | undefined;
  private readonly onError: (key: string, err: unknown) => void;
  private readonly addedAt = new Map<string, number>();
  private workers: Promise<void>[] = [];

  constructor(o: ReconcileLoopOptions) {
    this.name = o.name;
    this.queue = new RateLimitingQueue({ clock: o.clock });
    this.reconcile = o.reconcile;
    this.metrics = o.metrics;
    this.metrics?.register(this.name, this.queue);
    this.onError = o.onError ?? ((key, err) => {
      process.stderr.write(`${this.name}: error syncing ${key}: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  }

  add(key: string): void {
    if (this.queue.shuttingDown()) return;
    if (!this.queue.isDirty(key)) {
      this.metrics?.added(this.name);
      if (!this.addedAt.has(key)) this.addedAt.set(key, performance.now());
    }
    this.queue.add(key);
  }

  addAfter(key: string, ms: number): void {
    if (this.queue.shuttingDown()) return;
    this.metrics?.added(this.name);
    this.queue.addAfter(key, ms);
  }

  /** Starts the workers; they run until stop(). */
  start(workers: number): void {
    for (let i = 0; i < Math.max(1, workers); i++) this.workers.push(this.work());
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      const queuedAt = this.addedAt.get(key);
      this.addedAt.delete(key);
      if (queuedAt !== undefined) this.metrics?.queued(this.name, (performance.now() - queuedAt) / 1000);
      const start = performance.now();
      try {
        const res = await this.reconcile(key);
        this.queue.forget(key);
        if (res?.requeueAfter !== undefined && res.requeueAfter >= 0) this.queue.addAfter(key, res.requeueAfter);
      } catch (err) {
        this.metrics?.retried(this.name);
        this.queue.addRateLimited(key);
        this.onError(key, err);
      } finally {
        this.metrics?.worked(this.name, (performance.now() - start) / 1000);
        this.queue.done(key);
      }
    }
  }

  /** Stops taking keys and waits for the keys in hand to finish. */
  async stop(): Promise<void> {
    this.queue.shutDown();
    await this.queue.shutDownWithDrain();
    await Promise.all(this.workers);
    this.workers = [];
  }
}
