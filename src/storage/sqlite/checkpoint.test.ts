import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { SqliteStore } from './store.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-sqlite-checkpoint-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const size = (f: string): number => (fs.existsSync(f) ? fs.statSync(f).size : 0);

test('the store checkpoints the WAL into the database file once the event loop has time', async (t) => {
  const file = path.join(tempDir(t), 'state.db');
  const store = new SqliteStore(file);
  try {
    const value = 'v'.repeat(4000);
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.create(`/k/${i}`, value)));
    // SQLite's own checkpoint is off, so the rows are only in the WAL...
    assert.ok(size(file) < 200 * 4000, `database file ${size(file)} bytes before the checkpoint`);
    assert.ok(size(`${file}-wal`) > 200 * 4000);
    // ...until the store's timer (once a second, the loop idle) copies them over.
    await new Promise((r) => setTimeout(r, 2200));
    assert.ok(size(file) > 200 * 4000, `database file ${size(file)} bytes after the checkpoint`);
    // The next write starts the WAL over instead of growing it.
    const wal = size(`${file}-wal`);
    await store.create('/k/next', value);
    assert.equal(size(`${file}-wal`), wal);
  } finally {
    await store.close();
  }
});

test('a saturated loop still checkpoints once enough was written, so the WAL stays bounded', async (t) => {
  const file = path.join(tempDir(t), 'state.db');
  const store = new SqliteStore(file);
  try {
    const value = 'v'.repeat(64 * 1024);
    // 80 MB in quick groups: the forced checkpoint every 16 MB lets the WAL restart.
    for (let g = 0; g < 40; g++) await Promise.all(Array.from({ length: 32 }, (_, i) => store.create(`/k/${g}/${i}`, value)));
    assert.ok(size(`${file}-wal`) < 24 * 2 ** 20, `WAL ${size(`${file}-wal`)} bytes after 80 MB of writes`);
    assert.equal((await store.list('/k/')).items.length, 1280);
  } finally {
    await store.close();
  }
});
