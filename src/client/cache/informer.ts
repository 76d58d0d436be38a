// client-go's SharedInformer: a reflector filling an indexer, and event handlers told about every
// change (onAdd/onUpdate/onDelete, with a DeletedFinalStateUnknown tombstone when a relist finds
// an object gone). Handlers may ask for a periodic resync that replays onUpdate for everything.
// Handlers run synchronously in arrival order; they should be quick (enqueue a key and return).

import { realClock } from '../clock.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import type { MetaObject } from '../object.ts';
import type { ListerWatcher } from './listwatch.ts';
import { Reflector } from './reflector.ts';
import type { ReflectorOptions, ReflectorStore } from './reflector.ts';
import { DeletedFinalStateUnknown, Indexer } from './store.ts';
import type { IndexFunc } from './store.ts';

export interface ResourceEventHandler<T> {
  /** isInInitialList: the object came with the first list (or predates this handler). */
  onAdd?(obj: T, isInInitialList: boolean): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void;
}

export interface HandlerRegistration {
  remove(): void;
  hasSynced(): boolean;
}

export interface SharedInformerOptions<T> extends ReflectorOptions {
  /** Default resync period for handlers (0: none). */
  resyncPeriodMs?: number;
  indexers?: Record<string, IndexFunc<T>>;
}

interface Listener<T> {
  handler: ResourceEventHandler<T>;
  resyncTimer: TimerHandle | undefined;
  removed: boolean;
}

export class SharedInformer<T extends MetaObject> implements ReflectorStore<T> {
  readonly indexer: Indexer<T>;
  private readonly reflector: Reflector<T>;
  private readonly clock: Clock;
  private readonly defaultResyncMs: number;
  private readonly listeners: Listener<T>[] = [];
  private readonly onError: (err: unknown, name: string) => void;
  private synced = false;
  private started = false;
  private stopped = false;
  private syncWaiters: ((ok: boolean) => void)[] = [];

  constructor(lw: ListerWatcher<T>, opts: SharedInformerOptions<T> = {}) {
    this.clock = opts.clock ?? realClock;
    this.defaultResyncMs = opts.resyncPeriodMs ?? 0;
    this.indexer = new Indexer<T>(opts.indexers ?? {});
    this.onError = opts.onError ?? ((err, name) => {
      process.stderr.write(`informer ${name}: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    });
    this.reflector = new Reflector<T>(lw, this, { ...opts, clock: this.clock });
  }

  get name(): string {
    return this.reflector.name;
  }

  /** Adds a handler. Objects already in the cache are replayed to it as adds. */
  addEventHandler(handler: ResourceEventHandler<T>, resyncPeriodMs = this.defaultResyncMs): HandlerRegistration {
    const l: Listener<T> = { handler, resyncTimer: undefined, removed: false };
    this.listeners.push(l);
    if (handler.onAdd) for (const obj of this.indexer.list()) this.call(() => handler.onAdd?.(obj, true));
    if (resyncPeriodMs > 0) this.scheduleResync(l, resyncPeriodMs);
    return {
      remove: () => {
        l.removed = true;
        if (l.resyncTimer !== undefined) this.clock.clearTimeout(l.resyncTimer);
        const i = this.listeners.indexOf(l);
        if (i >= 0) this.listeners.splice(i, 1);
      },
      hasSynced: () => this.synced,
    };
  }

  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    this.indexer.addIndexers(indexers);
  }

  private scheduleResync(l: Listener<T>, ms: number): void {
    l.resyncTimer = this.clock.setTimeout(() => {
      if (l.removed || this.stopped) return;
      if (this.synced && l.handler.onUpdate) {
        for (const obj of this.indexer.list()) this.call(() => l.handler.onUpdate?.(obj, obj));
      }
      this.scheduleResync(l, ms);
    }, ms);
  }

  /** Starts the reflector (once). */
  run(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.reflector.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const l of this.listeners) if (l.resyncTimer !== undefined) this.clock.clearTimeout(l.resyncTimer);
    for (const w of this.syncWaiters.splice(0)) w(false);
    await this.reflector.stop();
  }

  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves true once the first list is in the cache, false if stopped or aborted first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (this.stopped || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(ok);
      };
      const onAbort = (): void => {
        this.syncWaiters = this.syncWaiters.filter((w) => w !== done);
        resolve(false);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.syncWaiters.push(done);
    });
  }

  get lastSyncResourceVersion(): string {
    return this.reflector.lastSyncResourceVersion;
  }

  /** Lists completed so far (1 after the initial sync; more after relists). */
  get listCount(): number {
    return this.reflector.listCount;
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.onError(err, this.name);
    }
  }

  private each(fn: (h: ResourceEventHandler<T>) => void): void {
    for (const l of this.listeners) if (!l.removed) this.call(() => fn(l.handler));
  }

  // ReflectorStore: the reflector feeds these; handlers hear about each change.

  replace(items: T[], _resourceVersion: string): void {
    const initial = !this.synced;
    const old = new Map<string, T>();
    for (const k of this.indexer.listKeys()) old.set(k, this.indexer.getByKey(k) as T);
    this.indexer.replace(items);
    for (const obj of items) {
      const key = this.indexer.keyOf(obj);
      const prev = old.get(key);
      if (prev !== undefined) {
        old.delete(key);
        this.each((h) => h.onUpdate?.(prev, obj));
      } else {
        this.each((h) => h.onAdd?.(obj, initial));
      }
    }
    // Gone while we were not watching: the final state is unknown.
    for (const [key, prev] of old) {
      const tombstone = new DeletedFinalStateUnknown(key, prev);
      this.each((h) => h.onDelete?.(tombstone));
    }
    if (!this.synced) {
      this.synced = true;
      for (const w of this.syncWaiters.splice(0)) w(true);
    }
  }

  add(obj: T): void {
    const prev = this.indexer.get(obj);
    this.indexer.add(obj);
    if (prev !== undefined) this.each((h) => h.onUpdate?.(prev, obj));
    else this.each((h) => h.onAdd?.(obj, false));
  }

  update(obj: T): void {
    const prev = this.indexer.get(obj);
    this.indexer.update(obj);
    if (prev !== undefined) this.each((h) => h.onUpdate?.(prev, obj));
    else this.each((h) => h.onAdd?.(obj, false));
  }

  delete(obj: T): void {
    this.indexer.delete(obj);
    this.each((h) => h.onDelete?.(obj));
  }
}
