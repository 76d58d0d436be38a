// Per-item and overall rate limiters for requeues (client-go's workqueue/default_rate_limiters.go).
// when(key) says how long to wait before the key is retried and counts the failure; forget(key)
// clears its history once it succeeds.

import { realClock } from '../clock.ts';
import type { Clock } from '../clock.ts';
import { TokenBucket } from '../flowcontrol.ts';

export interface RateLimiter {
  /** Milliseconds to wait before retrying this key; records one more failure. */
  when(key: string): number;
  forget(key: string): void;
  numRequeues(key: string): number;
}

/** base * 2^failures, capped at max (5 ms → 1000 s by default). */
export class ItemExponentialFailureRateLimiter implements RateLimiter {
  private readonly failures = new Map<string, number>();
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;

  constructor(baseDelayMs = 5, maxDelayMs = 1000 * 1000) {
    this.baseDelayMs = baseDelayMs;
    this.maxDelayMs = maxDelayMs;
  }

  when(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    const backoff = this.baseDelayMs * 2 ** n;
    return Number.isFinite(backoff) ? Math.min(backoff, this.maxDelayMs) : this.maxDelayMs;
  }

  forget(key: string): void { this.failures.delete(key); }
  numRequeues(key: string): number { return this.failures.get(key) ?? 0; }
}

/** fastDelay for the first maxFastAttempts failures of a key, slowDelay after. */
export class ItemFastSlowRateLimiter implements RateLimiter {
  private readonly failures = new Map<string, number>();
  readonly fastDelayMs: number;
  readonly slowDelayMs: number;
  readonly maxFastAttempts: number;

  constructor(fastDelayMs: number, slowDelayMs: number, maxFastAttempts: number) {
    this.fastDelayMs = fastDelayMs;
    this.slowDelayMs = slowDelayMs;
    this.maxFastAttempts = maxFastAttempts;
  }

  when(key: string): number {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    return n <= this.maxFastAttempts ? this.fastDelayMs : this.slowDelayMs;
  }

  forget(key: string): void { this.failures.delete(key); }
  numRequeues(key: string): number { return this.failures.get(key) ?? 0; }
}

/** An overall token bucket: every retry, of any key, takes a token. It tracks no keys. */
export class BucketRateLimiter implements RateLimiter {
  private readonly bucket: TokenBucket;

  constructor(qps = 10, burst = 100, clock: Clock = realClock) {
    this.bucket = new TokenBucket(qps, burst, clock);
  }

  when(_key: string): number { return this.bucket.reserve(); }
  forget(_key: string): void {}
  numRequeues(_key: string): number { return 0; }
}

/** The worst (longest) of several limiters. */
export class MaxOfRateLimiter implements RateLimiter {
  private readonly limiters: RateLimiter[];

  constructor(...limiters: RateLimiter[]) {
    this.limiters = limiters;
  }

  when(key: string): number {
    let max = 0;
    for (const l of this.limiters) max = Math.max(max, l.when(key));
    return max;
  }

  forget(key: string): void { for (const l of this.limiters) l.forget(key); }

  numRequeues(key: string): number {
    let max = 0;
    for (const l of this.limiters) max = Math.max(max, l.numRequeues(key));
    return max;
  }
}

/** client-go's DefaultControllerRateLimiter: per-item 5 ms → 1000 s, overall 10 qps with burst 100. */
export function defaultControllerRateLimiter(clock: Clock = realClock): RateLimiter {
  return new MaxOfRateLimiter(
    new ItemExponentialFailureRateLimiter(5, 1000 * 1000),
    new BucketRateLimiter(10, 100, clock),
  );
}
