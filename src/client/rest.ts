// The REST client (client-go's rest.RESTClient): JSON over an HTTP/2 session shared with every
// client of the same server and TLS identity (the credentials that are not TLS — bearer token,
// basic auth, user agent — go with each request), a client-side token bucket, retries of
// 429/Retry-After and of requests the server never saw, errors as StatusError, and watches as
// async iterables.

import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http2';
import type { Status } from '../api/errors.ts';
import type { KubeList } from '../api/types.ts';
import { realClock, sleep } from './clock.ts';
import type { Clock } from './clock.ts';
import { DefaultBurst, DefaultQPS } from './config.ts';
import type { RestConfig } from './config.ts';
import { TokenBucket } from './flowcontrol.ts';
import {
  deleteQuery, listQuery, patchContentTypes, queryString, resourcePath, writeQuery,
} from './request.ts';
import type {
  DeleteOptions, GetOptions, ListOptions, PatchOptions, PatchType, QueryValue, ResourceRef, WriteOptions,
} from './request.ts';
import { errorFromResponse } from './status.ts';
import { RequestNotSentError, acquireTransport } from './transport.ts';
import type { TransportLease, TransportResponse } from './transport.ts';
import { WatchStream } from './watch.ts';

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  /** Path from the API root, e.g. /api/v1/namespaces. */
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON unless it is already a string or Buffer. */
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RestClientOptions {
  clock?: Clock;
  /** Retries of 429s and unsent requests (client-go: 10). */
  maxRetries?: number;
}

const idempotent = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
const TokenFileCacheMs = 60_000;

export class RestClient {
  readonly config: RestConfig;
  private readonly transport: TransportLease;
  /** Aborted by close(): cancels this client's requests and watches, not those of others on the same connection. */
  private readonly closing = new AbortController();
  private readonly limiter: TokenBucket | undefined;
  private readonly clock: Clock;
  private readonly maxRetries: number;
  private token: { value: string; readAt: number } | undefined;

  constructor(config: RestConfig, opts: RestClientOptions = {}) {
    this.config = config;
    this.clock = opts.clock ?? realClock;
    this.maxRetries = opts.maxRetries ?? 10;
    this.transport = acquireTransport(config);
    const qps = config.qps === 0 ? DefaultQPS : config.qps;
    const burst = config.burst > 0 ? config.burst : DefaultBurst;
    // qps < 0 disables client-side throttling, as in client-go.
    this.limiter = qps > 0 ? new TokenBucket(qps, burst, this.clock) : undefined;
  }

  /** Cancels this client's requests and watches; the connection closes with its last client. */
  close(): void {
    if (this.closing.signal.aborted) return;
    this.closing.abort(new Error('client is closed'));
    this.transport.release();
  }

  private authHeader(): string | undefined {
    const c = this.config;
    const fromSource = c.tokenSource?.();
    if (fromSource) return `Bearer ${fromSource}`;
    if (c.token) return `Bearer ${c.token}`;
    if (c.tokenFile) {
      const now = this.clock.now();
      if (!this.token || now - this.token.readAt > TokenFileCacheMs) {
        this.token = { value: readFileSync(c.tokenFile, 'utf8').trim(), readAt: now };
      }
      return `Bearer ${this.token.value}`;
    }
    if (c.username !== undefined && c.password !== undefined) {
      return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
    }
    return undefined;
  }

  /** Sends a request, throttled and retried; resolves with the response whose body is still to be read. */
  private async open(o: RequestOptions, timeoutMs?: number): Promise<TransportResponse> {
    const path = o.path + queryString(o.query ?? {});
    let body: Buffer | undefined;
    if (o.body !== undefined) {
      body = Buffer.isBuffer(o.body) ? o.body : Buffer.from(typeof o.body === 'string' ? o.body : JSON.stringify(o.body));
    }
    const closing = this.closing.signal;
    if (closing.aborted) throw closing.reason;
    const signal = o.signal ? AbortSignal.any([o.signal, closing]) : closing;
    for (let attempt = 0; ; attempt++) {
      await this.limiter?.accept(signal);
      const headers: OutgoingHttpHeaders = {
        accept: o.accept ?? 'application/json',
        'user-agent': this.config.userAgent,
      };
      const auth = this.authHeader();
      if (auth) headers['authorization'] = auth;
      if (body !== undefined) headers['content-type'] = o.contentType ?? 'application/json';
      let res: TransportResponse;
      try {
        res = await this.transport.transport.send({ method: o.method, path, headers, body, signal, timeoutMs });
      } catch (err) {
        const retryable = err instanceof RequestNotSentError || (idempotent.has(o.method) && isConnectionReset(err));
        if (!retryable || attempt >= this.maxRetries || signal.aborted) throw err;
        await sleep(this.clock, Math.min(1000, 50 * 2 ** attempt), signal);
        continue;
      }
      const retryAfter = retryAfterSeconds(res.headers);
      const shouldRetry = res.status === 429 || (res.status >= 500 && res.status <= 504 && retryAfter !== undefined);
      if (shouldRetry && attempt < this.maxRetries) {
        res.stream.destroy();
        await sleep(this.clock, (retryAfter ?? 1) * 1000, signal);
        continue;
      }
      return res;
    }
  }

