// The per-resource watch cache: LIST and WATCH are served from memory at a known revision,
// storage sees writes and the initial list (k8s.io/apiserver/pkg/storage/cacher).

import { gone } from '../../api/errors.ts';
import type { KubeObject } from '../../api/types.ts';
import type { KeyValue, Store, WatchEvent, Watcher } from '../../storage/interface.ts';
import { CompactedError } from '../../storage/interface.ts';
import { CachedObject, attrsOf, servedJSON } from './cached.ts';
import type { FieldsOf, ParsedMemo } from './cached.ts';
import { plainCodec } from './codec.ts';
import { Packer } from './packing.ts';
import type { Codec } from './codec.ts';

const NO_ATTRS = Object.freeze({ labels: undefined, fields: undefined });

/** Upstream's watch cache history: 75 s of events, at least 100 and at most 100 Ki of them. */
const EVENT_FRESH_MS = 75_000;
const MIN_EVENTS = 100;
const MAX_EVENTS = 100 * 1024;

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export class CacheEvent {
  readonly type: EventType;
  readonly key: string;
  /** The object after the event (for DELETED: its last state, with the deletion revision). */
  readonly entry: CachedObject;
  readonly prev: CachedObject | undefined;
  readonly rv: number;
  /** When the cache took the event (ms since the epoch). */
  readonly at = Date.now();
  constructor(type: EventType, key: string, entry: CachedObject, prev: CachedObject | undefined, rv: number) {
    this.type = type;
    this.key = key;
    this.entry = entry;
    this.prev = prev;
    this.rv = rv;
  }
  get obj(): KubeObject { return this.entry.obj; }
  get prevObj(): KubeObject | undefined { return this.prev?.obj; }
}

export interface CacheSubscriber {
  /** Called with events in revision order. Must not throw. */
  onEvents(events: CacheEvent[]): void;
  /** Called when the cache's revision advances without events for this resource. */
  onProgress?(rv: number): void;
}

export interface Subscription { close(): void }

export interface WatchCacheOptions {
  /** At most how many recent events to keep for watches that resume from a resourceVersion. */
  capacity?: number;
  /** How many parsed objects to keep (the most recently read ones). */
  parsedCapacity?: number;
  log?: (msg: string, err?: unknown) => void;
  codec?: Codec;
  /** The kind's selectable fields, kept beside each object for field selectors. */
  fieldsOf?: FieldsOf;
  /** Deflate entries a second or two after they were written (default true). */
  pack?: boolean;
}

/** Parsed forms of the most recently read objects (least recently used ones are dropped). */
class ParsedLRU implements ParsedMemo {
  private readonly entries = new Set<CachedObject>();
  private readonly capacity: number;
  constructor(capacity: number) { this.capacity = capacity; }
  touch(e: CachedObject): void {
    this.entries.delete(e);
    this.entries.add(e);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.values().next().value;
      if (oldest) { this.entries.delete(oldest); oldest.forgetParsed(); }
    }
  }
}

export class WatchCache {
  readonly prefix: string;
  /** Objects by storage key; each is immutable once cached. */
  readonly objects = new Map<string, CachedObject>();
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
  private readonly fieldsOf: FieldsOf | undefined;
  private readonly memo: ParsedLRU;
  private readonly packer: Packer | undefined;
  /** Objects this process is writing, by key: their events need not be parsed again. */
  private readonly writing = new Map<string, { value: string; obj: KubeObject }>();

  constructor(store: Store, prefix: string, opts: WatchCacheOptions = {}) {
    this.store = store;
    this.prefix = prefix;
    this.capacity = opts.capacity ?? MAX_EVENTS;
    this.log = opts.log ?? (() => {});
    this.codec = opts.codec ?? plainCodec;
    this.fieldsOf = opts.fieldsOf;
    this.memo = new ParsedLRU(opts.parsedCapacity ?? 256);
    this.packer = opts.pack === false ? undefined : new Packer();
  }

  /** Packs every entry waiting to be packed now. */
  packNow(): void { this.packer?.flush(); }

  /** The cached object at key, parsed. */
  get(key: string): KubeObject | undefined { return this.objects.get(key)?.obj; }

  /** Every cached object, parsed (for internal readers of small resources). */
  values(): KubeObject[] {
    const out: KubeObject[] = [];
    for (const e of this.objects.values()) out.push(e.obj);
    return out;
  }

  /**
   * Announces that this process is writing value (the encoding of obj) at key, so the cache takes
   * the object's attributes from obj instead of parsing the value when the event arrives.
   * Returns a function that withdraws the announcement once the write settled.
   */
  expectWrite(key: string, value: string, obj: KubeObject): () => void {
    const w = { value, obj };
    this.writing.set(key, w);
    return () => { if (this.writing.get(key) === w) this.writing.delete(key); };
  }

