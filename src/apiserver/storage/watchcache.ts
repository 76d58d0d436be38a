// The per-resource watch cache: LIST and WATCH are served from memory at a known revision,
// storage sees writes and the initial list (k8s.io/apiserver/pkg/storage/cacher).

import { gone } from '../../api/errors.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Store, WatchEvent, Watcher } from '../../storage/interface.ts';
import { CompactedError } from '../../storage/interface.ts';
import { forgetJSON, plainCodec } from './codec.ts';
import type { Codec } from './codec.ts';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface CacheEvent {
  type: EventType;
  key: string;
  /** The object after the event (for DELETED: its last state, with the deletion revision). */
  obj: KubeObject;
  prevObj?: KubeObject;
  rv: number;
}

export interface CacheSubscriber {
  /** Called with events in revision order. Must not throw. */
  onEvents(events: CacheEvent[]): void;
  /** Called when the cache's revision advances without events for this resource. */
  onProgress?(rv: number): void;
}

export interface Subscription { close(): void }

export interface WatchCacheOptions {
  /** How many recent events to keep for watches that resume from a resourceVersion. */
  capacity?: number;
  log?: (msg: string, err?: unknown) => void;
  codec?: Codec;
}

export class WatchCache {
  readonly prefix: string;
  /** Objects by storage key; each object is immutable once cached. */
  readonly objects = new Map<string, KubeObject>();
  /** The revision the cache reflects. */
  rv = 0;
  private readonly store: Store;
  private readonly capacity: number;
  private readonly ring: CacheEvent[] = [];
  private ringStart = 0;
  /** Lowest revision a watch may resume from without missing events. */
  private oldestResumable = 0;
  private readonly subscribers = new Set<CacheSubscriber>();
  private readonly waiters: { rv: number; resolve: () => void }[] = [];
  private watcher: Watcher | undefined;
  private stopped = false;
  private readonly log: (msg: string, err?: unknown) => void;
  private sortedKeys: string[] | undefined;
  private readonly codec: Codec;

  constructor(store: Store, prefix: string, opts: WatchCacheOptions = {}) {
    this.store = store;
    this.prefix = prefix;
    this.capacity = opts.capacity ?? 20_000;
    this.log = opts.log ?? (() => {});
    this.codec = opts.codec ?? plainCodec;
  }

  async start(): Promise<void> {
    const res = await this.store.list(this.prefix);
    this.objects.clear();
    for (const kv of res.items) this.objects.set(kv.key, Object.freeze(this.codec.decode(kv)) as KubeObject);
    this.sortedKeys = undefined;
    this.rv = res.revision;
    this.oldestResumable = res.revision;
    this.ring.length = 0;
    this.ringStart = 0;
    this.watchFrom(res.revision);
  }

  private watchFrom(rev: number): void {
    if (this.stopped) return;
    this.watcher = this.store.watch(this.prefix, rev, {
      onEvents: (evs) => this.apply(evs),
      onError: (err) => this.onWatchError(err),
      onProgress: (r) => this.progress(r),
    });
  }

  private onWatchError(err: Error): void {
    if (this.stopped) return;
    this.log(`watch cache ${this.prefix}: storage watch ended, relisting`, err);
    void this.relist(err instanceof CompactedError);
  }

  /** Relists after a broken storage watch, turning the difference into events. */
  private async relist(_compacted: boolean, attempt = 0): Promise<void> {
    try {
      const res = await this.store.list(this.prefix);
      const events: CacheEvent[] = [];
      const seen = new Set<string>();
      for (const kv of res.items) {
        seen.add(kv.key);
        const prev = this.objects.get(kv.key);
        if (prev && prev.metadata.resourceVersion === String(kv.modRevision)) continue;
        const obj = Object.freeze(this.codec.decode(kv)) as KubeObject;
        events.push({ type: prev ? 'MODIFIED' : 'ADDED', key: kv.key, obj, prevObj: prev, rv: res.revision });
      }
      for (const [key, prev] of this.objects) {
        if (seen.has(key)) continue;
        const obj = Object.freeze({ ...prev, metadata: { ...prev.metadata, resourceVersion: String(res.revision) } }) as KubeObject;
        events.push({ type: 'DELETED', key, obj, prevObj: prev, rv: res.revision });
      }
      // Watchers resuming below this point could have missed intermediate states.
      this.oldestResumable = res.revision;
      this.ring.length = 0;
      this.ringStart = 0;
      this.commit(events, res.revision);
      this.watchFrom(res.revision);
    } catch (err) {
      if (this.stopped) return;
      const delay = Math.min(5000, 100 * 2 ** attempt);
      this.log(`watch cache ${this.prefix}: relist failed, retrying in ${delay}ms`, err);
      setTimeout(() => void this.relist(false, attempt + 1), delay).unref();
    }
  }

