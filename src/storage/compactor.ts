// The automatic compactor the apiserver runs (upstream compacts etcd every 5 minutes).
// Policy: at every tick, compact to the older of (a) the revision seen at the previous tick and
// (b) the current revision minus retainRevisions. So history always covers at least one interval
// (5 min by default: a watch that dropped can resume within that time) and at least the last
// retainRevisions writes (10,000 by default), whichever reaches further back.
import type { Store } from './interface.ts';

export interface CompactorOptions {
  /** Time between compactions (default 300,000 ms, as upstream). */
  intervalMs?: number;
  /** Revisions always kept behind the current one (default 10,000). */
  retainRevisions?: number;
  /** Called when a compaction fails (the compactor keeps running). */
  onError?: (err: Error) => void;
}

export interface Compactor {
  /** One compaction step now (also what each tick runs); resolves to the revision compacted to, or 0. */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a running compaction. */
  stop(): Promise<void>;
}

/** Drivers with a write-ahead log to fold back and truncate after compaction (SQLite). */
interface Checkpointable { checkpoint(): void }

function isCheckpointable(store: Store): store is Store & Checkpointable {
  return typeof (store as Partial<Checkpointable>).checkpoint === 'function';
}

export const DEFAULT_COMPACTION_INTERVAL_MS = 5 * 60 * 1000;
export const DEFAULT_RETAIN_REVISIONS = 10_000;

export function startCompactor(store: Store, opts: CompactorOptions = {}): Compactor {
  const intervalMs = opts.intervalMs ?? DEFAULT_COMPACTION_INTERVAL_MS;
  const retain = opts.retainRevisions ?? DEFAULT_RETAIN_REVISIONS;
  let previousTick = 0;
  let running: Promise<number> = Promise.resolve(0);
  let stopped = false;

  const step = async (): Promise<number> => {
    const current = await store.currentRevision();
    const target = Math.min(previousTick, current - retain);
    previousTick = current;
    if (target <= 0 || target <= await store.compactedRevision()) return 0;
    await store.compact(target);
    if (isCheckpointable(store)) store.checkpoint();
    return target;
  };

  const runOnce = (): Promise<number> => {
    running = running.catch(() => 0).then(step);
    return running;
  };

  const timer = setInterval(() => {
    if (stopped) return;
    runOnce().catch((err: unknown) => opts.onError?.(err instanceof Error ? err : new Error(String(err))));
  }, intervalMs);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => 0);
    },
  };
}
