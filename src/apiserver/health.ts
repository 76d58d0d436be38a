// /healthz, /livez, /readyz with named checks and ?verbose / ?exclude, as upstream's healthz.

import type { Exchange } from './http/exchange.ts';

export interface HealthCheck { name: string; check(): Promise<void> }

export async function serveHealth(ex: Exchange, kind: 'healthz' | 'livez' | 'readyz', checks: HealthCheck[], subpath: string): Promise<void> {
  const exclude = new Set(ex.query.getAll('exclude'));
  const selected = subpath ? checks.filter((c) => c.name === subpath) : checks.filter((c) => !exclude.has(c.name));
  if (subpath && selected.length === 0) { ex.send(404, 'text/plain; charset=utf-8', '404 page not found\n'); return; }
  const results = await Promise.all(selected.map(async (c) => {
    try { await withTimeout(c.check(), 5000); return { name: c.name, ok: true, err: '' }; }
    catch (err) { return { name: c.name, ok: false, err: err instanceof Error ? err.message : String(err) }; }
  }));
  const failed = results.filter((r) => !r.ok);
  if (subpath) {
    const r = results[0];
    ex.send(r?.ok ? 200 : 500, 'text/plain; charset=utf-8', r?.ok ? 'ok' : `internal server error: ${r?.err ?? ''}\n`);
    return;
  }
  const verbose = ex.query.has('verbose') || failed.length > 0;
  if (!verbose) { ex.send(200, 'text/plain; charset=utf-8', 'ok'); return; }
  let body = '';
  for (const r of results) body += r.ok ? `[+]${r.name} ok\n` : `[-]${r.name} failed: reason withheld\n`;
  for (const x of exclude) body += `warn: some health checks cannot be excluded: no matches for "${x}"\n`.replace(/^.*$/, (l) => checks.some((c) => c.name === x) ? '' : l);
  body += failed.length > 0 ? `${kind} check failed\n` : `${kind} check passed\n`;
  ex.send(failed.length > 0 ? 500 : 200, 'text/plain; charset=utf-8', body);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms}ms`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e: unknown) => { clearTimeout(t); reject(e instanceof Error ? e : new Error(String(e))); });
  });
}
