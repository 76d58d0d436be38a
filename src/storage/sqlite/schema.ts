// The SQLite file layout: one row per revision (a log, kine's schema in spirit) plus a small meta
// table. `id` is the revision; the latest row of a name is its current state (unless deleted).
import { DatabaseSync } from 'node:sqlite';
import type { StatementSync } from 'node:sqlite';

/** One revision of one key, as stored. */
export interface Row {
  id: number;
  name: string;
  /** 1 when this row created the key (its first row, or the first after a delete). */
  created: number;
  /** 1 when this row deleted the key; `value` then holds the value it had. */
  deleted: number;
  create_revision: number;
  /** The id of the key's previous row (0 for a create): how a watch gets prevKv. */
  prev_revision: number;
  value: string;
}

const COLUMNS = 'id, name, created, deleted, create_revision, prev_revision, value';

export function openDatabase(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  // auto_vacuum only takes effect before the first table exists, so it is set first on a new file.
  db.exec('PRAGMA auto_vacuum = INCREMENTAL');
  if (path !== ':memory:') {
    // WAL + synchronous=NORMAL: a commit is written to the WAL (the OS has it) before the call
    // returns, so a killed process loses nothing acknowledged; only a power loss or kernel crash
    // may lose the last moments of writes (the WAL is fsynced at checkpoints).
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    // The store checkpoints on its own schedule (store.ts), not inside whichever COMMIT crosses 1,000 pages.
    db.exec('PRAGMA wal_autocheckpoint = 0');
    // After a checkpoint resets the WAL, SQLite truncates it down to this size (bounded WAL).
    db.exec('PRAGMA journal_size_limit = 16777216');
  }
  // SQLite's default 2 MB page cache: the apiserver serves reads from its watch cache, so the
  // page cache mostly holds the index pages writes touch (a bigger one was 6 MB more RSS, no faster).
  db.exec('PRAGMA cache_size = -2000');
  db.exec('PRAGMA temp_store = MEMORY');
  db.exec(`
    CREATE TABLE IF NOT EXISTS kv (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      created INTEGER NOT NULL,
      deleted INTEGER NOT NULL,
      create_revision INTEGER NOT NULL,
      prev_revision INTEGER NOT NULL,
      value TEXT NOT NULL
    );
    -- "Latest row per key" (at or below a revision): a range over (name, id); deleted makes counts covering.
    CREATE INDEX IF NOT EXISTS kv_name_id ON kv (name, id, deleted);
    CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  `);
  return db;
}

/** The prepared statements the driver uses, compiled once. */
export class Statements {
  readonly latest: StatementSync;
  readonly byId: StatementSync;
  readonly insert: StatementSync;
  readonly list: StatementSync;
  readonly countAfter: StatementSync;
  readonly since: StatementSync;
  readonly maxId: StatementSync;
  readonly getMeta: StatementSync;
  readonly setMeta: StatementSync;
  readonly deletePrevInRange: StatementSync;
  readonly deleteTombstonesInRange: StatementSync;

  constructor(db: DatabaseSync) {
    this.latest = db.prepare(`SELECT ${COLUMNS} FROM kv WHERE name = ? ORDER BY id DESC LIMIT 1`);
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM kv WHERE id = ?`);
    this.insert = db.prepare(`INSERT INTO kv (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    // Bare columns next to MAX(id) come from the row holding the max (SQLite guarantees it), so
    // this is "the latest row of every key in range at or below :rev", skipping deleted keys.
    this.list = db.prepare(`
      SELECT MAX(id) AS id, name, created, deleted, create_revision, prev_revision, value FROM kv
      WHERE name >= :lo AND name < :hi AND name > :after AND id <= :rev
      GROUP BY name HAVING deleted = 0 ORDER BY name LIMIT :limit`);
    this.countAfter = db.prepare(`
      SELECT COUNT(*) AS n FROM (
        SELECT MAX(id), deleted FROM kv
        WHERE name >= :lo AND name < :hi AND name > :after AND id <= :rev
        GROUP BY name HAVING deleted = 0)`);
    this.since = db.prepare(`
      SELECT ${COLUMNS} FROM kv WHERE id > :from AND id <= :to AND name >= :lo AND name < :hi ORDER BY id`);
    this.maxId = db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM kv');
    this.getMeta = db.prepare('SELECT value FROM meta WHERE name = ?');
    this.setMeta = db.prepare('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
    // Compaction of one window of revisions (lo, hi]: every row a later row in the window
    // supersedes (its prev_revision), and every delete row (a deleted key has no state to keep).
    this.deletePrevInRange = db.prepare(`
      DELETE FROM kv WHERE id IN (SELECT prev_revision FROM kv WHERE id > ? AND id <= ? AND prev_revision > 0)`);
    this.deleteTombstonesInRange = db.prepare('DELETE FROM kv WHERE id > ? AND id <= ? AND deleted = 1');
  }
}

export function asRow(r: unknown): Row {
  return r as Row;
}

export function metaValue(stmts: Statements, name: string): number {
  const r = stmts.getMeta.get(name) as { value: number } | undefined;
  return r?.value ?? 0;
}
