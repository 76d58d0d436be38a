// The in-memory driver: every key keeps its versions (a tombstone marks a delete) and a global
// event log serves watches from old revisions; compaction trims both to the state at a revision.
import {
  CompactedError, ConflictError, FutureRevisionError, KeyExistsError, KeyNotFoundError, StorageError,
} from './interface.ts';
import type { KeyValue, ListOptions, ListResult, Store, WatchEvent, WatchHandlers, Watcher } from './interface.ts';
import { lowerBound, prefixEnd } from './keys.ts';
import { WatchHub } from './watch-hub.ts';

/** One version of a key: its value from `revision` on, or a tombstone (deleted). */
interface Version { revision: number; kv: KeyValue | undefined }

export class MemoryStore implements Store {
  private revision = 0;
  private compacted = 0;
  private closed = false;
  /** Versions per key in revision order; a key stays until compaction drops all of its history. */
  private readonly versions = new Map<string, Version[]>();
  /** Every key with versions, sorted, for range reads. */
  private sortedKeys: string[] = [];
  /** Events in revision order, above the compacted revision. */
  private log: WatchEvent[] = [];
  private readonly hub = new WatchHub();

  async get(key: string): Promise<KeyValue | undefined> {
    this.checkOpen();
    return this.latest(key);
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.checkOpen();
    const at = this.readRevision(opts.revision);
    const end = prefixEnd(prefix);
    const from = opts.startAfter !== undefined && opts.startAfter >= prefix ? opts.startAfter + '\0' : prefix;
    const limit = opts.limit ?? 0;
    const items: KeyValue[] = [];
    let remaining = 0;
    for (let i = lowerBound(this.sortedKeys, from); i < this.sortedKeys.length; i++) {
      const key = this.sortedKeys[i] as string;
      if (end !== '' && key >= end) break;
      const kv = this.at(key, at);
      if (kv === undefined) continue;
      if (limit > 0 && items.length >= limit) remaining++;
      else items.push(kv);
    }
    return { items, revision: at, remaining };
  }

  async count(prefix: string): Promise<number> {
    return (await this.list(prefix)).items.length;
  }

  async create(key: string, value: string): Promise<KeyValue> {
    this.checkOpen();
    if (this.latest(key) !== undefined) throw new KeyExistsError(key);
    const rev = ++this.revision;
    const kv: KeyValue = { key, value, createRevision: rev, modRevision: rev };
    this.append(key, kv, { type: 'PUT', kv });
    return kv;
  }

  async update(key: string, value: string, expectedRevision: number): Promise<KeyValue> {
    this.checkOpen();
    const prev = this.latest(key);
    if (prev === undefined) throw new KeyNotFoundError(key);
    if (prev.modRevision !== expectedRevision) throw new ConflictError(key, prev.modRevision);
    const rev = ++this.revision;
    const kv: KeyValue = { key, value, createRevision: prev.createRevision, modRevision: rev };
    this.append(key, kv, { type: 'PUT', kv, prevKv: prev });
    return kv;
  }

  async delete(key: string, expectedRevision?: number): Promise<KeyValue> {
    this.checkOpen();
    const prev = this.latest(key);
    if (prev === undefined) throw new KeyNotFoundError(key);
    if (expectedRevision && prev.modRevision !== expectedRevision) throw new ConflictError(key, prev.modRevision);
    const rev = ++this.revision;
    const kv: KeyValue = { ...prev, modRevision: rev };
    this.append(key, undefined, { type: 'DELETE', kv, prevKv: prev });
    return kv;
  }

  watch(prefix: string, fromRevision: number, handlers: WatchHandlers): Watcher {
    this.checkOpen();
    if (fromRevision > 0 && fromRevision < this.compacted) {
      return this.hub.fail(handlers, new CompactedError(fromRevision, this.compacted));
    }
    const replay: WatchEvent[] = [];
    if (fromRevision > 0) {
      // The log holds exactly the revisions above `compacted`, one event per revision.
      for (let i = Math.max(0, fromRevision - this.compacted); i < this.log.length; i++) {
        const ev = this.log[i] as WatchEvent;
        if (ev.kv.key.startsWith(prefix)) replay.push(ev);
      }
    }
    return this.hub.add(prefix, handlers, replay, Math.max(this.revision, fromRevision));
  }

  async compact(revision: number): Promise<void> {
    this.checkOpen();
    if (revision > this.revision) throw new FutureRevisionError(revision, this.revision);
    if (revision <= this.compacted) return;
    this.log = this.log.slice(revision - this.compacted);
    this.compacted = revision;
    let dropped = false;
    for (const [key, versions] of this.versions) {
      // Keep the newest version at or below the revision (unless a tombstone) and all later ones.
      let keepFrom = 0;
      for (let i = versions.length - 1; i >= 0; i--) {
        if ((versions[i] as Version).revision <= revision) { keepFrom = i; break; }
      }
      const kept = versions.slice(keepFrom);
      if (kept[0] !== undefined && kept[0].revision <= revision && kept[0].kv === undefined) kept.shift();
      if (kept.length === 0) { this.versions.delete(key); dropped = true; } else this.versions.set(key, kept);
    }
    if (dropped) this.sortedKeys = this.sortedKeys.filter((k) => this.versions.has(k));
  }

  async currentRevision(): Promise<number> { this.checkOpen(); return this.revision; }
  async compactedRevision(): Promise<number> { this.checkOpen(); return this.compacted; }
  async health(): Promise<void> { this.checkOpen(); }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.hub.closeAll(new StorageError('store closed'));
  }

  private latest(key: string): KeyValue | undefined {
    const versions = this.versions.get(key);
    return versions === undefined ? undefined : versions[versions.length - 1]?.kv;
  }

  private at(key: string, revision: number): KeyValue | undefined {
    const versions = this.versions.get(key) ?? [];
    for (let i = versions.length - 1; i >= 0; i--) {
      const v = versions[i] as Version;
      if (v.revision <= revision) return v.kv;
    }
    return undefined;
  }

  private append(key: string, kv: KeyValue | undefined, ev: WatchEvent): void {
    let versions = this.versions.get(key);
    if (versions === undefined) {
      versions = [];
      this.versions.set(key, versions);
      this.sortedKeys.splice(lowerBound(this.sortedKeys, key), 0, key);
    }
    versions.push({ revision: this.revision, kv });
    this.log.push(ev);
    this.hub.publish(ev);
  }

  private readRevision(revision: number | undefined): number {
    if (!revision) return this.revision;
    if (revision > this.revision) throw new FutureRevisionError(revision, this.revision);
    if (revision < this.compacted) throw new CompactedError(revision, this.compacted);
    return revision;
  }

  private checkOpen(): void {
    if (this.closed) throw new StorageError('store closed');
  }
}

export async function openMemoryStore(): Promise<Store> {
  return new MemoryStore();
}
