// Lets V8 give memory back once a burst of work is over.
//
// V8's memory reducer shrinks the heap (and releases its pooled pages) only when it sees a low
// but non-zero allocation rate or is told the isolate is in the background; Chrome says so for
// hidden tabs, Node never does. An idle server therefore keeps the heap its last burst grew to:
// a plain Node 24 script that allocates 150 MB of garbage still holds ~200 MB RSS after 30 idle
// seconds, and ~58 MB in memory saver mode. So a process that has been idle for a few seconds
// (event-loop utilization) switches V8 to memory saver mode, and back as soon as it is busy:
// memory saver mode costs ~30% CPU per request under load (measured with bench/api.ts).

import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { utilizationSampler } from '../storage/saturation.ts';
import v8 from 'node:v8';

export interface IdleMemoryOptions {
  /** How often utilization is sampled. */
  sampleMs?: number;
  /** Utilization below which a sample counts as idle. */
  idleBelow?: number;
  /** Idle time before V8 is switched to memory saver mode. */
  idleForMs?: number;
  /** Utilization of one sample that switches V8 back to its default mode. */
  busyAbove?: number;
  /** Test hooks. */
  utilization?: () => number;
  setMemorySaver?: (on: boolean) => void;
}

export interface IdleMemory {
  readonly saving: boolean;
  /** Takes one sample (the timer calls this). */
  sample(): void;
  stop(): void;
}

export function startIdleMemory(o: IdleMemoryOptions = {}): IdleMemory {
  const sampleMs = o.sampleMs ?? 500;
  const idleBelow = o.idleBelow ?? 0.02;
  const idleSamples = Math.max(1, Math.ceil((o.idleForMs ?? 5000) / sampleMs));
  const busyAbove = o.busyAbove ?? 0.1;
  const utilization = o.utilization ?? utilizationSampler();
  const setMemorySaver = o.setMemorySaver ?? ((on: boolean) => v8.setFlagsFromString(on ? '--memory-saver-mode' : '--no-memory-saver-mode'));
  let idleFor = 0;
  let saving = false;
  const state: IdleMemory = {
    get saving() { return saving; },
    sample() {
      const u = utilization();
      if (saving) {
        if (u > busyAbove) { saving = false; idleFor = 0; setMemorySaver(false); }
        return;
      }
      idleFor = u < idleBelow ? idleFor + 1 : 0;
      if (idleFor >= idleSamples) { saving = true; setMemorySaver(true); }
    },
    stop() { clearInterval(timer); },
  };
  const timer = setInterval(() => state.sample(), sampleMs);
  timer.unref();
  return state;
}

/**
 * bin/cox preloads jemalloc (it returns freed memory to the system; glibc's malloc kept a burst's
 * for good), with its background purging thread, and records the LD_PRELOAD and MALLOC_CONF it
 * found: put those back, so the processes cox starts do not inherit the allocator.
 */
export function restorePreload(env: NodeJS.ProcessEnv): void {
  for (const [name, saved] of [['LD_PRELOAD', 'COX_PRELOAD_RESTORE'], ['MALLOC_CONF', 'COX_MALLOC_CONF_RESTORE']] as const) {
    const original = env[saved];
    if (original === undefined) continue;
    if (original === '') delete env[name];
    else env[name] = original;
    delete env[saved];
  }
}

/** Debian's libjemalloc2, where bin/cox looks for it (/usr/lib/<arch>-linux-gnu), if installed. */
export function installedJemalloc(): string | undefined {
  return readdirSync('/usr/lib').filter((d) => d.endsWith('-linux-gnu'))
    .map((d) => path.join('/usr/lib', d, 'libjemalloc.so.2')).find((f) => existsSync(f));
}
