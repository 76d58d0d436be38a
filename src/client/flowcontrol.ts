// A token bucket (client-go's flowcontrol.NewTokenBucketRateLimiter, x/time/rate underneath):
// `burst` tokens to start with, refilled at `qps` per second. Waiters reserve a token in order,
// going into debt, so concurrent callers are served first come first served.

import { realClock, sleep } from './clock.ts';
import type { Clock } from './clock.ts';

export class TokenBucket {
  readonly qps: number;
  readonly burst: number;
  private readonly clock: Clock;
  private tokens: number;
  private last: number;

  constructor(qps: number, burst: number, clock: Clock = realClock) {
    if (!(qps > 0)) throw new Error(`token bucket qps must be positive, got ${qps}`);
    this.qps = qps;
    this.burst = Math.max(1, Math.floor(burst));
    this.clock = clock;
    this.tokens = this.burst;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
      this.last = now;
    }
  }

  /** Takes a token now if one is there. */
  tryAccept(): boolean {
    this.refill();
    if (this.tokens >= 1) { this.tokens -= 1; return true; }
    return false;
  }

  /** Reserves a token and returns how many ms to wait before using it (0 when available now). */
  reserve(): number {
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.qps) * 1000);
  }

  /** Waits until a token is ours; an aborted wait gives its reservation back. */
  async accept(signal?: AbortSignal): Promise<void> {
    const delay = this.reserve();
    if (delay > 0) {
      try {
        await sleep(this.clock, delay, signal);
      } catch (err) {
        this.tokens = Math.min(this.burst, this.tokens + 1);
        throw err;
      }
    }
  }
}
