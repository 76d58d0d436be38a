// A load-generation client: a few HTTP/2 sessions with the admin client certificate, requests
// spread round-robin over them, bodies collected as Buffers (never parsed unless asked), and
// raw watch streams handed back line by line.

import http2 from 'node:http2';
import type { ClientHttp2Session } from 'node:http2';
import type { Credentials } from './apiserver.ts';

export interface Response { status: number; body: Buffer }

export class Http2Pool {
  private readonly sessions: ClientHttp2Session[] = [];
  private next = 0;

  constructor(creds: Credentials, size: number) {
    for (let i = 0; i < size; i++) {
      // Flow-control windows as Go's HTTP/2 transport (client-go) sets them: 4 MB per stream,
      // 1 GB per connection. Node's 64 KB defaults would throttle watch streams on the client side.
      const s = http2.connect(creds.server, {
        ca: creds.ca, cert: creds.cert, key: creds.key, peerMaxConcurrentStreams: 2000,
        settings: { initialWindowSize: 4 * 2 ** 20 },
      });
      s.once('connect', () => { s.setLocalWindowSize(2 ** 30); });
      // A session error fails its pending streams, which reject their own requests.
      s.on('error', () => {});
      this.sessions.push(s);
    }
  }

  private session(): ClientHttp2Session {
    const s = this.sessions[this.next++ % this.sessions.length];
    if (!s) throw new Error('empty pool');
    return s;
  }

  request(method: string, path: string, body?: string, contentType = 'application/json'): Promise<Response> {
    return new Promise((resolve, reject) => {
      const headers: http2.OutgoingHttpHeaders = { ':method': method, ':path': path, accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = contentType;
      const req = this.session().request(headers, { endStream: body === undefined });
      let status = 0;
      const chunks: Buffer[] = [];
      req.on('response', (h) => { status = Number(h[':status'] ?? 0); });
      req.on('data', (c: Buffer) => { chunks.push(c); });
      req.on('end', () => resolve({ status, body: Buffer.concat(chunks) }));
      req.on('error', reject);
      if (body !== undefined) req.end(body);
    });
  }

  /** GET and parse JSON; throws on a non-2xx status. */
  async json<T>(path: string): Promise<T> {
    const res = await this.request('GET', path);
    if (res.status < 200 || res.status > 299) throw new Error(`GET ${path}: ${res.status} ${res.body.toString().slice(0, 300)}`);
    return JSON.parse(res.body.toString()) as T;
  }

  /**
   * Opens a watch (path must include watch=true); resolves once the server has sent the response
   * headers, i.e. the watch is registered. onLine gets each complete event line as it arrives.
   */
  watch(path: string, onLine: (line: string) => void): Promise<{ close(): void }> {
    return new Promise((resolve, reject) => {
      const req = this.session().request({ ':method': 'GET', ':path': path, accept: 'application/json' });
      req.setEncoding('utf8');
      let buf = '';
      req.on('data', (chunk: string) => {
        buf += chunk;
        let nl = buf.indexOf('\n');
        while (nl !== -1) {
          onLine(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
          nl = buf.indexOf('\n');
        }
      });
      req.on('response', (h) => {
        const status = Number(h[':status'] ?? 0);
        if (status !== 200) { req.close(); reject(new Error(`watch ${path}: ${status}`)); return; }
        resolve({ close: () => { req.close(); } });
      });
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    for (const s of this.sessions) s.destroy();
    this.sessions.length = 0;
  }
}
