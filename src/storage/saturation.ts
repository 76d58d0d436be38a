// Whether this process's event loop is saturated: background storage work (packing the watch
// cache, checkpointing SQLite's WAL) waits while requests keep the one thread busy, the way a
// garbage collector leaves work for idle time, and catches up once the burst is over.
// Under V8's CPU profiler (--cpu-prof) the loop's idle time is under-counted (its sampling signal
// keeps waking the poll): a profiled server looks saturated and defers that work while idle.

import { performance } from 'node:perf_hooks';

/** Utilization over the last sample window above which the loop counts as saturated. */
const SATURATED_ABOVE = 0.9;
/** Shortest window one sample covers. */
const WINDOW_MS = 500;

/** A function giving the event loop's utilization (0..1) since its previous call. */
export function utilizationSampler(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const u = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    return u;
  };
}

const utilization = utilizationSampler();
let sampledAt = performance.now();
let saturated = false;

/** Whether the event loop was busy over 90% of the time since the previous sample (sampled at most twice a second). */
export function eventLoopSaturated(): boolean {
  const now = performance.now();
  if (now - sampledAt >= WINDOW_MS) {
    saturated = utilization() > SATURATED_ABOVE;
    sampledAt = now;
  }
  return saturated;
}
