// Test helpers: HTTP/2 clients with client certificates of made-up users.

import http2 from 'node:http2';
import { issueClientCertificate } from '../pki/index.ts';
import type { TestServer } from '../../apiserver/testing.ts';

export interface UserClient {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): void;
}

export async function userClient(ts: TestServer, commonName: string, organizations: string[] = []): Promise<UserClient> {
  const { certPem, keyPem } = await issueClientCertificate(ts.server.pki, { commonName, organizations, days: 1 });
  const session = http2.connect(ts.server.url, { ca: ts.server.pki.caCertPem, cert: certPem, key: keyPem });
  session.on('error', () => {});
  return {
    request: (method, path, body, headers = {}) => new Promise((resolve, reject) => {
      const hdrs: Record<string, string> = { ':method': method, ':path': path, ...headers };
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      if (payload) hdrs['content-type'] ??= 'application/json';
      const req = session.request(hdrs, { endStream: payload === undefined });
      let status = 0;
      const chunks: Buffer[] = [];
      req.on('response', (h) => { status = Number(h[':status']); });
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let json: Record<string, unknown> = {};
        try { json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>; } catch { /* not JSON */ }
        resolve({ status, json });
      });
      req.on('error', reject);
      req.end(payload);
    }),
    close: () => session.close(),
  };
}
