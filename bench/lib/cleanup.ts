// Everything a benchmark starts (child processes, temp dirs, etcd) registers its own cleanup
// here, so that a failure or Ctrl-C still stops exactly those processes and removes those dirs.

type Cleanup = () => Promise<void> | void;

const pending = new Set<Cleanup>();
let installed = false;

async function runAll(): Promise<void> {
  const all = [...pending].reverse();
  pending.clear();
  for (const c of all) {
    try { await c(); } catch (err) { process.stderr.write(`bench cleanup: ${err instanceof Error ? err.message : String(err)}\n`); }
  }
}

/** Registers a cleanup; call the returned function to run it now (and forget it). */
export function onCleanup(c: Cleanup): () => Promise<void> {
  if (!installed) {
    installed = true;
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.once(sig, () => {
        process.stderr.write(`bench: ${sig}: cleaning up\n`);
        void runAll().finally(() => process.exit(130));
      });
    }
  }
  pending.add(c);
  return async () => {
    if (!pending.delete(c)) return;
    await c();
  };
}

/** Runs every cleanup still registered (for the end of main, success or not). */
export function cleanupAll(): Promise<void> { return runAll(); }
