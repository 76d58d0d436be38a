// Jittered exponential backoff that resets after a quiet period (client-go's
// wait.NewExponentialBackoffManager, used by the reflector with 800 ms → 30 s, reset after 2 min).

import { realClock } from './clock.ts';
import type { Clock } from './clock.ts';

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
  /** Each delay grows by up to this fraction at random (1.0: up to double). */
  jitter?: number;
  /** Without a failure for this long, the delay starts from initialMs again. */
  resetAfterMs?: number;
  clock?: Clock;
  random?: () => number;
}

export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly resetAfterMs: number;
  private readonly clock: Clock;
  private readonly random: () => number;
  private current: number;
  private lastAt = 0;

  constructor(o: BackoffOptions = {}) {
    this.initialMs = o.initialMs ?? 800;
    this.maxMs = o.maxMs ?? 30_000;
    this.factor = o.factor ?? 2;
    this.jitter = o.jitter ?? 1;
    this.resetAfterMs = o.resetAfterMs ?? 120_000;
    this.clock = o.clock ?? realClock;
    this.random = o.random ?? Math.random;
    this.current = this.initialMs;
  }

  /** The next delay in ms; each call grows the following one, up to the cap. */
  next(): number {
    const now = this.clock.now();
    if (this.lastAt && now - this.lastAt > this.resetAfterMs) this.current = this.initialMs;
    this.lastAt = now;
    const base = this.current;
    this.current = Math.min(this.maxMs, this.current * this.factor);
    const withJitter = this.jitter > 0 ? base + base * this.jitter * this.random() : base;
    return Math.min(withJitter, this.maxMs);
  }

  reset(): void {
    this.current = this.initialMs;
    this.lastAt = 0;
  }
}
