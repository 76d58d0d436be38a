// The manager's HTTPS endpoint (upstream's secure serving on :10257): /healthz, /livez, /readyz
// and /metrics, on a self-signed certificate made at start-up.

import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { createCertificateAuthority, daysFromNow, issueCertificate } from '../../auth/pki/index.ts';

export interface HealthCheck {
  name: string;
  check(): string | undefined;
}

export interface ServingOptions {
  bindAddress: string;
  port: number;
  registry: Registry;
  checks: HealthCheck[];
}

async function selfSignedServing(host: string): Promise<{ cert: string; key: string }> {
  const ca = await createCertificateAuthority({ commonName: `${host}-ca@${Math.floor(Date.now() / 1000)}`, notAfter: daysFromNow(365) });
  const leaf = await issueCertificate(ca, {
    commonName: `${host}@${Math.floor(Date.now() / 1000)}`,
    hosts: [host, 'localhost', '127.0.0.1'], usages: ['server'], notAfter: daysFromNow(365),
  });
  return { cert: `${leaf.certPem.trimEnd()}\n${ca.certPem.trimEnd()}\n`, key: leaf.keyPem };
}

export async function startServing(o: ServingOptions): Promise<{ port: number; close(): Promise<void> }> {
  const { cert, key } = await selfSignedServing(o.bindAddress === '0.0.0.0' ? 'localhost' : o.bindAddress);
  const server = https.createServer({ cert, key }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://x');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/metrics') {
      o.registry.metrics().then((body) => {
        res.writeHead(200, { 'content-type': o.registry.contentType });
        res.end(body);
      }, (err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
      return;
    }
    const m = /^\/(healthz|livez|readyz)(?:\/(.+))?$/.exec(path);
    if (!m) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found\n');
      return;
    }
    const checks = m[2] ? o.checks.filter((c) => c.name === m[2]) : o.checks;
    if (m[2] && checks.length === 0) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found\n');
      return;
    }
    const failures = checks.map((c) => ({ name: c.name, err: c.check() }));
    const bad = failures.filter((f) => f.err !== undefined);
    const verbose = url.searchParams.has('verbose');
    res.writeHead(bad.length ? 500 : 200, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
    if (!verbose && !bad.length) { res.end('ok'); return; }
    const lines = failures.map((f) => (f.err === undefined ? `[+]${f.name} ok` : `[-]${f.name} failed: ${f.err}`));
    res.end(`${lines.join('\n')}\n${m[1]} check ${bad.length ? 'failed' : 'passed'}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.bindAddress, () => { server.off('error', reject); resolve(); });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