  /** A cache entry for a stored value at revision rev (also for reads that bypass the cache). */
  entryOf(kv: KeyValue, rev: number, selectable = true): CachedObject {
    const rest = kv.key.slice(this.prefix.length);
    const slash = rest.indexOf('/');
    const namespace = slash >= 0 ? rest.slice(0, slash) : '';
    const name = slash >= 0 ? rest.slice(slash + 1) : rest;
    const { json, rvAt } = servedJSON(this.codec.plain(kv), rev);
    if (!selectable) return new CachedObject(namespace, name, rev, json, rvAt, NO_ATTRS, undefined);
    const w = this.writing.get(kv.key);
    const source = w !== undefined && w.value === kv.value ? w.obj : (JSON.parse(json) as KubeObject);
    return new CachedObject(namespace, name, rev, json, rvAt, attrsOf(source, this.fieldsOf), this.memo);
  }

  async start(): Promise<void> {
    const res = await this.store.list(this.prefix);
    this.objects.clear();
    for (const kv of res.items) {
      const e = this.entryOf(kv, kv.modRevision);
      this.objects.set(kv.key, e);
      this.packer?.add(e);
    }
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
        if (prev && prev.rv === kv.modRevision) continue;
        events.push(new CacheEvent(prev ? 'MODIFIED' : 'ADDED', kv.key, this.entryOf(kv, kv.modRevision), prev, res.revision));
      }
      for (const [key, prev] of this.objects) {
        if (seen.has(key)) continue;
        events.push(new CacheEvent('DELETED', key, prev.atRevision(res.revision), prev, res.revision));
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
      const prev = this.objects.get(ev.kv.key);
      if (ev.type === 'DELETE') {
        const base = prev ?? this.entryOf(ev.prevKv ?? ev.kv, (ev.prevKv ?? ev.kv).modRevision);
        out.push(new CacheEvent('DELETED', ev.kv.key, base.atRevision(rev), base, rev));
      } else {
        out.push(new CacheEvent(prev ? 'MODIFIED' : 'ADDED', ev.kv.key, this.entryOf(ev.kv, rev), prev, rev));
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
        this.objects.set(ev.key, ev.entry);
      }
      this.packer?.add(ev.entry, ev.type === 'MODIFIED');
      this.pushRing(ev);
    }
    if (rev > this.rv) this.rv = rev;
    if (events.length > 0) {
      for (const s of this.subscribers) s.onEvents(events);
    }
    this.releaseWaiters();
  }

  private progress(rev: number): void {
    if (rev <= this.rv) return;
    this.rv = rev;
    for (const s of this.subscribers) s.onProgress?.(rev);
    this.releaseWaiters();
  }

  /**
   * Keeps recent events for watches that resume from a resourceVersion, as upstream's cacher
   * sizes its history: at least MIN_EVENTS, events younger than EVENT_FRESH_MS, at most capacity.
   */
  private pushRing(ev: CacheEvent): void {
    const staleBefore = ev.at - EVENT_FRESH_MS;
    for (;;) {
      const held = this.ring.length - this.ringStart;
      const oldest = this.ring[this.ringStart];
      if (!oldest || (held < this.capacity && (held < MIN_EVENTS || oldest.at >= staleBefore))) break;
      this.ringStart++;
      this.oldestResumable = Math.max(this.oldestResumable, oldest.rv);
    }
    if (this.ringStart > 4096 && this.ringStart * 2 > this.ring.length) {
      this.ring.splice(0, this.ringStart);
      this.ringStart = 0;
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
  withPrefix(prefix: string): CachedObject[] {
    const keys = this.keys();
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] as string) < prefix) lo = mid + 1; else hi = mid;
    }
    const out: CachedObject[] = [];
    for (let i = lo; i < keys.length; i++) {
      const k = keys[i] as string;
      if (!k.startsWith(prefix)) break;
      out.push(this.objects.get(k) as CachedObject);
    }
    return out;
  }

  /**
   * Subscribes to events after fromRV. fromRV undefined: from now, after `initial` is called
   * synchronously with the current objects (for watches that start with the current state).
   * Throws 410 Gone when fromRV is older than the events the cache still holds.
   */
  subscribe(sub: CacheSubscriber, fromRV: number | undefined, initial?: (objs: CachedObject[], rv: number) => void, prefix = this.prefix): Subscription {
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
    this.packer?.stop();
    this.watcher?.close();
    this.subscribers.clear();
    for (const w of this.waiters.splice(0)) w.resolve();
  }
}
