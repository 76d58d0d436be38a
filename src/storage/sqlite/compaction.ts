// Compaction of the SQLite log in small transactions so the event loop is never held for long:
// each window of revisions (lo, hi] deletes the rows superseded inside it and its delete rows.
// Progress is recorded per window ('compacted_through'), so a crash mid-way resumes, not leaks.
import type { DatabaseSync } from 'node:sqlite';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { metaValue } from './schema.ts';
import type { Statements } from './schema.ts';

/** Revisions per transaction: a few milliseconds of work each. */
const WINDOW = 2000;
/** Pages returned to the OS per incremental_vacuum step. */
const VACUUM_PAGES = 2000;

export async function compactLog(db: DatabaseSync, stmts: Statements, revision: number, stopped: () => boolean): Promise<void> {
  let lo = metaValue(stmts, 'compacted_through');
  while (lo < revision && !stopped()) {
    const hi = Math.min(lo + WINDOW, revision);
    db.exec('BEGIN');
    try {
      stmts.deletePrevInRange.run(lo, hi);
      stmts.deleteTombstonesInRange.run(lo, hi);
      stmts.setMeta.run('compacted_through', hi);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
    lo = hi;
    await yieldToLoop();
  }
}

/** Gives free pages back to the file system (auto_vacuum=INCREMENTAL), a bounded step at a time. */
export async function reclaimSpace(db: DatabaseSync, stopped: () => boolean): Promise<void> {
  const freePages = db.prepare('PRAGMA freelist_count');
  const vacuum = db.prepare(`PRAGMA incremental_vacuum(${VACUUM_PAGES})`);
  while (!stopped() && (freePages.get() as { freelist_count: number }).freelist_count > 0) {
    // The pragma returns one row per freed page; all() steps it to completion.
    vacuum.all();
    await yieldToLoop();
  }
}
