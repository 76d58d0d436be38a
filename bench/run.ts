// Runs benchmarks one after another, each as its own child process (so one's memory and
// timers cannot skew the next):
//   node_modules/.bin/node bench/run.ts [name…] [--smoke]      (default: every benchmark)
// Each section starts with a "== name ==" header; the exit code is non-zero if any failed.

import { spawn } from 'node:child_process';
import path from 'node:path';

export const BENCHMARKS = ['storage', 'api', 'hollow', 'controllers', 'scheduler'] as const;

const NODE = path.resolve(import.meta.dirname, '../node_modules/.bin/node');
const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const names = args.filter((a) => !a.startsWith('--'));
for (const n of names) {
  if (!(BENCHMARKS as readonly string[]).includes(n)) {
    console.error(`unknown benchmark ${n} (known: ${BENCHMARKS.join(', ')})`);
    process.exit(2);
  }
}

let current: ReturnType<typeof spawn> | undefined;
// Ctrl-C reaches the child through the terminal; a SIGTERM to this process is passed on.
process.on('SIGTERM', () => { current?.kill('SIGTERM'); });
process.on('SIGINT', () => { current?.kill('SIGINT'); });

function runOne(name: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(NODE, [path.join(import.meta.dirname, `${name}.ts`), ...flags], { stdio: 'inherit' });
    current = child;
    child.on('exit', (code, signal) => { current = undefined; resolve(code ?? (signal ? 1 : 0)); });
    child.on('error', (err) => { console.error(`${name}: ${err.message}`); resolve(1); });
  });
}

const failed: string[] = [];
for (const name of names.length ? names : BENCHMARKS) {
  console.log(`== ${name} ==`);
  const t = performance.now();
  const code = await runOne(name);
  console.log(`== ${name}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${((performance.now() - t) / 1000).toFixed(1)}s ==\n`);
  if (code !== 0) failed.push(name);
}
if (failed.length) {
  console.log(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
