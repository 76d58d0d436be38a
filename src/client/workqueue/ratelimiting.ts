// client-go's RateLimitingInterface: a delaying queue whose retries wait as long as the rate
// limiter says (per-item exponential backoff and an overall bucket, by default).

import type { Clock } from '../clock.ts';
import { DelayingQueue } from './delaying.ts';
import { defaultControllerRateLimiter } from './ratelimiter.ts';
import type { RateLimiter } from './ratelimiter.ts';

export interface RateLimitingQueueOptions {
  clock?: Clock;
  rateLimiter?: RateLimiter;
}

export class RateLimitingQueue extends DelayingQueue {
  readonly rateLimiter: RateLimiter;

  constructor(opts: RateLimitingQueueOptions = {}) {
    super({ clock: opts.clock });
    this.rateLimiter = opts.rateLimiter ?? defaultControllerRateLimiter(this.clock);
  }

  /** Adds the key once the rate limiter allows it (counts one more failure for it). */
  addRateLimited(key: string): void {
    this.addAfter(key, this.rateLimiter.when(key));
  }

  /** Clears the key's failure history (call after it was processed successfully). */
  forget(key: string): void {
    this.rateLimiter.forget(key);
  }

  numRequeues(key: string): number {
    return this.rateLimiter.numRequeues(key);
  }
}
