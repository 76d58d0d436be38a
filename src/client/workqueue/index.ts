export { WorkQueue } from './queue.ts';
export { DelayingQueue } from './delaying.ts';
export { RateLimitingQueue } from './ratelimiting.ts';
export type { RateLimitingQueueOptions } from './ratelimiting.ts';
export {
  BucketRateLimiter, ItemExponentialFailureRateLimiter, ItemFastSlowRateLimiter, MaxOfRateLimiter,
  defaultControllerRateLimiter,
} from './ratelimiter.ts';
export type { RateLimiter } from './ratelimiter.ts';
