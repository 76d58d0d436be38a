// WATCH: a stream of JSON watch events from the watch cache, with selector transitions,
// bookmarks, 410 Gone for compacted history and a cut-off for clients that cannot keep up.

import { StatusError, badRequest } from '../../api/errors.ts';
import type { ResourceType } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Exchange } from '../http/exchange.ts';
import type { CachedObject } from '../storage/cached.ts';
import type { ResourceStorage } from '../storage/resource.ts';
import type { CacheEvent, Subscription } from '../storage/watchcache.ts';
import type { Filter } from './filter.ts';
import type { Negotiated } from './negotiate.ts';
import { toServed } from './objects.ts';
import { includeObjectParam, tableRows } from './table.ts';

/** A watcher whose unsent output passes this is closed (upstream drops slow watchers too). */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
const BOOKMARK_INTERVAL_MS = 60_000;

export interface WatchParams {
  namespace: string;
  filter: Filter;
  resourceVersion: string;
  sendInitialEvents: boolean | undefined;
  allowBookmarks: boolean;
  timeoutSeconds: number;
}

export function watchParams(q: URLSearchParams, namespace: string, filter: Filter): WatchParams {
  const rv = q.get('resourceVersion') ?? '';
  if (rv !== '' && !/^\d+$/.test(rv)) throw badRequest(`invalid resource version: ${rv}`);
  const sie = q.get('sendInitialEvents');
  const ts = Number(q.get('timeoutSeconds') ?? '0');
  if (!Number.isFinite(ts) || ts < 0) throw badRequest('invalid timeoutSeconds');
  return {
    namespace, filter, resourceVersion: rv,
    sendInitialEvents: sie === null ? undefined : sie === 'true',
    allowBookmarks: q.get('allowWatchBookmarks') === 'true',
    // upstream picks a random duration in [30, 60) minutes when the client sets none
    timeoutSeconds: ts > 0 ? ts : 1800 + Math.floor(Math.random() * 1800),
  };
}

export function serveWatch(ex: Exchange, t: ResourceType, rs: ResourceStorage, p: WatchParams, neg: Negotiated): void {
  const prefix = rs.namespacePrefix(p.namespace);
  const pred = p.filter.predicate;
  const include = includeObjectParam(ex.query);
  let columnsSent = false;
  let closed = false;
  let sub: Subscription | undefined;
  const fromRV = p.resourceVersion === '' || p.resourceVersion === '0' ? undefined : Number(p.resourceVersion);
  const initial = p.sendInitialEvents ?? fromRV === undefined;

  // Live events parse an object at most once for all watchers (the entry keeps it); the initial
  // state is read without keeping parsed forms.
  const render = (type: string, entry: CachedObject, live = true): string => {
    if (neg.form === 'table' || neg.form === 'metadata' || t.storage) {
      return renderParsed(type, live ? entry.obj : entry.read());
    }
    return `{"type":"${type}","object":${entry.json}}\n`;
  };
  const renderParsed = (type: string, obj: KubeObject): string => {
    if (neg.form === 'table') {
      const served = toServed(t, obj);
      const tbl: Record<string, unknown> = { kind: 'Table', apiVersion: neg.metaVersion, metadata: { resourceVersion: obj.metadata.resourceVersion } };
      if (!columnsSent) { tbl.columnDefinitions = t.columns; columnsSent = true; }
      tbl.rows = tableRows(t, [served], include, neg.metaVersion);
      return `{"type":"${type}","object":${JSON.stringify(tbl)}}\n`;
    }
    if (neg.form === 'metadata') {
      return `{"type":"${type}","object":${JSON.stringify({ kind: 'PartialObjectMetadata', apiVersion: neg.metaVersion, metadata: obj.metadata })}}\n`;
    }
    return `{"type":"${type}","object":${JSON.stringify(toServed(t, obj))}}\n`;
  };

  const inScope = (e: CachedObject): boolean => {
    if (p.namespace && rs.type.namespaced && e.namespace !== p.namespace) return false;
    return p.filter.name === undefined || e.name === p.filter.name;
  };
  const matches = (e: CachedObject | undefined): boolean => e !== undefined && inScope(e) && (!pred || pred(e));

  const close = (): void => {
    if (closed) return;
    closed = true;
    sub?.close();
    clearTimeout(timer);
    clearInterval(bookmarks);
    ex.end();
  };

  // While the initial state streams out (paced by the client), live events wait in order.
  let held: string[] | undefined;
  const send = (chunk: string): void => {
    if (closed) return;
    if (held) { held.push(chunk); return; }
    ex.write(chunk);
    if (ex.bufferedBytes() > MAX_BUFFERED_BYTES) close();
  };

  const onEvents = (events: CacheEvent[]): void => {
    let out = '';
    for (const ev of events) {
      if (fromRV !== undefined && ev.rv <= fromRV) continue;
      if (!ev.key.startsWith(prefix)) continue;
      const now = matches(ev.entry);
      const before = ev.type !== 'ADDED' && matches(ev.prev);
      if (ev.type === 'DELETED') { if (before) out += render('DELETED', ev.entry); continue; }
      if (now && before) out += render('MODIFIED', ev.entry);
      else if (now) out += render('ADDED', ev.entry);
      else if (before) out += render('DELETED', ev.entry);
    }
    if (out) send(out);
  };

  ex.startStream(200, 'application/json');
  const timer = setTimeout(close, p.timeoutSeconds * 1000);
  const bookmark = (annotations?: Record<string, string>): void => {
    const meta: Record<string, unknown> = { resourceVersion: String(rs.cache.rv) };
    if (annotations) meta.annotations = annotations;
    send(`{"type":"BOOKMARK","object":${JSON.stringify({ kind: t.kind, apiVersion: t.group ? `${t.group}/${t.version}` : t.version, metadata: meta })}}\n`);
  };
  const bookmarks = setInterval(() => { if (p.allowBookmarks) bookmark(); }, BOOKMARK_INTERVAL_MS);
  ex.onClose(close);

  try {
    const sendInitial = (objs: CachedObject[]): void => {
      held = [];
      void streamInitial(objs).catch(() => close());
    };
    // The snapshot goes out in ~1 MB chunks at the pace the client reads them (no giant strings,
    // no unbounded buffers), then the live events that arrived meanwhile, then live ones directly.
    const streamInitial = async (objs: CachedObject[]): Promise<void> => {
      let out = '';
      for (const o of objs) {
        if (closed) return;
        if (!matches(o)) continue;
        out += render('ADDED', o, false);
        if (out.length > 1 << 20) {
          if (!ex.write(out)) await ex.drained();
          out = '';
        }
      }
      if (out) ex.write(out);
      const pending = held ?? [];
      held = undefined;
      if (p.sendInitialEvents && p.allowBookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
      for (const chunk of pending) send(chunk);
    };
    // With initial events the stream starts from the current state; otherwise after fromRV (or now).
    sub = initial
      ? rs.cache.subscribe({ onEvents }, undefined, sendInitial, prefix)
      : rs.cache.subscribe({ onEvents }, fromRV ?? rs.cache.rv);
  } catch (err) {
    if (err instanceof StatusError) {
      send(`{"type":"ERROR","object":${JSON.stringify(err.toStatus())}}\n`);
      close();
      return;
    }
    close();
    throw err;
  }
}
