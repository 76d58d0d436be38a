// client-go's tools/cache Store and Indexer: objects by "namespace/name" key (or "name" for
// cluster-scoped ones) with secondary indexes, e.g. pods by namespace or by spec.nodeName.
// Objects are kept as given and shared with every reader: treat them as read-only.

import type { MetaObject } from '../object.ts';

/** What a delete handler gets when the final state of a deleted object was never observed. */
export class DeletedFinalStateUnknown<T> {
  readonly key: string;
  readonly obj: T;
  constructor(key: string, obj: T) {
    this.key = key;
    this.obj = obj;
  }
}

/** "namespace/name", or "name" for objects without a namespace (client-go's MetaNamespaceKeyFunc). */
export function metaNamespaceKey(obj: MetaObject | DeletedFinalStateUnknown<unknown>): string {
  if (obj instanceof DeletedFinalStateUnknown) return obj.key;
  const ns = obj.metadata?.namespace;
  const name = obj.metadata?.name ?? '';
  return ns ? `${ns}/${name}` : name;
}

/** Splits a key made by metaNamespaceKey. */
export function splitMetaNamespaceKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export type IndexFunc<T> = (obj: T) => string[];

export const NamespaceIndex = 'namespace';
export const NodeNameIndex = 'spec.nodeName';

export function metaNamespaceIndexFunc(obj: MetaObject): string[] {
  return [obj.metadata?.namespace ?? ''];
}

/** Pods by the node they are bound to (unbound pods are not indexed). */
export function nodeNameIndexFunc(obj: MetaObject): string[] {
  const node = (obj as { spec?: { nodeName?: unknown } }).spec?.nodeName;
  return typeof node === 'string' && node ? [node] : [];
}

export class Indexer<T extends MetaObject = MetaObject> {
  private readonly items = new Map<string, T>();
  private readonly indexers = new Map<string, IndexFunc<T>>();
  /** index name → index value → keys. */
  private readonly indices = new Map<string, Map<string, Set<string>>>();
  private readonly keyFunc: (obj: T) => string;

  constructor(indexers: Record<string, IndexFunc<T>> = {}, keyFunc: (obj: T) => string = metaNamespaceKey) {
    this.keyFunc = keyFunc;
    this.addIndexers(indexers);
  }

  keyOf(obj: T): string {
    return this.keyFunc(obj);
  }

  listIndexNames(): string[] {
    return [...this.indexers.keys()];
  }

  /** Adds indexes; objects already stored are indexed at once. */
  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    for (const [name, fn] of Object.entries(indexers)) {
      if (this.indexers.has(name)) throw new Error(`indexer "${name}" already exists`);
      this.indexers.set(name, fn);
      const index = new Map<string, Set<string>>();
      this.indices.set(name, index);
      for (const [key, obj] of this.items) for (const v of fn(obj)) addTo(index, v, key);
    }
  }

  add(obj: T): void {
    this.put(this.keyFunc(obj), obj);
  }

  update(obj: T): void {
    this.put(this.keyFunc(obj), obj);
  }

  delete(obj: T | DeletedFinalStateUnknown<T>): void {
    this.deleteKey(obj instanceof DeletedFinalStateUnknown ? obj.key : this.keyFunc(obj));
  }

  deleteKey(key: string): void {
    const old = this.items.get(key);
    if (old === undefined) return;
    this.unindex(key, old);
    this.items.delete(key);
  }

  get(obj: T): T | undefined {
    return this.items.get(this.keyFunc(obj));
  }

  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  listKeys(): string[] {
    return [...this.items.keys()];
  }

  get size(): number {
    return this.items.size;
  }

  /** Swaps the whole content for `objs` (a relist). */
  replace(objs: readonly T[]): void {
    this.items.clear();
    for (const index of this.indices.values()) index.clear();
    for (const obj of objs) this.put(this.keyFunc(obj), obj);
  }

  /** Objects whose index values under `indexName` are `value`. */
  byIndex(indexName: string, value: string): T[] {
    const keys = this.indexOf(indexName).get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const k of keys) {
      const o = this.items.get(k);
      if (o !== undefined) out.push(o);
    }
    return out;
  }

  /** Keys whose index values under `indexName` include `value`. */
  indexKeys(indexName: string, value: string): string[] {
    const keys = this.indexOf(indexName).get(value);
    return keys ? [...keys] : [];
  }

  /** Objects sharing any index value with `obj` (client-go's Index). */
  index(indexName: string, obj: T): T[] {
    const fn = this.indexers.get(indexName);
    if (!fn) throw new Error(`index with name ${indexName} does not exist`);
    const values = fn(obj);
    if (values.length === 1) return this.byIndex(indexName, values[0] as string);
    const keys = new Set<string>();
    for (const v of values) for (const k of this.indexOf(indexName).get(v) ?? []) keys.add(k);
    return [...keys].map((k) => this.items.get(k)).filter((o): o is T => o !== undefined);
  }

  /** Every value the index currently holds. */
  listIndexFuncValues(indexName: string): string[] {
    return [...this.indexOf(indexName).keys()];
  }

  private indexOf(indexName: string): Map<string, Set<string>> {
    const index = this.indices.get(indexName);
    if (!index) throw new Error(`index with name ${indexName} does not exist`);
    return index;
  }

  private put(key: string, obj: T): void {
    const old = this.items.get(key);
    this.items.set(key, obj);
    for (const [name, fn] of this.indexers) {
      const index = this.indices.get(name) as Map<string, Set<string>>;
      const next = fn(obj);
      if (old !== undefined) {
        const prev = fn(old);
        // The common case (same single value, e.g. the namespace) needs no work.
        if (prev.length === 1 && next.length === 1 && prev[0] === next[0]) continue;
        for (const v of prev) removeFrom(index, v, key);
      }
      for (const v of next) addTo(index, v, key);
    }
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of this.indexers) {
      const index = this.indices.get(name) as Map<string, Set<string>>;
      for (const v of fn(obj)) removeFrom(index, v, key);
    }
  }
}

function addTo(index: Map<string, Set<string>>, value: string, key: string): void {
  let set = index.get(value);
  if (!set) index.set(value, (set = new Set()));
  set.add(key);
}

function removeFrom(index: Map<string, Set<string>>, value: string, key: string): void {
  const set = index.get(value);
  if (!set) return;
  set.delete(key);
  if (set.size === 0) index.delete(value);
}
