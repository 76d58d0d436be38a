// The embedded SQLite driver (node:sqlite, synchronous API): every write is one INSERT of a log
// row; the writes of one event-loop turn share a transaction committed at the end of the turn, and
// a write's promise resolves only after that COMMIT (it is in the WAL, durable to the OS).
// One process owns the file, so watchers are notified in-process right after each commit; a
// watch from an old revision replays log rows first (see WatchHub).
// SQLite's automatic checkpoint (copying the WAL into the database file and fsyncing it, every
// 1,000 pages) is off: it ran inside whichever COMMIT crossed the mark, blocking the event loop
// for up to 50 ms. The store checkpoints itself once a second instead, not while the event loop
// is saturated unless CHECKPOINT_FORCE_BYTES were written since the last one.
import type { DatabaseSync } from 'node:sqlite';
import {
  CompactedError, ConflictError, FutureRevisionError, KeyExistsError, KeyNotFoundError, StorageError,
} from '../interface.ts';
import type { KeyValue, ListOptions, ListResult, Store, WatchEvent, WatchHandlers, Watcher } from '../interface.ts';
import { prefixEnd } from '../keys.ts';
import { eventLoopSaturated } from '../saturation.ts';
import { WatchHub } from '../watch-hub.ts';
import { compactLog, reclaimSpace } from './compaction.ts';
import { asRow, metaValue, openDatabase, Statements } from './schema.ts';
import type { Row } from './schema.ts';

const CHECKPOINT_INTERVAL_MS = 1000;
/**
 * Estimated WAL bytes since the last checkpoint past which one runs even in a saturated loop:
 * the WAL stays near journal_size_limit (schema.ts).
 */
const CHECKPOINT_FORCE_BYTES = 16 * 2 ** 20;
/** Rough bytes a row adds to the WAL beyond its key and value (row header, index entry). */
const ROW_OVERHEAD_BYTES = 64;
/** Whole pages every commit writes at least (the table's and the index's last leaves). */
const COMMIT_WAL_BYTES = 2 * 4096;

// The greatest valid code point, twice: an upper bound above every real key (UTF-8 byte order).
const NO_UPPER_BOUND = '\u{10FFFF}\u{10FFFF}';

interface WriteGroup {
  /** Events to publish once the group commits. */
  events: WatchEvent[];
  done: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

function toKeyValue(r: Row): KeyValue {
  return { key: r.name, value: r.value, createRevision: r.create_revision, modRevision: r.id };
}

export class SqliteStore implements Store {
  private readonly db: DatabaseSync;
  private readonly stmts: Statements;
  private readonly hub = new WatchHub();
  private revision: number;
  private compacted: number;
  private closed = false;
  /** The open write transaction shared by this event-loop turn's writes. */
  private group: WriteGroup | undefined;
  private checkpointAfterCommit: 'PASSIVE' | 'TRUNCATE' | undefined;
  /** Approximate bytes written to the WAL since the last checkpoint. */
  private walBytes = 0;
  private readonly checkpointTimer: NodeJS.Timeout;
  /** Compactions run one at a time. */
  private compaction: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.db = openDatabase(path);
    this.stmts = new Statements(this.db);
    this.compacted = metaValue(this.stmts, 'compact_revision');
    // Compaction may have removed the newest rows (deletes); the revision never goes back.
    this.revision = Math.max((this.stmts.maxId.get() as { n: number }).n, this.compacted);
    this.checkpointTimer = setInterval(() => { if (this.walBytes > 0 && !eventLoopSaturated()) this.checkpoint('PASSIVE'); }, CHECKPOINT_INTERVAL_MS);
    this.checkpointTimer.unref();
  }

  async get(key: string): Promise<KeyValue | undefined> {
    this.checkOpen();
    const r = this.latestRow(key);
    return r === undefined || r.deleted ? undefined : toKeyValue(r);
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.checkOpen();
    const rev = this.readRevision(opts.revision);
    const range = { lo: prefix, hi: prefixEnd(prefix) || NO_UPPER_BOUND, rev };
    const limit = opts.limit && opts.limit > 0 ? opts.limit : -1;
    const rows = this.stmts.list.all({ ...range, after: opts.startAfter ?? '', limit }) as unknown as Row[];
    const items = rows.map(toKeyValue);
    let remaining = 0;
    const last = items[items.length - 1];
    if (limit > 0 && items.length === limit && last !== undefined) {
      remaining = (this.stmts.countAfter.get({ ...range, after: last.key }) as { n: number }).n;
    }
    return { items, revision: rev, remaining };
  }

