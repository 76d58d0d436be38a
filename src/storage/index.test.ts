import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { MemoryStore, SqliteStore, openStore, sqlitePathFromUrl } from './index.ts';

test('openStore picks the driver by URL scheme', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-open-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const mem = await openStore('memory://');
  assert.ok(mem instanceof MemoryStore);
  await mem.close();

  const file = path.join(dir, 'state.db');
  const sq = await openStore(`sqlite://${file}`);
  assert.ok(sq instanceof SqliteStore);
  await sq.create('/a', '1');
  await sq.close();
  assert.ok(fs.existsSync(file));

  const inMemory = await openStore('sqlite::memory:');
  assert.ok(inMemory instanceof SqliteStore);
  await inMemory.close();

  await assert.rejects(openStore('nosuch://x'), /unknown storage scheme nosuch:/);
});

test('sqlite URLs map to absolute, relative and in-memory paths', () => {
  assert.equal(sqlitePathFromUrl(new URL('sqlite:///var/lib/cox/state.db')), '/var/lib/cox/state.db');
  assert.equal(sqlitePathFromUrl(new URL('sqlite://data/state.db')), 'data/state.db');
  assert.equal(sqlitePathFromUrl(new URL('sqlite::memory:')), ':memory:');
});