  private apply(evs: WatchEvent[]): void {
    const out: CacheEvent[] = [];
    let rev = this.rv;
    for (const ev of evs) {
      if (ev.kv.modRevision <= this.rv) continue; // duplicate after relist
      rev = ev.kv.modRevision;
      const prevObj = this.objects.get(ev.kv.key);
      if (ev.type === 'DELETE') {
        const base = prevObj ?? (ev.prevKv ? this.codec.decode(ev.prevKv) : this.codec.decode(ev.kv));
        const obj = Object.freeze({ ...base, metadata: { ...base.metadata, resourceVersion: String(rev) } }) as KubeObject;
        out.push({ type: 'DELETED', key: ev.kv.key, obj, prevObj: base, rv: rev });
      } else {
        const obj = Object.freeze(this.codec.decode(ev.kv)) as KubeObject;
        out.push({ type: prevObj ? 'MODIFIED' : 'ADDED', key: ev.kv.key, obj, prevObj, rv: rev });
      }
    }
    this.commit(out, rev);
  }

  private commit(events: CacheEvent[], rev: number): void {
    for (const ev of events) {
      if (ev.type === 'DELETED') {
        if (this.objects.delete(ev.key)) this.sortedKeys = undefined;
      } else {
        if (!this.objects.has(ev.key)) this.sortedKeys = undefined;
        this.objects.set(ev.key, ev.obj);
      }
      this.pushRing(ev);
    }
    if (rev > this.rv) this.rv = rev;
    if (events.length > 0) {
      for (const s of this.subscribers) s.onEvents(events);
      for (const ev of events) forgetJSON(ev.obj);
    }
    this.releaseWaiters();
  }

  private progress(rev: number): void {
    if (rev <= this.rv) return;
    this.rv = rev;
    for (const s of this.subscribers) s.onProgress?.(rev);
    this.releaseWaiters();
  }

  private pushRing(ev: CacheEvent): void {
    if (this.ring.length - this.ringStart >= this.capacity) {
      const dropped = this.ring[this.ringStart];
      this.ringStart++;
      if (dropped) this.oldestResumable = Math.max(this.oldestResumable, dropped.rv);
      if (this.ringStart > 4096 && this.ringStart * 2 > this.ring.length) {
        this.ring.splice(0, this.ringStart);
        this.ringStart = 0;
      }
    }
    this.ring.push(ev);
  }

  private releaseWaiters(): void {
    if (this.waiters.length === 0) return;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i];
      if (w && w.rv <= this.rv) { this.waiters.splice(i, 1); w.resolve(); }
    }
  }

  /** Resolves true once the cache has reached rv, false after timeoutMs. */
  waitFor(rv: number, timeoutMs: number): Promise<boolean> {
    if (rv <= this.rv) return Promise.resolve(true);
    return new Promise((resolve) => {
      const w = { rv, resolve: () => { clearTimeout(t); resolve(true); } };
      const t = setTimeout(() => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** Keys in sorted order (cached until the key set changes). */
  keys(): string[] {
    if (!this.sortedKeys) this.sortedKeys = [...this.objects.keys()].sort();
    return this.sortedKeys;
  }

  /** Objects whose keys start with prefix (e.g. one namespace), in key order, by binary search. */
  withPrefix(prefix: string): KubeObject[] {
    const keys = this.keys();
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] as string) < prefix) lo = mid + 1; else hi = mid;
    }
    const out: KubeObject[] = [];
    for (let i = lo; i < keys.length; i++) {
      const k = keys[i] as string;
      if (!k.startsWith(prefix)) break;
      out.push(this.objects.get(k) as KubeObject);
    }
    return out;
  }

  /**
   * Subscribes to events after fromRV. fromRV undefined: from now, after `initial` is called
   * synchronously with the current objects (for watches that start with the current state).
   * Throws 410 Gone when fromRV is older than the events the cache still holds.
   */
  subscribe(sub: CacheSubscriber, fromRV: number | undefined, initial?: (objs: KubeObject[], rv: number) => void, prefix = this.prefix): Subscription {
    if (fromRV === undefined) {
      initial?.(this.withPrefix(prefix), this.rv);
    } else if (fromRV < this.rv) {
      if (fromRV < this.oldestResumable) {
        throw gone(`too old resource version: ${fromRV} (${this.oldestResumable})`);
      }
      const backlog: CacheEvent[] = [];
      for (let i = this.ringStart; i < this.ring.length; i++) {
        const ev = this.ring[i];
        if (ev && ev.rv > fromRV) backlog.push(ev);
      }
      if (backlog.length > 0) sub.onEvents(backlog);
    }
    this.subscribers.add(sub);
    return { close: () => { this.subscribers.delete(sub); } };
  }

  get watcherCount(): number { return this.subscribers.size; }

  stop(): void {
    this.stopped = true;
    this.watcher?.close();
    this.subscribers.clear();
    for (const w of this.waiters.splice(0)) w.resolve();
  }
}