  async count(prefix: string): Promise<number> {
    this.checkOpen();
    const range = { lo: prefix, hi: prefixEnd(prefix) || NO_UPPER_BOUND, rev: this.revision, after: '' };
    return (this.stmts.countAfter.get(range) as { n: number }).n;
  }

  create(key: string, value: string): Promise<KeyValue> {
    return this.write((events) => {
      const prev = this.latestRow(key);
      if (prev !== undefined && !prev.deleted) throw new KeyExistsError(key);
      const rev = this.revision + 1;
      this.insertRow(rev, key, 1, 0, rev, 0, value);
      this.revision = rev;
      const kv: KeyValue = { key, value, createRevision: rev, modRevision: rev };
      events.push({ type: 'PUT', kv });
      return kv;
    });
  }

  update(key: string, value: string, expectedRevision: number): Promise<KeyValue> {
    return this.write((events) => {
      const prev = this.latestRow(key);
      if (prev === undefined || prev.deleted) throw new KeyNotFoundError(key);
      if (prev.id !== expectedRevision) throw new ConflictError(key, prev.id);
      const rev = this.revision + 1;
      this.insertRow(rev, key, 0, 0, prev.create_revision, prev.id, value);
      this.revision = rev;
      const kv: KeyValue = { key, value, createRevision: prev.create_revision, modRevision: rev };
      events.push({ type: 'PUT', kv, prevKv: toKeyValue(prev) });
      return kv;
    });
  }

  delete(key: string, expectedRevision?: number): Promise<KeyValue> {
    return this.write((events) => {
      const prev = this.latestRow(key);
      if (prev === undefined || prev.deleted) throw new KeyNotFoundError(key);
      if (expectedRevision && prev.id !== expectedRevision) throw new ConflictError(key, prev.id);
      const rev = this.revision + 1;
      this.insertRow(rev, key, 0, 1, prev.create_revision, prev.id, prev.value);
      this.revision = rev;
      const kv: KeyValue = { key, value: prev.value, createRevision: prev.create_revision, modRevision: rev };
      events.push({ type: 'DELETE', kv, prevKv: toKeyValue(prev) });
      return kv;
    });
  }

  watch(prefix: string, fromRevision: number, handlers: WatchHandlers): Watcher {
    this.checkOpen();
    if (fromRevision > 0 && fromRevision < this.compacted) {
      return this.hub.fail(handlers, new CompactedError(fromRevision, this.compacted));
    }
    const replay: WatchEvent[] = [];
    if (fromRevision > 0 && fromRevision < this.revision) {
      const range = { lo: prefix, hi: prefixEnd(prefix) || NO_UPPER_BOUND, from: fromRevision, to: this.revision };
      for (const r of this.stmts.since.iterate(range)) replay.push(this.eventOf(asRow(r)));
    }
    return this.hub.add(prefix, handlers, replay, Math.max(this.revision, fromRevision));
  }

  compact(revision: number): Promise<void> {
    this.checkOpen();
    if (revision > this.revision) return Promise.reject(new FutureRevisionError(revision, this.revision));
    const run = this.compaction.then(async () => {
      if (this.closed || revision <= this.compacted) return;
      // Recorded first: from here reads below the revision fail, while rows are removed in batches.
      await this.write(() => { this.stmts.setMeta.run('compact_revision', revision); });
      this.compacted = revision;
      const inTransaction = (fn: () => void) => this.write(fn);
      await compactLog(this.stmts, revision, () => this.closed, inTransaction);
      if (!this.closed) await reclaimSpace(this.db, () => this.closed, inTransaction);
    });
    this.compaction = run.catch(() => undefined);
    return run;
  }

