// Typed object storage for one resource over the MVCC store: keys, serialization, typed
// errors and the optimistic-concurrency update loop (upstream's genericregistry.Store +
// storage.GuaranteedUpdate).

import { alreadyExists, conflict, notFound } from '../../api/errors.ts';
import type { Qualified } from '../../api/errors.ts';
import type { ResourceType } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import type { KeyValue, Store } from '../../storage/interface.ts';
import { ConflictError, KeyExistsError, KeyNotFoundError } from '../../storage/interface.ts';
import type { CachedObject, FieldsOf } from './cached.ts';
import { Codec, plainCodec } from './codec.ts';
import type { ValueTransformer } from './codec.ts';
import { WatchCache } from './watchcache.ts';
import type { WatchCacheOptions } from './watchcache.ts';

export const MODIFIED_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

/** The storage key prefix of a resource, e.g. '/registry/core/pods/' or '/registry/apps/deployments/'. */
export function resourcePrefix(group: string, resource: string): string {
  return `/registry/${group || 'core'}/${resource}/`;
}

/** Outcome of an update function: the new object, or `undefined` to leave the object as it is. */
export type TryUpdate = (current: KubeObject) => Promise<KubeObject | undefined> | KubeObject | undefined;

export class ResourceStorage {
  readonly type: ResourceType;
  readonly prefix: string;
  readonly cache: WatchCache;
  readonly store: Store;
  readonly codec: Codec;
  private readonly q: Qualified;

  constructor(store: Store, type: ResourceType, cacheOpts?: WatchCacheOptions, transformer?: ValueTransformer) {
    this.store = store;
    this.type = type;
    this.prefix = resourcePrefix(type.group, type.resource);
    this.codec = transformer ? new Codec(transformer) : plainCodec;
    this.cache = new WatchCache(store, this.prefix, { ...cacheOpts, codec: this.codec, fieldsOf: selectableFields(type) });
    this.q = { group: type.group, kind: type.kind, resource: type.resource };
  }

  start(): Promise<void> { return this.cache.start(); }
  stop(): void { this.cache.stop(); }

  key(namespace: string, name: string): string {
    return this.type.namespaced ? `${this.prefix}${namespace}/${name}` : `${this.prefix}${name}`;
  }

  /** Prefix of one namespace's keys ('' namespace: all). */
  namespacePrefix(namespace: string): string {
    return this.type.namespaced && namespace ? `${this.prefix}${namespace}/` : this.prefix;
  }

  /** Reads straight from storage (a consistent read). */
  async get(namespace: string, name: string): Promise<KubeObject> {
    const kv = await this.store.get(this.key(namespace, name));
    if (!kv) throw notFound(this.q, name);
    return this.codec.decode(kv);
  }

  /** Reads straight from storage, as the served JSON (not for selectors: no attributes). */
  async getServed(namespace: string, name: string): Promise<CachedObject> {
    const kv = await this.store.get(this.key(namespace, name));
    if (!kv) throw notFound(this.q, name);
    return this.cache.entryOf(kv, kv.modRevision, false);
  }

  /**
   * A consistent read: from the watch cache once it has caught up with storage's current
   * revision (with the embedded store it always has: its events are applied as they commit),
   * else straight from storage.
   */
  async getConsistent(namespace: string, name: string): Promise<CachedObject> {
    const current = await this.store.currentRevision();
    if (!(await this.cache.waitFor(current, 250))) return this.getServed(namespace, name);
    const e = this.cache.objects.get(this.key(namespace, name));
    if (!e) throw notFound(this.q, name);
    return e;
  }

  /** Reads from the watch cache (may lag storage by in-flight events). */
  getCached(namespace: string, name: string): KubeObject | undefined {
    return this.cache.get(this.key(namespace, name));
  }

  async create(obj: KubeObject): Promise<KubeObject> {
    const name = obj.metadata.name ?? '';
    try {
      const key = this.key(obj.metadata.namespace ?? '', name);
      const value = this.codec.encode(key, obj);
      const settled = this.cache.expectWrite(key, value, obj);
      try {
        return withRevision(obj, await this.store.create(key, value));
      } finally {
        settled();
      }
    } catch (err) {
      if (err instanceof KeyExistsError) throw alreadyExists(this.q, name);
      throw err;
    }
  }

  /** Writes obj if the stored revision is still expectedRevision. */
  async update(obj: KubeObject, expectedRevision: number): Promise<KubeObject> {
    const name = obj.metadata.name ?? '';
    try {
      const key = this.key(obj.metadata.namespace ?? '', name);
      const value = this.codec.encode(key, obj);
      const settled = this.cache.expectWrite(key, value, obj);
      try {
        return withRevision(obj, await this.store.update(key, value, expectedRevision));
      } finally {
        settled();
      }
    } catch (err) {
      if (err instanceof ConflictError) throw conflict(this.q, name, MODIFIED_MESSAGE);
      if (err instanceof KeyNotFoundError) throw notFound(this.q, name);
      throw err;
    }
  }

  async delete(namespace: string, name: string, expectedRevision?: number): Promise<KubeObject> {
    try {
      const kv = await this.store.delete(this.key(namespace, name), expectedRevision);
      return this.codec.decode(kv, kv.modRevision);
    } catch (err) {
      if (err instanceof ConflictError) throw conflict(this.q, name, MODIFIED_MESSAGE);
      if (err instanceof KeyNotFoundError) throw notFound(this.q, name);
      throw err;
    }
  }

  /**
   * Reads, applies tryUpdate and writes with compare-and-swap, retrying on conflicts when the
   * caller set no precondition of its own (tryUpdate throws a conflict for a stale precondition).
   */
  async guaranteedUpdate(namespace: string, name: string, tryUpdate: TryUpdate, maxRetries = 16): Promise<{ obj: KubeObject; changed: boolean }> {
    // As upstream's GuaranteedUpdate with a cached existing object: the first attempt starts from
    // the watch cache's copy; if that turns out stale (the compare-and-swap fails), or tryUpdate
    // refuses it or finds nothing to change, the next attempt reads storage.
    let cached = this.cache.objects.get(this.key(namespace, name));
    for (let attempt = 0; ; attempt++) {
      const fromCache = cached !== undefined;
      const current = cached ? cached.fresh() : await this.get(namespace, name);
      cached = undefined;
      const rev = Number(current.metadata.resourceVersion);
      let next: KubeObject | undefined;
      try {
        next = await tryUpdate(current);
      } catch (err) {
        if (fromCache) continue;
        throw err;
      }
      if (next === undefined) {
        if (fromCache) continue;
        return { obj: current, changed: false };
      }
      try {
        return { obj: await this.update(next, rev), changed: true };
      } catch (err) {
        if (attempt < maxRetries && (fromCache || isRetryableConflict(err))) continue;
        throw err;
      }
    }
  }
}

function isRetryableConflict(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { reason?: string }).reason === 'Conflict'
    && (err as Error).message.endsWith(MODIFIED_MESSAGE);
}

/** The kind's field selectors as a function computing all of an object's selectable fields. */
function selectableFields(t: ResourceType): FieldsOf | undefined {
  const selectors = t.fieldSelectors;
  if (!selectors) return undefined;
  const names = Object.keys(selectors);
  if (names.length === 0) return undefined;
  return (obj) => {
    const out: Record<string, string> = {};
    for (const f of names) out[f] = selectors[f]?.(obj) ?? '';
    return out;
  };
}

function withRevision(obj: KubeObject, kv: KeyValue): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(kv.modRevision) } };
}
