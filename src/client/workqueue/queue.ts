// The work queue of client-go's util/workqueue: string keys, FIFO, and the dirty/processing sets
// that make it safe for controllers. A key is never handed to two workers at once; a key added
// while being processed is queued again once done() is called; adding a queued key is a no-op.

export class WorkQueue {
  /** Keys waiting to be handed out, in order (items[head..] are live). */
  private items: string[] = [];
  private head = 0;
  /** Keys that need processing: queued, or added again while processing. */
  private readonly dirty = new Set<string>();
  /** Keys handed out by get() and not yet done(). */
  private readonly processing = new Set<string>();
  private readonly waiters: ((key: string | undefined) => void)[] = [];
  private drainWaiters: (() => void)[] = [];
  private shutting = false;

  add(key: string): void {
    if (this.shutting || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.push(key);
  }

  private push(key: string): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      this.dirty.delete(key);
      this.processing.add(key);
      waiter(key);
      return;
    }
    this.items.push(key);
  }

  /** Keys waiting to be handed out. */
  len(): number {
    return this.items.length - this.head;
  }

  /**
   * The next key, waiting for one if the queue is empty. Resolves undefined once the queue is
   * shut down and has nothing left to hand out. Call done(key) when finished with it.
   */
  get(): Promise<string | undefined> {
    if (this.len() > 0) {
      const key = this.items[this.head] as string;
      this.head++;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      this.dirty.delete(key);
      this.processing.add(key);
      return Promise.resolve(key);
    }
    if (this.shutting) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Marks a key finished; if it was added meanwhile it goes back in the queue. */
  done(key: string): void {
    if (!this.processing.delete(key)) return;
    if (this.dirty.has(key)) this.push(key);
    if (this.processing.size === 0 && this.drainWaiters.length) {
      const ws = this.drainWaiters;
      this.drainWaiters = [];
      for (const w of ws) w();
    }
  }

  /** Stops accepting keys; workers blocked in get() receive undefined. Queued keys are still handed out. */
  shutDown(): void {
    this.shutting = true;
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  /** Shuts down and resolves once every key handed out so far is done(). */
  shutDownWithDrain(): Promise<void> {
    this.shutDown();
    if (this.processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  shuttingDown(): boolean {
    return this.shutting;
  }

  /** True while the key is queued or waiting to be requeued after processing. */
  isDirty(key: string): boolean {
    return this.dirty.has(key);
  }

  isProcessing(key: string): boolean {
    return this.processing.has(key);
  }
}
