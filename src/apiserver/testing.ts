// An in-process apiserver on memory storage and a tiny HTTP/2 client with the admin
// certificate, for integration tests.

import { mkdtempSync, rmSync } from 'node:fs';
import http2 from 'node:http2';
import os from 'node:os';
import path from 'node:path';
import { ApiServer } from './server.ts';
import type { ApiServerOptions } from './server.ts';

export interface Response { status: number; headers: http2.IncomingHttpHeaders; text: string; json: Record<string, unknown> }

export interface TestServer {
  server: ApiServer;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Opens a watch and collects its events until stop(). */
  watch(path: string): { events: Record<string, unknown>[]; stop(): void; ended: Promise<void> };
  /** A request on a connection without a client certificate (anonymous, or bearer tokens in headers). */
  anonymous(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** configure runs before start(): install authenticators, authorizers, admission plugins, hooks. */
export async function startTestServer(opts: Partial<ApiServerOptions> = {}, configure?: (server: ApiServer) => void | Promise<void>): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cox-it-'));
  const server = new ApiServer({ dataDir, bindAddress: '127.0.0.1', securePort: 0, datastoreEndpoint: 'memory://', log: () => {}, ...opts });
  await configure?.(server);
  await server.start();
  const session = http2.connect(server.url, { ca: server.pki.caCertPem, cert: server.pki.adminCertPem, key: server.pki.adminKeyPem });
  const anon = http2.connect(server.url, { ca: server.pki.caCertPem });
  session.on('error', () => {});
  anon.on('error', () => {});

  const send = (s: http2.ClientHttp2Session, method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    new Promise((resolve, reject) => {
      const hdrs: Record<string, string> = { ':method': method, ':path': p, ...headers };
      let payload: Buffer | undefined;
      if (body !== undefined) {
        payload = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
        hdrs['content-type'] ??= 'application/json';
      }
      const req = s.request(hdrs, { endStream: payload === undefined });
      let status = 0;
      let resHeaders: http2.IncomingHttpHeaders = {};
      const chunks: Buffer[] = [];
      req.on('response', (h) => { status = Number(h[':status']); resHeaders = h; });
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> = {};
        try { json = JSON.parse(text) as Record<string, unknown>; } catch { /* not JSON */ }
        resolve({ status, headers: resHeaders, text, json });
      });
      req.on('error', reject);
      req.end(payload);
    });

  return {
    server,
    request: (m, p, b, h) => send(session, m, p, b, h),
    anonymous: (m, p, b, h) => send(anon, m, p, b, h),
    watch(p) {
      const events: Record<string, unknown>[] = [];
      const req = session.request({ ':method': 'GET', ':path': p });
      let buf = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => {
        buf += c;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.trim()) events.push(JSON.parse(line) as Record<string, unknown>);
        }
      });
      const ended = new Promise<void>((resolve) => { req.on('close', () => resolve()); req.on('error', () => resolve()); });
      return { events, stop: () => req.close(), ended };
    },
    async close() {
      session.close();
      anon.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
