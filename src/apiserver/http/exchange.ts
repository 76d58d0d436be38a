// One HTTP request/response pair, the same over HTTP/1.1 (Node's http objects) and HTTP/2 (the
// stream itself, through h2stream.ts).

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Http2StreamRequest, Http2StreamResponse } from './h2stream.ts';
import { randomUUID } from 'node:crypto';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { timeout, tooLarge } from '../../api/errors.ts';
import { parseRequestInfo } from '../requestinfo.ts';
import type { RequestInfo } from '../requestinfo.ts';

const peerCertificates = new WeakMap<object, PeerCertificate | null>();

/** upstream's limits on warning headers: 4 KiB in all; past that, items cut to 256 characters, then dropped. */
const WARNINGS_TOTAL = 4 * 1024;
const WARNING_ITEM = 256;
/** Header lines per response: clients refuse responses with very many (Node's default is 128 pairs). */
const WARNINGS_MAX = 50;

export function boundedWarnings(all: readonly string[]): string[] {
  const unique = [...new Set(all)];
  const total = unique.reduce((n, w) => n + w.length, 0);
  const items = total <= WARNINGS_TOTAL ? unique : unique.map((w) => (w.length > WARNING_ITEM ? `${w.slice(0, WARNING_ITEM)}...` : w));
  const out: string[] = [];
  let size = 0;
  for (const w of items) {
    if (size + w.length > WARNINGS_TOTAL || out.length === WARNINGS_MAX - 1) {
      out.push(`${items.length - out.length} more warnings were omitted`);
      break;
    }
    out.push(w);
    size += w.length;
  }
  return out;
}

/** How long a request body may take to arrive (upstream's request timeout is 60 s). */
const BODY_TIMEOUT_MS = 60_000;
import type { UserInfo } from '../../auth/types.ts';

export type RawRequest = IncomingMessage | Http2StreamRequest;
export type RawResponse = ServerResponse | Http2StreamResponse;

/** The subset of the response API both protocols share. */
interface ResponseLike {
  statusCode: number;
  headersSent: boolean;
  writableEnded: boolean;
  setHeader(name: string, value: string | number | string[]): unknown;
  write(chunk: string | Uint8Array): boolean;
  end(chunk?: string | Uint8Array): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  flushHeaders?(): void;
}

export class Exchange {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly req: RawRequest;
  private readonly res: ResponseLike;
  /** Set by the authentication filter. */
  user: UserInfo | undefined;
  readonly startedAt = performance.now();
  /** The request's audit ID (Audit-Id header), as upstream. */
  readonly auditID: string;
  /** Warnings returned as `Warning: 299 - "..."` headers (upstream's warning.AddWarning). */
  readonly warnings: string[] = [];
  /** Why the request line cannot be served (answered 400 by the router), if it cannot. */
  malformed: string | undefined;
  /** Observers for the audit log: the request body once read, the response as sent. */
  onBody?: (body: Buffer) => void;
  onResponse?: (status: number, body: string | Buffer) => void;
  onStreamStart?: (status: number) => void;

