// Percentiles, the machine line every benchmark prints, and number formatting.

import fs from 'node:fs';
import os from 'node:os';

export interface Summary { n: number; p50: number; p99: number; max: number }

/** Nearest-rank percentiles of a sample (sorted in place). */
export function summarize(sample: number[]): Summary {
  sample.sort((a, b) => a - b);
  const at = (p: number): number => sample[Math.min(sample.length - 1, Math.max(0, Math.ceil(sample.length * p) - 1))] ?? NaN;
  return { n: sample.length, p50: at(0.5), p99: at(0.99), max: sample[sample.length - 1] ?? NaN };
}

export function machine(): string {
  let model = os.cpus()[0]?.model ?? '';
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model;
  } catch { /* not Linux: os.cpus() has it */ }
  const nproc = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  // Other work on the machine skews every figure: say how busy it was.
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `nproc ${nproc}, CPU ${model || 'unknown'}, node ${process.version}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average ${load}`;
}

export function ms(v: number): string {
  if (!Number.isFinite(v)) return '-';
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export function mb(bytes: number): string {
  return Number.isFinite(bytes) ? (bytes / 2 ** 20).toFixed(1) : '-';
}

export function sleep(msec: number): Promise<void> { return new Promise((r) => setTimeout(r, msec)); }
