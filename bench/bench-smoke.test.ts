// Keeps the benchmarks from rotting: the smoke run of every benchmark must finish and print
// each section. Timings are printed, never asserted.

import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

const NODE = path.resolve(import.meta.dirname, '../node_modules/.bin/node');

test('every benchmark runs its smoke size to completion and prints its section', { timeout: 180_000 }, async (t) => {
  const child = spawn(NODE, [path.join(import.meta.dirname, 'run.ts'), '--smoke'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM'); });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(code, 0, `bench/run.ts --smoke exited ${code}\n${out}\n${err}`);
  for (const header of ['== storage ==', 'storage benchmark (smoke)', '== api ==', 'api benchmark (smoke)', 'pod creates/s', 'watch delay after ack p99 ms', 'server CPU ms per pod create']) {
    assert.ok(out.includes(header), `missing "${header}" in:\n${out}`);
  }
  // Every section that started (benchmarks listed in run.ts later included) must have finished.
  const sections = [...out.matchAll(/^== (\S+) ==$/gm)].map((m) => m[1]);
  for (const name of sections) assert.match(out, new RegExp(`^== ${name}: done in `, 'm'), `section ${name} did not finish`);
  for (const driver of ['sqlite', 'etcd', 'memory']) assert.match(out, new RegExp(`^${driver}: paced `, 'm'), `no ${driver} results`);
});