  /** Any request; non-2xx answers are thrown as StatusError. */
  async raw(o: RequestOptions): Promise<RawResponse> {
    const res = await this.open(o, o.timeoutMs ?? this.config.timeoutMs);
    const body = await readBody(res);
    if (res.status < 200 || res.status > 299) {
      throw errorFromResponse(res.status, body, o.method, o.path, retryAfterSeconds(res.headers));
    }
    return { status: res.status, headers: res.headers, body };
  }

  /** Any request returning JSON. */
  async request<T>(o: RequestOptions): Promise<T> {
    const res = await this.raw(o);
    return (res.body.length ? JSON.parse(res.body.toString('utf8')) : undefined) as T;
  }

  get<T>(ref: ResourceRef, opts: GetOptions = {}, signal?: AbortSignal): Promise<T> {
    return this.request<T>({ method: 'GET', path: resourcePath(ref), query: { resourceVersion: opts.resourceVersion }, signal });
  }

  list<T>(ref: ResourceRef, opts: ListOptions = {}, signal?: AbortSignal): Promise<KubeList<T>> {
    return this.request<KubeList<T>>({ method: 'GET', path: resourcePath({ ...ref, name: undefined }), query: listQuery(opts), signal });
  }

  /** POST to the collection, or to a subresource such as pods/binding when ref has name and subresource. */
  create<T>(ref: ResourceRef, body: unknown, opts: WriteOptions = {}): Promise<T> {
    const path = resourcePath(ref.subresource ? ref : { ...ref, name: undefined });
    return this.request<T>({ method: 'POST', path, query: writeQuery(opts), body });
  }

  update<T>(ref: ResourceRef, body: unknown, opts: WriteOptions = {}): Promise<T> {
    return this.request<T>({ method: 'PUT', path: resourcePath(ref), query: writeQuery(opts), body });
  }

  /** json: an RFC 6902 operation list; merge/strategic: a partial object; apply: the applied configuration. */
  patch<T>(ref: ResourceRef, type: PatchType, patch: unknown, opts: PatchOptions = {}): Promise<T> {
    if (type === 'apply' && !opts.fieldManager) throw new Error('server-side apply needs a fieldManager');
    return this.request<T>({
      method: 'PATCH', path: resourcePath(ref), query: writeQuery(opts), body: patch, contentType: patchContentTypes[type],
    });
  }

  /** The server answers with the object (when deletion is graceful or has finalizers) or a Status. */
  delete<T>(ref: ResourceRef, opts: DeleteOptions = {}): Promise<T | Status> {
    return this.request<T | Status>({
      method: 'DELETE', path: resourcePath(ref), query: deleteQuery(opts), body: deleteBody(opts),
    });
  }

  deleteCollection<T>(ref: ResourceRef, opts: DeleteOptions & ListOptions = {}): Promise<KubeList<T> | Status> {
    return this.request<KubeList<T> | Status>({
      method: 'DELETE', path: resourcePath({ ...ref, name: undefined }),
      query: { ...listQuery(opts), ...deleteQuery(opts) }, body: deleteBody(opts),
    });
  }

  /** Watches a collection (or one object, by a metadata.name field selector when ref.name is set). */
  watch<T>(ref: ResourceRef, opts: ListOptions = {}): WatchStream<T> {
    const o: ListOptions = { ...opts };
    if (ref.name !== undefined) {
      const byName = `metadata.name=${ref.name}`;
      o.fieldSelector = o.fieldSelector ? `${o.fieldSelector},${byName}` : byName;
    }
    const path = resourcePath({ ...ref, name: undefined });
    return new WatchStream<T>(async (signal) => {
      const res = await this.open({ method: 'GET', path, query: { ...listQuery(o), watch: true }, signal });
      if (res.status < 200 || res.status > 299) {
        throw errorFromResponse(res.status, await readBody(res), 'GET', path);
      }
      return res.stream;
    });
  }
}

function deleteBody(o: DeleteOptions): unknown {
  if (!o.preconditions) return undefined;
  return { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: o.preconditions };
}

function retryAfterSeconds(h: IncomingHttpHeaders): number | undefined {
  const v = h['retry-after'];
  if (typeof v !== 'string') return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, 60) : undefined;
}

function isConnectionReset(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_HTTP2_STREAM_CANCEL' || code === 'ERR_HTTP2_SESSION_ERROR'
    || code === 'ERR_HTTP2_STREAM_ERROR' || code === 'ERR_HTTP2_GOAWAY_SESSION';
}

function readBody(res: TransportResponse): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    res.stream.on('data', (c: Buffer) => chunks.push(c));
    res.stream.once('end', () => { ended = true; resolve(Buffer.concat(chunks)); });
    res.stream.once('error', reject);
    res.stream.once('close', () => {
      if (!ended) reject(Object.assign(new Error('response body cut short'), { code: 'ECONNRESET' }));
    });
  });
}
