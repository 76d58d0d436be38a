// Audit: policy matching, events through the filter over real HTTP, and file rotation.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { notFound } from '../../api/errors.ts';
import { compose } from '../../apiserver/filters/chain.ts';
import { withRecovery } from '../../apiserver/filters/recovery.ts';
import { Exchange } from '../../apiserver/http/exchange.ts';
import { evaluatePolicy, fileAuditWriter, memoryAuditWriter, parsePolicy, withAudit } from './index.ts';
import type { Policy } from './index.ts';

const POLICY = `
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: None
    nonResourceURLs: ["/healthz*"]
  - level: RequestResponse
    resources: [{ group: "", resources: ["configmaps"] }]
  - level: Request
    verbs: [create]
    namespaces: [team]
  - level: Metadata
    userGroups: [system:authenticated]
`;

const attrs = (over: Record<string, unknown>): Parameters<typeof evaluatePolicy>[1] => ({
  user: { name: 'alice', groups: ['system:authenticated'] }, verb: 'get', isResourceRequest: true, path: '/api/v1/namespaces/x/pods/p',
  apiGroup: '', resource: 'pods', subresource: '', namespace: 'x', name: 'p', ...over,
});

async function withServer(policy: Policy, run: (url: string, events: Record<string, unknown>[]) => Promise<void>): Promise<void> {
  const writer = memoryAuditWriter();
  const handler = compose([withRecovery(() => {}), async (ex, next) => { ex.user = { name: 'alice', groups: ['system:authenticated'] }; await next(ex); }, withAudit(policy, writer)], async (ex) => {
    if (ex.path.endsWith('/missing')) throw notFound({ group: '', kind: 'ConfigMap', resource: 'configmaps' }, 'missing');
    if (ex.query.get('watch') === 'true') { ex.startStream(200, 'application/json'); ex.write('{}\n'); ex.end(); return; }
    if (ex.method === 'POST') { const body = JSON.parse((await ex.readBody(1024)).toString()) as object; ex.sendJSON(201, { ...body, created: true }); return; }
    ex.sendJSON(200, { ok: true });
  });
  const server = http.createServer((req, res) => { void handler(new Exchange(req, res)); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, writer.events);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
}

describe('audit', () => {
  it('takes the level of the first matching rule', () => {
    const p = parsePolicy(POLICY);
    assert.equal(evaluatePolicy(p, attrs({ isResourceRequest: false, path: '/healthz/ping', resource: '' })).level, 'None');
    assert.equal(evaluatePolicy(p, attrs({ resource: 'configmaps' })).level, 'RequestResponse');
    assert.equal(evaluatePolicy(p, attrs({ verb: 'create', namespace: 'team' })).level, 'Request');
    assert.equal(evaluatePolicy(p, attrs({ verb: 'create', namespace: 'other' })).level, 'Metadata');
    assert.equal(evaluatePolicy(p, attrs({ user: { name: 'system:anonymous', groups: ['system:unauthenticated'] } })).level, 'None');
    assert.deepEqual(evaluatePolicy(p, attrs({})).omitStages, ['RequestReceived']);
    assert.throws(() => parsePolicy('kind: Policy\nrules: [{level: Loud}]'), /level/);
  });

  it('records events with bodies per level, failures and watch start', async () => {
    await withServer(parsePolicy(POLICY), async (url, events) => {
      const post = await fetch(`${url}/api/v1/namespaces/team/configmaps`, { method: 'POST', body: JSON.stringify({ kind: 'ConfigMap', metadata: { name: 'c', managedFields: [] } }), headers: { 'user-agent': 'kubectl/test' } });
      assert.equal(post.status, 201);
      assert.equal((await fetch(`${url}/api/v1/namespaces/team/configmaps/missing`)).status, 404);
      assert.equal((await fetch(`${url}/api/v1/namespaces/x/pods?watch=true`)).status, 200);
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      const [created, missing, started, watched, ...rest] = events;
      assert.equal(rest.length, 0);
      assert.equal(created?.stage, 'ResponseComplete');
      assert.equal(created?.level, 'RequestResponse');
      assert.equal(created?.verb, 'create');
      assert.equal(created?.userAgent, 'kubectl/test');
      assert.deepEqual(created?.user, { username: 'alice', groups: ['system:authenticated'] });
      assert.deepEqual(created?.objectRef, { resource: 'configmaps', namespace: 'team', apiVersion: 'v1' });
      assert.deepEqual(created?.requestObject, { kind: 'ConfigMap', metadata: { name: 'c', managedFields: [] } });
      assert.deepEqual((created?.responseObject as { created: boolean }).created, true);
      assert.deepEqual(created?.responseStatus, { metadata: {}, code: 201 });
      assert.match(String(created?.requestReceivedTimestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      assert.deepEqual(created?.sourceIPs, ['127.0.0.1']);
      assert.equal((missing?.responseStatus as { code: number }).code, 404);
      assert.equal((missing?.responseObject as { reason: string }).reason, 'NotFound');
      assert.deepEqual([started?.stage, started?.level, started?.verb], ['ResponseStarted', 'Metadata', 'watch']);
      assert.equal(watched?.stage, 'ResponseComplete');
      assert.equal(started?.auditID, watched?.auditID);
      assert.equal(watched?.requestObject, undefined);
    });
  });

  it('writes JSON lines and rotates by size, keeping the configured backups', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cox-audit-'));
    try {
      const file = path.join(dir, 'audit.log');
      const w = fileAuditWriter(file, { maxSizeBytes: 300, maxBackups: 2 });
      for (let i = 0; i < 20; i++) w.write({ kind: 'Event', i, pad: 'x'.repeat(60) });
      w.close();
      const files = readdirSync(dir).sort();
      assert.equal(files.length, 3, files.join(' '));
      const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { i: number });
      assert.equal(lines.at(-1)?.i, 19);
      assert.ok(readFileSync(file).length <= 300);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
