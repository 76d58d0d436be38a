// bin/cox runs the server on jemalloc when it is installed (it returns freed memory to the system;
// glibc's malloc kept a burst's), and on glibc's with COX_MALLOC=libc.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { installedJemalloc } from '../../src/cmd/idlememory.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const jemalloc = installedJemalloc();

/** Starts `bin/cox apiserver`, returns the libraries mapped and its threads' names once it is serving, and stops it. */
async function mappedLibraries(env: NodeJS.ProcessEnv): Promise<{ maps: string; threads: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-malloc-'));
  const proc = spawn(path.join(ROOT, 'bin/cox'), ['apiserver', '--data-dir', dir, '--secure-port', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const deadline = Date.now() + 60_000;
    while (!fs.existsSync(path.join(dir, 'admin.kubeconfig'))) {
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error('cox apiserver did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const threads = fs.readdirSync(`/proc/${proc.pid}/task`).map((t) => fs.readFileSync(`/proc/${proc.pid}/task/${t}/comm`, 'utf8').trim());
    return { maps: fs.readFileSync(`/proc/${proc.pid}/maps`, 'utf8'), threads };
  } finally {
    const exited = new Promise((r) => proc.once('exit', r));
    if (proc.exitCode === null) proc.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('bin/cox preloads jemalloc when installed, and not with COX_MALLOC=libc', { skip: jemalloc ? false : 'libjemalloc2 is not installed (scripts/test.sh installs it)' }, async () => {
  const env = { ...process.env };
  delete env['COX_MALLOC'];
  const je = await mappedLibraries(env);
  assert.match(je.maps, /libjemalloc\.so\.2/);
  // Its background thread purges freed pages while the server is idle.
  assert.ok(je.threads.some((t) => t.startsWith('jemalloc_bg')), `threads: ${je.threads.join(', ')}`);
  assert.doesNotMatch((await mappedLibraries({ ...env, COX_MALLOC: 'libc' })).maps, /libjemalloc/);
});
