import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { startCompactor } from '../compactor.ts';
import { SqliteStore } from './store.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-sqlite-compact-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function rowCount(file: string): number {
  const db = new DatabaseSync(file, { readOnly: true });
  try { return (db.prepare('SELECT COUNT(*) AS n FROM kv').get() as { n: number }).n; } finally { db.close(); }
}

function fileSize(file: string): number {
  let total = 0;
  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) total += fs.statSync(f).size;
  return total;
}

test('compaction keeps one row per live key, and revisions survive a reopen', async (t) => {
  const file = path.join(tempDir(t), 'state.db');
  let store = new SqliteStore(file);
  for (let i = 0; i < 50; i++) await store.create(`/k/${i}`, 'v0');
  for (let round = 1; round <= 5; round++) {
    for (let i = 0; i < 50; i++) {
      const cur = await store.get(`/k/${i}`);
      await store.update(`/k/${i}`, `v${round}`, cur?.modRevision ?? 0);
    }
  }
  for (let i = 0; i < 10; i++) await store.delete(`/k/${i}`);
  const rev = await store.currentRevision();
  await store.compact(rev);
  await store.close();

  assert.equal(rowCount(file), 40, 'only the latest row of each of the 40 live keys is left');
  store = new SqliteStore(file);
  try {
    // The newest rows (deletes) were compacted away; the revision must not go back.
    assert.equal(await store.currentRevision(), rev);
    assert.equal(await store.compactedRevision(), rev);
    assert.equal((await store.create('/k/new', 'x')).modRevision, rev + 1);
    assert.equal(await store.count('/k/'), 41);
    assert.equal((await store.get('/k/20'))?.value, 'v5');
  } finally { await store.close(); }
});

test('churning 100k updates with the compactor running keeps the files bounded', async (t) => {
  const file = path.join(tempDir(t), 'state.db');
  const store = new SqliteStore(file);
  const compactor = startCompactor(store, { intervalMs: 3_600_000, retainRevisions: 1000 });
  t.after(async () => { await compactor.stop(); await store.close(); });

  const keys = 300;
  const value = 'v'.repeat(400);
  const revs = new Map<string, number>();
  for (let i = 0; i < keys; i++) revs.set(`/churn/${i}`, (await store.create(`/churn/${i}`, value)).modRevision);
  let maxSize = 0;
  for (let n = 0; n < 100_000; n++) {
    const key = `/churn/${n % keys}`;
    revs.set(key, (await store.update(key, value + (n % 10), revs.get(key) ?? 0)).modRevision);
    if (n % 5000 === 4999) {
      await compactor.runOnce(); // compacts to the revision of the previous step: ≤ 10k rows stay
      maxSize = Math.max(maxSize, fileSize(file));
    }
  }
  // Without compaction the log alone would be 100k rows × ~450 bytes ≈ 45 MB. With it, the file
  // holds at most ~10k rows (≈ 5 MB with the index) and the WAL, in a loop this busy, ~16 MB
  // between checkpoints (store.ts): 24 MB leaves room for page fragmentation and stays far below
  // the unbounded size.
  assert.ok(maxSize < 24 * 1024 * 1024, `db + wal reached ${maxSize} bytes`);
  assert.ok(rowCount(file) <= 10_000 + keys, `rows: ${rowCount(file)}`);
  assert.equal(await store.count('/churn/'), keys);
});
