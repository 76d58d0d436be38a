// The MVCC storage contract every driver implements (kine's server/types.go in spirit).
// Keys are '/'-separated strings; values are opaque strings (serialized objects).
// Every write bumps one global revision; an object's resourceVersion is its modRevision.

export interface KeyValue {
  key: string;
  value: string;
  /** Revision at which the key was created (its current incarnation). */
  createRevision: number;
  /** Revision of the last write to this key. */
  modRevision: number;
}

export interface ListOptions {
  /** Read as of this revision (0 or absent: the current one). Below the compacted revision: CompactedError. */
  revision?: number;
  /** At most this many items (0 or absent: no limit). */
  limit?: number;
  /** Start strictly after this key (for continue tokens). */
  startAfter?: string;
}

export interface ListResult {
  items: KeyValue[];
  /** The revision the list was read at. */
  revision: number;
  /** How many more keys match after the last returned item (0 when complete). */
  remaining: number;
}

export interface WatchEvent {
  type: 'PUT' | 'DELETE';
  /** For DELETE: key with the value it had, modRevision = the deletion revision. */
  kv: KeyValue;
  /** The previous value (absent for a create). */
  prevKv?: KeyValue;
}

export interface Watcher {
  /** Stops the watch; no handler calls after it returns. */
  close(): void;
}

export interface WatchHandlers {
  /** Events in revision order; a batch holds events of increasing revision. */
  onEvents(events: WatchEvent[]): void;
  /** The watch ended (e.g. CompactedError when fromRevision was compacted). No calls follow. */
  onError(err: Error): void;
  /**
   * Optional progress: the store guarantees that every event for this watch's prefix up to
   * `revision` has been delivered (in-process drivers call it after writes outside the prefix).
   * Lets the apiserver's watch cache serve consistent reads without asking storage.
   */
  onProgress?(revision: number): void;
}

export interface Store {
  /** Current value of key, or undefined. */
  get(key: string): Promise<KeyValue | undefined>;
  /** Keys with the prefix, in key order. */
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  /** Number of keys with the prefix at the current revision. */
  count(prefix: string): Promise<number>;
  /** Creates key; KeyExistsError when present. */
  create(key: string, value: string): Promise<KeyValue>;
  /** Replaces key if its modRevision equals expectedRevision; ConflictError otherwise, KeyNotFoundError when absent. */
  update(key: string, value: string, expectedRevision: number): Promise<KeyValue>;
  /** Deletes key (guarded by expectedRevision unless 0/absent); returns the deleted kv with modRevision = deletion revision. */
  delete(key: string, expectedRevision?: number): Promise<KeyValue>;
  /** Events for keys with the prefix with modRevision > fromRevision (fromRevision 0: from now). */
  watch(prefix: string, fromRevision: number, handlers: WatchHandlers): Watcher;
  /** Drops history at and below revision (keeps latest value of every live key). */
  compact(revision: number): Promise<void>;
  /** The latest revision (of any write). */
  currentRevision(): Promise<number>;
  /** The revision history has been compacted to (0 if never). */
  compactedRevision(): Promise<number>;
  /** A short health probe for /readyz and `kubectl get cs`. */
  health(): Promise<void>;
  close(): Promise<void>;
}

export class StorageError extends Error {
  constructor(message: string) { super(message); this.name = new.target.name; }
}
export class KeyNotFoundError extends StorageError {
  readonly key: string;
  constructor(key: string) { super(`key not found: ${key}`); this.key = key; }
}
export class KeyExistsError extends StorageError {
  readonly key: string;
  constructor(key: string) { super(`key exists: ${key}`); this.key = key; }
}
export class ConflictError extends StorageError {
  readonly key: string;
  readonly currentRevision: number;
  constructor(key: string, currentRevision: number) {
    super(`revision mismatch for ${key} (current ${currentRevision})`);
    this.key = key; this.currentRevision = currentRevision;
  }
}
export class CompactedError extends StorageError {
  readonly requested: number;
  readonly compacted: number;
  constructor(requested: number, compacted: number) {
    super(`required revision ${requested} has been compacted (compacted to ${compacted})`);
    this.requested = requested; this.compacted = compacted;
  }
}
export class FutureRevisionError extends StorageError {
  readonly requested: number;
  readonly current: number;
  constructor(requested: number, current: number) {
    super(`required revision ${requested} is a future revision (current ${current})`);
    this.requested = requested; this.current = current;
  }
}

/** A driver factory registered by URL scheme (sqlite:, etcd:, memory:). */
export type DriverFactory = (url: URL) => Promise<Store>;
