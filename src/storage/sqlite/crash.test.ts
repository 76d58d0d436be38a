import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { SqliteStore } from './store.ts';

test('a process killed with SIGKILL mid-stream loses no acknowledged write and leaves a sound file', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-sqlite-crash-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'state.db');
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'crash-writer.ts'), file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });

  let out = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // Kill it while it is writing flat out, after a good number of acknowledged writes.
      if (out.length > 60_000 && child.signalCode === null) { child.kill('SIGKILL'); resolve(); }
    });
    child.on('exit', (code) => reject(new Error(`writer exited by itself (code ${code})`)));
  });
  assert.equal(await exited, 'SIGKILL');

  const acknowledged = out.split('\n').slice(0, -1); // the last line may be cut mid-way
  assert.ok(acknowledged.length > 1000, `only ${acknowledged.length} writes acknowledged`);

  const raw = new DatabaseSync(file);
  try {
    assert.deepEqual(raw.prepare('PRAGMA integrity_check').all().map((r) => r.integrity_check), ['ok']);
  } finally { raw.close(); }

  const store = new SqliteStore(file);
  try {
    for (const key of acknowledged) assert.ok(await store.get(key), `acknowledged ${key} is missing`);
    const last = Number(acknowledged[acknowledged.length - 1]?.split('/')[2]);
    const rev = await store.currentRevision();
    // Revisions keep counting from where the killed process stopped.
    const next = await store.create('/after-crash', 'x');
    assert.equal(next.modRevision, rev + 1);
    assert.ok(rev >= last);
  } finally { await store.close(); }
});
