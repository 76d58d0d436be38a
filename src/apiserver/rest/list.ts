// LIST: from the watch cache at a consistent revision (a paginated one's first page included),
// or from storage for continued and exact-revision reads (resourceVersion / resourceVersionMatch /
// limit / continue semantics).

import { StatusError, badRequest, gone, timeout } from '../../api/errors.ts';
import { CompactedError, FutureRevisionError } from '../../storage/interface.ts';
import type { CachedObject } from '../storage/cached.ts';
import type { ResourceStorage } from '../storage/resource.ts';
import type { Filter } from './filter.ts';

export interface ListResultObjects {
  items: CachedObject[];
  resourceVersion: number;
  continueToken?: string;
  remaining?: number;
}

export interface ListParams {
  namespace: string;
  filter: Filter;
  resourceVersion: string;
  resourceVersionMatch: string;
  limit: number;
  continueToken: string;
}

export function listParams(q: URLSearchParams, namespace: string, filter: Filter): ListParams {
  const limitRaw = q.get('limit') ?? '';
  const limit = limitRaw === '' ? 0 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`invalid limit: ${limitRaw}`);
  const rv = q.get('resourceVersion') ?? '';
  if (rv !== '' && !/^\d+$/.test(rv)) throw badRequest(`invalid resource version: ${rv}`);
  const rvm = q.get('resourceVersionMatch') ?? '';
  if (rvm !== '' && rvm !== 'Exact' && rvm !== 'NotOlderThan') {
    throw badRequest(`resourceVersionMatch: Unsupported value: "${rvm}": supported values: "Exact", "NotOlderThan"`);
  }
  if (rvm !== '' && rv === '') throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
  const cont = q.get('continue') ?? '';
  if (cont && rv !== '') throw badRequest('specifying resource version is not allowed when using continue');
  if (rvm === 'Exact' && rv === '0') throw badRequest('resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
  return { namespace, filter, resourceVersion: rv, resourceVersionMatch: rvm, limit, continueToken: cont };
}

interface ContinueToken { v: string; rv: number; start: string }

function encodeContinue(rv: number, lastKey: string, prefix: string): string {
  const tok: ContinueToken = { v: 'meta.k8s.io/v1', rv, start: lastKey.slice(prefix.length) };
  return Buffer.from(JSON.stringify(tok)).toString('base64url');
}

function decodeContinue(s: string): ContinueToken {
  try {
    const tok = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as ContinueToken;
    if (tok.v !== 'meta.k8s.io/v1' || typeof tok.rv !== 'number' || typeof tok.start !== 'string') throw new Error('bad');
    if (tok.start.includes('..') || tok.start.startsWith('/')) throw new Error('bad');
    return tok;
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

const TOO_OLD_CONTINUE = 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';

export async function listObjects(rs: ResourceStorage, p: ListParams): Promise<ListResultObjects> {
  const prefix = rs.namespacePrefix(p.namespace);
  if (p.continueToken) {
    const tok = decodeContinue(p.continueToken);
    return listFromStorage(rs, prefix, p, tok.rv, prefix + tok.start);
  }
  if (p.limit > 0 && p.resourceVersion !== '0' && p.resourceVersionMatch === 'Exact') {
    return listFromStorage(rs, prefix, p, Number(p.resourceVersion), undefined);
  }
  if (p.resourceVersionMatch === 'Exact' && Number(p.resourceVersion) !== rs.cache.rv) {
    return listFromStorage(rs, prefix, p, Number(p.resourceVersion), undefined);
  }
  return listFromCache(rs, prefix, p);
}

async function listFromCache(rs: ResourceStorage, prefix: string, p: ListParams): Promise<ListResultObjects> {
  const cache = rs.cache;
  if (p.resourceVersion === '') {
    // A consistent read: the cache must have caught up with storage's current revision.
    const current = await rs.store.currentRevision();
    if (!(await cache.waitFor(current, 250))) return listFromStorage(rs, prefix, p, current, undefined);
  } else if (p.resourceVersion !== '0') {
    const want = Number(p.resourceVersion);
    if (!(await cache.waitFor(want, 3000))) {
      throw new StatusError(504, 'Timeout', `Too large resource version: ${want}, current: ${cache.rv}`,
        { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 });
    }
  }
  const items: CachedObject[] = [];
  const pred = p.filter.predicate;
  if (p.filter.name !== undefined && (p.namespace || !rs.type.namespaced)) {
    const obj = cache.objects.get(rs.key(p.namespace, p.filter.name));
    if (obj && (!pred || pred(obj))) items.push(obj);
  } else {
    for (const obj of cache.withPrefix(prefix)) {
      if (!pred || pred(obj)) items.push(obj);
    }
  }
  // The first page of a consistent paginated list comes from the cache too (upstream's
  // ConsistentListFromCache), the rest from storage at the cache's revision. Selectors are
  // judged on the cached attributes: storage would parse every object it scans.
  if (p.resourceVersion === '' && p.limit > 0 && items.length > p.limit) {
    const more = items.length - p.limit;
    items.length = p.limit;
    const last = items[p.limit - 1] as CachedObject;
    return {
      items, resourceVersion: cache.rv, continueToken: encodeContinue(cache.rv, rs.key(last.namespace, last.name), prefix),
      remaining: p.filter.selective ? undefined : more,
    };
  }
  return { items, resourceVersion: cache.rv };
}

async function listFromStorage(rs: ResourceStorage, prefix: string, p: ListParams, revision: number, startAfter: string | undefined): Promise<ListResultObjects> {
  const items: CachedObject[] = [];
  const pred = p.filter.predicate;
  let after = startAfter;
  let rev = revision;
  let lastKey = '';
  try {
    for (;;) {
      const want = p.limit > 0 ? p.limit - items.length : 0;
      const page = await rs.store.list(prefix, { revision: rev, limit: want > 0 ? Math.max(want, pred ? 100 : want) : 0, startAfter: after });
      rev = page.revision;
      for (let i = 0; i < page.items.length; i++) {
        const kv = page.items[i];
        if (!kv) continue;
        lastKey = kv.key;
        // Selector attributes cost a parse: only when a selector will read them.
        const obj = rs.cache.entryOf(kv, kv.modRevision, pred !== undefined);
        if (!pred || pred(obj)) items.push(obj);
        if (p.limit > 0 && items.length >= p.limit) {
          const more = page.remaining + (page.items.length - 1 - i);
          if (more === 0) return { items, resourceVersion: rev };
          return {
            items, resourceVersion: rev, continueToken: encodeContinue(rev, lastKey, prefix),
            remaining: p.filter.selective ? undefined : more,
          };
        }
      }
      if (page.remaining === 0 || page.items.length === 0) return { items, resourceVersion: rev };
      after = lastKey;
    }
  } catch (err) {
    if (err instanceof CompactedError) {
      if (p.continueToken) throw gone(TOO_OLD_CONTINUE);
      throw gone(`The resourceVersion for the provided list is too old.`);
    }
    if (err instanceof FutureRevisionError) {
      throw timeout(`Too large resource version: ${err.requested}, current: ${err.current}`);
    }
    throw err;
  }
}
