// One HTTP/2 session for a benchmark's load or probes, with client-go-sized receive windows; it
// authenticates with the admin client certificate, or with a bearer token alone.

import http2 from 'node:http2';
import type { ClientHttp2Session } from 'node:http2';
import type { Credentials } from './apiserver.ts';

export interface SessionResponse { status: number; body: string; bytes: number }

export class Session {
  private readonly s: ClientHttp2Session;
  private readonly token: string | undefined;
  constructor(c: Credentials, token?: string) {
    this.token = token;
    const tls = token ? { ca: c.ca } : { ca: c.ca, cert: c.cert, key: c.key };
    this.s = http2.connect(c.server, { ...tls, peerMaxConcurrentStreams: 2000, settings: { initialWindowSize: 4 * 2 ** 20 } });
    this.s.once('connect', () => { if (!this.s.destroyed) this.s.setLocalWindowSize(2 ** 30); });
    this.s.on('error', () => {});
  }

  /** Sends a request; the body is kept only when keep is set (a cluster LIST is only counted). */
  request(method: string, path: string, body?: string, contentType = 'application/json', keep = true): Promise<SessionResponse> {
    return new Promise((resolve, reject) => {
      const headers: http2.OutgoingHttpHeaders = { ':method': method, ':path': path, accept: 'application/json' };
      if (this.token) headers.authorization = `Bearer ${this.token}`;
      if (body !== undefined) headers['content-type'] = contentType;
      const req = this.s.request(headers, { endStream: body === undefined });
      let status = 0;
      let bytes = 0;
      const chunks: Buffer[] = [];
      req.on('response', (h) => { status = Number(h[':status'] ?? 0); });
      req.on('data', (c: Buffer) => { bytes += c.length; if (keep) chunks.push(c); });
      req.on('end', () => resolve({ status, body: keep ? Buffer.concat(chunks).toString() : '', bytes }));
      req.on('error', reject);
      if (body !== undefined) req.end(body);
    });
  }

  close(): void { this.s.close(); }
}

export async function mustOK(p: Promise<{ status: number; body: string }>, what: string): Promise<void> {
  const r = await p;
  if (r.status < 200 || r.status > 299) throw new Error(`${what}: ${r.status} ${r.body.slice(0, 300)}`);
}
