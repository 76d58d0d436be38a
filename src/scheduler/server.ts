// The scheduler's secure port (upstream 10259): /healthz, /livez, /readyz and /metrics over
// HTTPS with a self-signed serving certificate.

import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createCertificateAuthority, daysFromNow, issueCertificate } from '../auth/pki/index.ts';
import type { Registry } from 'prom-client';

export interface SecureServingOptions {
  bindAddress: string;
  port: number;
  registry: Registry;
  /** Named readiness checks; /readyz fails while one returns false. */
  readyChecks: Record<string, () => boolean>;
}

export async function selfSignedServing(host: string): Promise<{ cert: string; key: string }> {
  const ca = await createCertificateAuthority({ commonName: `${host}-ca@${Math.floor(Date.now() / 1000)}`, notAfter: daysFromNow(365) });
  const leaf = await issueCertificate(ca, { commonName: `${host}@${Math.floor(Date.now() / 1000)}`, hosts: ['localhost', '127.0.0.1', host], usages: ['server'], notAfter: daysFromNow(365) });
  return { cert: `${leaf.certPem}\n${ca.certPem}`, key: leaf.keyPem };
}

export async function startSecureServing(o: SecureServingOptions): Promise<{ port: number; close(): Promise<void> }> {
  const { cert, key } = await selfSignedServing('kube-scheduler');
  const server = https.createServer({ cert, key }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://x');
    const path = url.pathname;
    const text = (code: number, body: string): void => {
      res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') { text(405, 'method not allowed\n'); return; }
    if (path === '/healthz' || path === '/livez' || path.startsWith('/healthz/') || path.startsWith('/livez/')) { text(200, 'ok'); return; }
    if (path === '/readyz' || path.startsWith('/readyz/')) {
      const failed = Object.entries(o.readyChecks).filter(([, f]) => !f()).map(([n]) => n);
      if (url.searchParams.has('verbose')) {
        const lines = ['[+]ping ok', ...Object.keys(o.readyChecks).map((n) => (failed.includes(n) ? `[-]${n} failed: reason withheld` : `[+]${n} ok`))];
        text(failed.length ? 500 : 200, `${lines.join('\n')}\n${failed.length ? 'readyz check failed' : 'readyz check passed'}\n`);
      } else text(failed.length ? 500 : 200, failed.length ? `[-]${failed.join(',')} failed\nreadyz check failed\n` : 'ok');
      return;
    }
    if (path === '/metrics') {
      o.registry.metrics().then((body) => {
        res.writeHead(200, { 'content-type': o.registry.contentType });
        res.end(body);
      }, (err: unknown) => text(500, String(err)));
      return;
    }
    text(404, '404 page not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.bindAddress, () => { server.off('error', reject); resolve(); });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
