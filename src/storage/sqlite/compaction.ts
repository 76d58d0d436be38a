// Compaction of the SQLite log in small transactions so the event loop is never held for long:
// each window of revisions (lo, hi] deletes the rows superseded inside it and its delete rows.
// Progress is recorded per window ('compacted_through'), so a crash mid-way resumes, not leaks.
// Each window joins the store's write transaction, so compaction never blocks writers for long.
import type { DatabaseSync } from 'node:sqlite';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { metaValue } from './schema.ts';
import type { Statements } from './schema.ts';

/** Revisions per transaction: a few milliseconds of work each. */
const WINDOW = 2000;
/** Pages returned to the OS per incremental_vacuum step. */
const VACUUM_PAGES = 2000;

/** Runs fn inside the store's write transaction and resolves after it committed. */
export type InTransaction = (fn: () => void) => Promise<void>;

export async function compactLog(stmts: Statements, revision: number, stopped: () => boolean, inTransaction: InTransaction): Promise<void> {
  let lo = metaValue(stmts, 'compacted_through');
  while (lo < revision && !stopped()) {
    const hi = Math.min(lo + WINDOW, revision);
    await inTransaction(() => {
      stmts.deletePrevInRange.run(lo, hi);
      stmts.deleteTombstonesInRange.run(lo, hi);
      stmts.setMeta.run('compacted_through', hi);
    });
    lo = hi;
    await yieldToLoop();
  }
}

/** Gives free pages back to the file system (auto_vacuum=INCREMENTAL), a bounded step at a time. */
export async function reclaimSpace(db: DatabaseSync, stopped: () => boolean, inTransaction: InTransaction): Promise<void> {
  const freePages = db.prepare('PRAGMA freelist_count');
  const vacuum = db.prepare(`PRAGMA incremental_vacuum(${VACUUM_PAGES})`);
  while (!stopped() && (freePages.get() as { freelist_count: number }).freelist_count > 0) {
    // The pragma returns one row per freed page; all() steps it to completion.
    await inTransaction(() => { vacuum.all(); });
    await yieldToLoop();
  }
}