  /**
   * Moves the WAL into the database file; TRUNCATE (what the compactor asks for after a
   * compaction) also truncates the WAL, PASSIVE (the periodic one) lets the next write restart it.
   */
  checkpoint(mode: 'PASSIVE' | 'TRUNCATE' = 'TRUNCATE'): void {
    if (this.closed) return;
    // A checkpoint cannot run inside our own open write transaction: do it right after its commit.
    if (this.group !== undefined) {
      if (this.checkpointAfterCommit !== 'TRUNCATE') this.checkpointAfterCommit = mode;
      return;
    }
    this.walBytes = 0;
    this.db.exec(`PRAGMA wal_checkpoint(${mode})`);
  }

  async currentRevision(): Promise<number> { this.checkOpen(); return this.revision; }
  async compactedRevision(): Promise<number> { this.checkOpen(); return this.compacted; }

  async health(): Promise<void> {
    this.checkOpen();
    this.stmts.maxId.get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.checkpointTimer);
    await this.compaction;
    if (this.group !== undefined) this.commitGroup(this.group);
    this.hub.closeAll(new StorageError('store closed'));
    this.db.close();
  }

  /**
   * Runs a write inside the current group transaction (opening one if needed) and resolves once
   * that group committed. All writes issued in one event-loop turn share one COMMIT, which makes
   * concurrent writers several times faster; a write is still in the WAL before it resolves.
   */
  private async write<T>(op: (events: WatchEvent[]) => T): Promise<T> {
    this.checkOpen();
    const group = this.openGroup();
    let result: T;
    try {
      result = op(group.events);
    } catch (err) {
      // Typed errors change nothing; an I/O error may have rolled the whole group back.
      if (this.group === group && !this.db.isTransaction) this.abortGroup(group, err);
      throw err;
    }
    await group.done;
    return result;
  }

  private openGroup(): WriteGroup {
    if (this.group !== undefined) return this.group;
    this.db.exec('BEGIN');
    let resolve = () => {};
    let reject: (err: unknown) => void = () => {};
    const done = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
    done.catch(() => undefined); // rejections reach the writers that await it
    const group: WriteGroup = { events: [], done, resolve, reject };
    this.group = group;
    setImmediate(() => this.commitGroup(group));
    return group;
  }

  private commitGroup(group: WriteGroup): void {
    if (this.group !== group) return;
    this.group = undefined;
    try {
      this.db.exec('COMMIT');
      this.walBytes += COMMIT_WAL_BYTES;
    } catch (err) {
      this.abortGroup(group, err);
      return;
    }
    for (const ev of group.events) this.hub.publish(ev);
    group.resolve();
    const mode = this.checkpointAfterCommit ?? (this.walBytes > CHECKPOINT_FORCE_BYTES ? 'PASSIVE' : undefined);
    if (mode) {
      this.checkpointAfterCommit = undefined;
      this.checkpoint(mode);
    }
  }

  /** The group's writes are gone: fail their writers and reload what the file really holds. */
  private abortGroup(group: WriteGroup, err: unknown): void {
    if (this.group === group) this.group = undefined;
    if (this.db.isTransaction) this.db.exec('ROLLBACK');
    this.compacted = metaValue(this.stmts, 'compact_revision');
    this.revision = Math.max((this.stmts.maxId.get() as { n: number }).n, this.compacted);
    group.reject(err);
  }

  /** Appends a log row, counting what it adds to the WAL. */
  private insertRow(rev: number, key: string, created: number, deleted: number, createRevision: number, prevRevision: number, value: string): void {
    this.stmts.insert.run(rev, key, created, deleted, createRevision, prevRevision, value);
    this.walBytes += key.length + value.length + ROW_OVERHEAD_BYTES;
  }

  private latestRow(key: string): Row | undefined {
    const r = this.stmts.latest.get(key);
    return r === undefined ? undefined : asRow(r);
  }

  private eventOf(r: Row): WatchEvent {
    const kv = toKeyValue(r);
    if (r.created) return { type: 'PUT', kv };
    const p = r.prev_revision > 0 ? this.stmts.byId.get(r.prev_revision) : undefined;
    const prevKv = p === undefined ? undefined : toKeyValue(asRow(p));
    return prevKv === undefined ? { type: r.deleted ? 'DELETE' : 'PUT', kv } : { type: r.deleted ? 'DELETE' : 'PUT', kv, prevKv };
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
