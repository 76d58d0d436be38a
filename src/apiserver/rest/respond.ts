// Writing objects, lists and Statuses back in the negotiated form.

import YAML from 'yaml';
import type { Status } from '../../api/errors.ts';
import { groupVersion } from '../../api/registry.ts';
import type { ResourceType } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Exchange } from '../http/exchange.ts';
import type { CachedObject } from '../storage/cached.ts';
import type { ListResultObjects } from './list.ts';
import type { Negotiated } from './negotiate.ts';
import { toServed } from './objects.ts';
import { includeObjectParam, partialMetadata, table } from './table.ts';

function sendBody(ex: Exchange, status: number, json: string, neg: Negotiated): void {
  if (neg.yaml) ex.send(status, 'application/yaml', YAML.stringify(JSON.parse(json)));
  else ex.send(status, 'application/json', json);
}

/** Sends one object (storage form) as the served type t. */
export function respondObject(ex: Exchange, t: ResourceType, obj: KubeObject, status: number, neg: Negotiated): void {
  const served = toServed(t, obj);
  if (neg.form === 'table') {
    sendBody(ex, status, JSON.stringify(table(t, [served], { include: includeObjectParam(ex.query), metaVersion: neg.metaVersion, resourceVersion: served.metadata.resourceVersion })), neg);
  } else if (neg.form === 'metadata') {
    sendBody(ex, status, JSON.stringify(partialMetadata(served, neg.metaVersion)), neg);
  } else {
    sendBody(ex, status, JSON.stringify(served), neg);
  }
}

/** Sends a cached object: its JSON as it is when the served form is the stored one. */
export function respondCached(ex: Exchange, t: ResourceType, entry: CachedObject, status: number, neg: Negotiated): void {
  if (neg.form === 'table' || neg.form === 'metadata' || t.storage) respondObject(ex, t, entry.read(), status, neg);
  else sendBody(ex, status, entry.json, neg);
}

/** Lists whose JSON passes this are streamed in pieces (no giant strings, bounded buffers). */
const STREAM_LIST_BYTES = 16 << 20;
const PIECE_BYTES = 1 << 20;
const STREAM_BUFFER_BYTES = 32 << 20;

export async function respondList(ex: Exchange, t: ResourceType, res: ListResultObjects, neg: Negotiated): Promise<void> {
  if (neg.form === 'table' || neg.form === 'metadata' || t.storage) {
    respondObjectList(ex, t, { ...res, items: res.items.map((e) => e.read()) }, neg);
    return;
  }
  // The cached JSON of each item, as it is. Small lists go out as one body with its length; a
  // big one (150,000 pods are ~500 MB, past V8's longest string) is written piece by piece at
  // the pace the client reads.
  const head = listHead(t, res);
  let piece = head;
  const pieces: string[] = [];
  let size = 0;
  let streaming = false;
  for (let i = 0; i < res.items.length; i++) {
    piece += (i === 0 ? '' : ',') + (res.items[i] as CachedObject).json;
    if (piece.length < PIECE_BYTES) continue;
    size += piece.length;
    pieces.push(piece);
    piece = '';
    if (!streaming && size > STREAM_LIST_BYTES && !neg.yaml) {
      streaming = true;
      ex.startStream(200, 'application/json');
    }
    if (streaming) {
      // Waiting for the stream to drain after every piece would cost one event-loop turn per
      // megabyte on a busy server; up to 32 MB may wait in the stream's buffer instead.
      for (const p of pieces.splice(0)) {
        if (ex.closed) return;
        ex.write(p);
        if (ex.bufferedBytes() > STREAM_BUFFER_BYTES && !ex.closed) await ex.drained();
      }
    }
  }
  piece += ']}';
  if (!streaming) {
    sendBody(ex, 200, pieces.length > 0 ? pieces.join('') + piece : piece, neg);
    return;
  }
  ex.write(piece);
  ex.end();
}

function listMeta(res: ListMeta): Record<string, unknown> {
  const meta: Record<string, unknown> = { resourceVersion: String(res.resourceVersion) };
  if (res.continueToken) meta.continue = res.continueToken;
  if (res.remaining) meta.remainingItemCount = res.remaining;
  return meta;
}

function listHead(t: ResourceType, res: ListMeta): string {
  return `{"kind":"${t.kind}List","apiVersion":"${groupVersion(t)}","metadata":${JSON.stringify(listMeta(res))},"items":[`;
}

type ListMeta = Omit<ListResultObjects, 'items'>;

/** Sends parsed objects (storage form) as a list of the served type, a Table or metadata. */
export function respondObjectList(ex: Exchange, t: ResourceType, res: ListMeta & { items: KubeObject[] }, neg: Negotiated): void {
  const items = t.storage ? res.items.map((o) => toServed(t, o)) : res.items;
  if (neg.form === 'table') {
    sendBody(ex, 200, JSON.stringify(table(t, items, {
      include: includeObjectParam(ex.query), metaVersion: neg.metaVersion, resourceVersion: String(res.resourceVersion),
      continueToken: res.continueToken, remaining: res.remaining,
    })), neg);
    return;
  }
  if (neg.form === 'metadata') {
    sendBody(ex, 200, JSON.stringify({
      kind: 'PartialObjectMetadataList', apiVersion: neg.metaVersion, metadata: listMeta(res),
      items: items.map((o) => partialMetadata(o, neg.metaVersion)),
    }), neg);
    return;
  }
  sendBody(ex, 200, listHead(t, res) + items.map((o) => JSON.stringify(o)).join(',') + ']}', neg);
}

export function respondStatus(ex: Exchange, s: Status): void {
  const headers: Record<string, string> = {};
  if (s.details?.retryAfterSeconds) headers['Retry-After'] = String(s.details.retryAfterSeconds);
  ex.sendJSON(s.code, s, headers);
}

export function successStatus(details: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
}