  constructor(req: RawRequest, res: RawResponse) {
    this.req = req;
    this.res = res as unknown as ResponseLike;
    this.method = (req.method ?? 'GET').toUpperCase();
    // Hostile paths ('//', '%ZZ') must become a 400, never an exception outside the handler chain.
    const raw = req.url ?? '/';
    // Dot segments (literal or escaped) are refused, not resolved: '/namespaces/%2e%2e/services'
    // must never turn into a cluster-wide '/services'.
    const rawPath = raw.split('?')[0] ?? '';
    if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(rawPath)) this.malformed = `the request path may not contain "." or ".." segments: ${JSON.stringify(rawPath.slice(0, 256))}`;
    let url: URL;
    try {
      url = new URL(raw.startsWith('/') ? `https://localhost${raw}` : raw, 'https://localhost');
    } catch {
      url = new URL('https://localhost/');
      this.malformed = `invalid request URL: ${JSON.stringify(raw.slice(0, 256))}`;
    }
    try {
      this.path = decodeURIComponent(url.pathname);
    } catch {
      this.path = url.pathname;
      this.malformed = `invalid escape sequence in the request path: ${JSON.stringify(url.pathname.slice(0, 256))}`;
    }
    this.query = url.searchParams;
    this.headers = req.headers;
    const given = this.header('audit-id');
    this.auditID = given && given.length <= 64 ? given : randomUUID();
  }

  private info: Readonly<RequestInfo> | undefined;

  /** What the request addresses (upstream's RequestInfo), worked out once for every filter and the router. */
  get requestInfo(): Readonly<RequestInfo> {
    return this.info ??= Object.freeze(parseRequestInfo(this.method, this.path, this.query));
  }

  /** The status code sent (or about to be sent). */
  get statusCode(): number { return this.res.statusCode; }

  header(name: string): string {
    const v = this.headers[name.toLowerCase()];
    return Array.isArray(v) ? v.join(', ') : (v ?? '');
  }

  get userAgent(): string { return this.header('user-agent'); }

  get remoteAddress(): string { return this.req.socket?.remoteAddress ?? ''; }

  /** The verified client certificate, read once per TLS connection (HTTP/2 shares one for many requests). */
  peerCertificate(): PeerCertificate | undefined {
    const stream = (this.req as { stream?: { session?: { socket?: unknown } } }).stream;
    const sock = (stream?.session?.socket ?? this.req.socket) as TLSSocket | undefined;
    if (!sock || typeof sock.getPeerCertificate !== 'function') return undefined;
    const known = peerCertificates.get(sock);
    if (known !== undefined) return known ?? undefined;
    const cert = sock.getPeerCertificate(false);
    const verified = cert && Object.keys(cert).length > 0 && sock.authorized ? cert : null;
    peerCertificates.set(sock, verified);
    return verified ?? undefined;
  }

  /** Reads the whole body, refusing more than limit bytes with 413. */
  readBody(limit: number, timeoutMs = BODY_TIMEOUT_MS): Promise<Buffer> {
    const declared = Number(this.header('content-length') || '0');
    if (declared > limit) {
      this.req.resume();
      return Promise.reject(tooLarge(limit));
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      const fail = (e: Error): void => { if (!failed) { failed = true; clearTimeout(timer); reject(e); } };
      // A client that trickles its body cannot hold a request open forever (slowloris).
      const timer = setTimeout(() => fail(timeout('request did not complete within the allowed duration')), timeoutMs);
      timer.unref();
      this.req.once('close', () => { if (!this.req.readableEnded) fail(new Error('the client closed the request before sending its body')); });
      this.req.on('data', (c: Buffer) => {
        if (failed) return;
        size += c.length;
        if (size > limit) { fail(tooLarge(limit)); return; }
        chunks.push(c);
      });
      this.req.on('end', () => {
        if (failed) return;
        clearTimeout(timer);
        const body = Buffer.concat(chunks);
        this.onBody?.(body);
        resolve(body);
      });
      this.req.on('error', (e: Error) => fail(e));
    });
  }

  get responded(): boolean { return this.res.headersSent; }
  /** Whether the response was ended, or the client went away. */
  get closed(): boolean {
    const r = this.res as unknown as { writableEnded: boolean; destroyed?: boolean; stream?: { destroyed?: boolean } };
    return r.writableEnded || (r.stream?.destroyed ?? r.destroyed) === true;
  }

  send(status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
    if (this.res.headersSent) { if (!this.res.writableEnded) this.res.end(); return; }
    this.res.statusCode = status;
    this.res.setHeader('Content-Type', contentType);
    this.res.setHeader('Cache-Control', headers['Cache-Control'] ?? 'no-cache, private');
    for (const [k, v] of Object.entries(headers)) if (k !== 'Cache-Control') this.res.setHeader(k, v);
    this.applyWarnings();
    this.discardUnreadBody();
    this.res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.length);
    this.res.end(this.method === 'HEAD' ? undefined : body);
    this.onResponse?.(status, body);
  }

  sendJSON(status: number, obj: unknown, headers?: Record<string, string>): void {
    this.send(status, 'application/json', JSON.stringify(obj), headers);
  }

  /** Starts a streamed response (watch, logs). */
  startStream(status: number, contentType: string, headers: Record<string, string> = {}): void {
    this.res.statusCode = status;
    this.res.setHeader('Content-Type', contentType);
    this.res.setHeader('Cache-Control', 'no-cache, private');
    for (const [k, v] of Object.entries(headers)) this.res.setHeader(k, v);
    this.applyWarnings();
    this.res.flushHeaders?.();
    this.onStreamStart?.(status);
  }

  /** Writes a chunk; resolves false-y backpressure by returning whether the buffer is below its mark. */
  write(chunk: string | Uint8Array): boolean {
    if (this.res.writableEnded) return false;
    return this.res.write(chunk);
  }

  /**
   * A request answered without reading its body (403, 404, 405…) still has its body drained:
   * on HTTP/2, unread DATA frames for an answered stream would count against the session's
   * invalid-frame budget and end every other request on the connection.
   */
  private discardUnreadBody(): void {
    const r = this.req as { readableEnded?: boolean; readableFlowing?: boolean | null; listenerCount(e: string): number };
    if (!r.readableEnded && r.listenerCount('data') === 0) this.req.resume();
  }

  private applyWarnings(): void {
    if (this.warnings.length === 0) return;
    this.res.setHeader('Warning', boundedWarnings(this.warnings).map((w) => `299 - ${JSON.stringify(w)}`));
  }

  end(): void { if (!this.res.writableEnded) this.res.end(); }

  onClose(fn: () => void): void { this.res.on('close', fn); }

  /** Bytes written to this response and not yet sent (per stream on HTTP/2). */
  bufferedBytes(): number {
    const r = this.res as unknown as { writableLength?: number; stream?: { writableLength?: number } };
    return r.stream?.writableLength ?? r.writableLength ?? 0;
  }

  onceDrain(fn: () => void): void { this.res.once('drain', fn); }

  /** Resolves when the response can take more data, or has closed. */
  drained(): Promise<void> {
    const r = this.res as unknown as { once(e: string, f: () => void): void; off(e: string, f: () => void): void };
    return new Promise((resolve) => {
      const done = (): void => { r.off('drain', done); r.off('close', done); resolve(); };
      r.once('drain', done);
      r.once('close', done);
    });
  }

  setHeader(name: string, value: string): void { if (!this.res.headersSent) this.res.setHeader(name, value); }
}
