// The request path as a composition of small functions (authenticate → authorize → … → handle).

import type { Exchange } from '../http/exchange.ts';

export type Handler = (ex: Exchange) => Promise<void>;
export type Filter = (ex: Exchange, next: Handler) => Promise<void>;

export function compose(filters: Filter[], last: Handler): Handler {
  return filters.reduceRight<Handler>((next, f) => (ex) => f(ex, next), last);
}
