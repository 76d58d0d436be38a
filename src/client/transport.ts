// One HTTP/2 session per server and TLS identity, as client-go keeps one transport per TLS config
// (its tlsTransportCache): every request and every watch of every client with the same server, CA
// and client certificate is a stream on it, while bearer tokens and user agents travel per
// request. A session that gets GOAWAY, fails or closes is dropped and the next request dials a
// new one; a ping health check (client-go's ReadIdleTimeout/PingTimeout) finds connections that
// died silently.

import { createHash } from 'node:crypto';
import http2 from 'node:http2';
import type { ClientHttp2Session, ClientHttp2Stream, IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http2';
import type { RestConfig } from './config.ts';

export interface TransportRequest {
  method: string;
  /** Path and query, already encoded, without the server's path prefix. */
  path: string;
  headers: OutgoingHttpHeaders;
  body?: Buffer;
  signal?: AbortSignal;
  /** Inactivity timeout for the stream in ms (0 or absent: none). */
  timeoutMs?: number;
}

export interface TransportResponse {
  status: number;
  headers: IncomingHttpHeaders;
  stream: ClientHttp2Stream;
}

/** A failure before the server could have acted on the request (safe to retry any verb). */
export class RequestNotSentError extends Error {
  override readonly cause: unknown;
  constructor(message: string, cause: unknown) {
    super(message);
    this.name = 'RequestNotSentError';
    this.cause = cause;
  }
}

const PingIntervalMs = 30_000;
const PingTimeoutMs = 15_000;
/** Receive windows as Go's HTTP/2 transport: per stream and per connection. */
export const StreamWindowBytes = 4 * 2 ** 20;
export const ConnectionWindowBytes = 2 ** 30;

interface SessionState { session: ClientHttp2Session; active: number; draining: boolean; pinger: ReturnType<typeof setInterval> }

export class Http2Transport {
  private readonly origin: string;
  readonly pathPrefix: string;
  private readonly options: http2.SecureClientSessionOptions;
  private current: SessionState | undefined;
  private closed = false;

  constructor(cfg: RestConfig) {
    const url = new URL(cfg.server);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`unsupported server URL ${cfg.server}`);
    this.origin = url.origin;
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    // One session carries a component's watches and big LISTs: Node's 10 MB session memory
    // default makes nghttp2 refuse streams (ENHANCE_YOUR_CALM) under load, as the server did.
    // Receive windows as Go's HTTP/2 transport (client-go): 4 MiB per stream, 1 GiB per connection.
    // With nghttp2's 64 KiB the server may send one window per round trip, and a busy server
    // reads WINDOW_UPDATEs late: a watch of a 150,000-pod cluster crawled at ~200 events/s and
    // held up every other response on the shared connection.
    const o: http2.SecureClientSessionOptions = { rejectUnauthorized: !cfg.insecure, maxSessionMemory: 256, settings: { initialWindowSize: StreamWindowBytes } };
    if (cfg.ca) o.ca = cfg.ca;
    if (cfg.cert) o.cert = cfg.cert;
    if (cfg.key) o.key = cfg.key;
    if (cfg.tlsServerName) o.servername = cfg.tlsServerName;
    this.options = o;
  }

  private session(): SessionState {
    const cur = this.current;
    if (cur && !cur.draining && !cur.session.closed && !cur.session.destroyed) return cur;
    const session = http2.connect(this.origin, this.options);
    session.once('connect', () => { if (!session.destroyed) session.setLocalWindowSize(ConnectionWindowBytes); });
    const state: SessionState = {
      session, active: 0, draining: false,
      pinger: setInterval(() => this.healthCheck(state), PingIntervalMs),
    };
    state.pinger.unref();
    const drop = (): void => {
      state.draining = true;
      clearInterval(state.pinger);
      if (this.current === state) this.current = undefined;
    };
    session.on('goaway', () => { drop(); if (!session.closed) session.close(); });
    session.on('close', drop);
    session.on('error', drop);
    session.unref();
    this.current = state;
    return state;
  }

  private healthCheck(state: SessionState): void {
    if (state.session.destroyed || state.session.closed) return;
    const timer = setTimeout(() => state.session.destroy(new Error('HTTP/2 ping timed out')), PingTimeoutMs);
    timer.unref();
    const ok = state.session.ping((err) => {
      clearTimeout(timer);
      if (err && !state.session.destroyed) state.session.destroy(err);
    });
    if (!ok) clearTimeout(timer);
  }

  /** Sends a request; resolves when the response headers arrive. */
  send(req: TransportRequest): Promise<TransportResponse> {
    if (this.closed) return Promise.reject(new Error('client is closed'));
    if (req.signal?.aborted) return Promise.reject(req.signal.reason);
    const state = this.session();
    const { session } = state;
    let stream: ClientHttp2Stream;
    try {
      stream = session.request({
        ':method': req.method,
        ':path': this.pathPrefix + req.path,
        ...req.headers,
      }, { endStream: req.body === undefined, signal: req.signal });
    } catch (err) {
      // The session went away between the check and the request.
      state.draining = true;
      return Promise.reject(new RequestNotSentError(`HTTP/2 session unusable: ${String(err)}`, err));
    }
    if (state.active++ === 0) session.ref();
    stream.once('close', () => {
      if (--state.active === 0 && !session.destroyed) session.unref();
    });
    if (req.timeoutMs) {
      stream.setTimeout(req.timeoutMs, () => stream.close(http2.constants.NGHTTP2_CANCEL));
    }
    if (req.body !== undefined) stream.end(req.body);
    return new Promise((resolve, reject) => {
      let settled = false;
      stream.once('response', (headers) => {
        settled = true;
        resolve({ status: Number(headers[':status'] ?? 0), headers, stream });
      });
      stream.once('error', (err: NodeJS.ErrnoException) => {
        if (settled) return;
        settled = true;
        reject(req.signal?.aborted ? req.signal.reason : classify(err, session));
      });
      stream.once('close', () => {
        if (settled) return;
        settled = true;
        if (req.signal?.aborted) { reject(req.signal.reason); return; }
        const code = stream.rstCode;
        if (code === http2.constants.NGHTTP2_REFUSED_STREAM) {
          reject(new RequestNotSentError('stream refused by the server', code));
        } else if (req.timeoutMs && code === http2.constants.NGHTTP2_CANCEL) {
          reject(Object.assign(new Error(`request timed out after ${req.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
        } else {
          reject(Object.assign(new Error(`stream closed before a response (code ${code})`), { code: 'ECONNRESET' }));
        }
      });
    });
  }

  /** Closes the session; open streams are cancelled. */
  close(): void {
    this.closed = true;
    const cur = this.current;
    this.current = undefined;
    if (cur) {
      clearInterval(cur.pinger);
      cur.session.destroy();
    }
  }
}

/** What decides whether two configs may share a connection: server and TLS material (client-go's tlsCacheKey). */
export function transportKey(cfg: RestConfig): string {
  const h = createHash('sha256');
  for (const part of [cfg.server, cfg.ca ?? '', cfg.cert ?? '', cfg.key ?? '', cfg.insecure ? 'insecure' : '', cfg.tlsServerName ?? '']) {
    h.update(part).update('\0');
  }
  return h.digest('hex');
}

/** A client's hold on a shared transport; release() once, when the client closes. */
export interface TransportLease {
  readonly transport: Http2Transport;
  release(): void;
}

const shared = new Map<string, { transport: Http2Transport; refs: number }>();

/**
 * The transport for cfg's server and TLS material, shared with every other holder of the same;
 * the connection closes when the last holder releases it.
 */
export function acquireTransport(cfg: RestConfig): TransportLease {
  const key = transportKey(cfg);
  let entry = shared.get(key);
  if (!entry) {
    entry = { transport: new Http2Transport(cfg), refs: 0 };
    shared.set(key, entry);
  }
  entry.refs++;
  const held = entry;
  let released = false;
  return {
    transport: held.transport,
    release() {
      if (released) return;
      released = true;
      if (--held.refs > 0) return;
      if (shared.get(key) === held) shared.delete(key);
      held.transport.close();
    },
  };
}

/** How many distinct transports are held (for tests and diagnostics). */
export function sharedTransportCount(): number {
  return shared.size;
}

/** Connect failures and refused streams never reached the server. */
function classify(err: NodeJS.ErrnoException, session: ClientHttp2Session): Error {
  const code = err.code ?? '';
  const notSent = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_HTTP2_GOAWAY_SESSION', 'ERR_HTTP2_INVALID_SESSION'].includes(code)
    || (code === 'ERR_HTTP2_STREAM_ERROR' && /REFUSED_STREAM/.test(err.message))
    || (code === 'ECONNRESET' && session.connecting);
  return notSent ? new RequestNotSentError(err.message, err) : err;
}
