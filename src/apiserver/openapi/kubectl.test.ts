// The real kubectl (oldest and newest supported minor) against discovery and OpenAPI served by
// a bare HTTP server on 127.0.0.1: explain reads our schemas, create --validate=strict sends
// fieldValidation=Strict, and client-side apply builds a strategic merge patch from our metadata.
// Skipped when the kubectl binaries are not on the machine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { getSchemaModel } from '../../api/openapi/index.ts';
import { Discovery } from '../discovery/index.ts';
import { testRegistry } from '../discovery/test-registry.ts';
import { OpenAPIService } from './index.ts';

const run = promisify(execFile);
const KUBECTLS = ['1.27', '1.33'].map((v) => `/usr/lib/google-cloud-sdk/bin/kubectl.${v}`).filter((p) => fs.existsSync(p));

interface Seen { method: string; url: string; contentType: string; body: string }

function startServer(seen: Seen[]): Promise<http.Server> {
  const registry = testRegistry();
  const openapi = new OpenAPIService(registry, getSchemaModel());
  const discovery = new Discovery(registry);
  const store = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString();
      seen.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'] ?? '', body });
      const accept = req.headers.accept ?? '';
      const ifNoneMatch = req.headers['if-none-match'];
      const r = openapi.handle({ path: url.pathname, query: url.searchParams, accept, ifNoneMatch })
        ?? discovery.handle({ path: url.pathname, accept, ifNoneMatch, host: req.headers.host });
      const send = (status: number, text: string) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(text);
      };
      if (r) {
        res.writeHead(r.status, r.headers);
        res.end(r.body);
      } else if (req.method === 'POST') {
        const obj = JSON.parse(body) as { metadata: { name: string; uid?: string; resourceVersion?: string } };
        obj.metadata.uid = 'uid-1';
        obj.metadata.resourceVersion = '1';
        store.set(`${url.pathname}/${obj.metadata.name}`, JSON.stringify(obj));
        send(201, JSON.stringify(obj));
      } else if ((req.method === 'GET' || req.method === 'PATCH') && store.has(url.pathname)) {
        send(200, store.get(url.pathname) as string);
      } else {
        send(404, JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404, message: 'not found' }));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const DEPLOYMENT = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: app, image: ${image}}
`;

for (const kubectl of KUBECTLS) {
  test(`${path.basename(kubectl)}: explain, strict create and client-side apply work against our documents`, async (t) => {
    const seen: Seen[] = [];
    const server = await startServer(seen);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-kubectl-'));
    t.after(() => {
      server.close();
      server.closeAllConnections();
      fs.rmSync(home, { recursive: true, force: true });
    });
    const { port } = server.address() as { port: number };
    const env = { ...process.env, HOME: home, KUBECONFIG: path.join(home, 'none') };
    const k = (...args: string[]) => run(kubectl, [`--server=http://127.0.0.1:${port}`, ...args], { env, timeout: 20_000 });

    const explain = await k('explain', 'pods.spec.containers');
    assert.match(explain.stdout, /List of containers belonging to the pod/);
    assert.match(explain.stdout, /name\s+<string> -required-/);
    const recursive = await k('explain', 'deployment', '--recursive');
    assert.match(recursive.stdout, /KIND:\s+Deployment/);
    assert.match(recursive.stdout, /revisionHistoryLimit\s+<integer>/);
    const v2 = await k('explain', 'deployment.spec.strategy', '--output', 'plaintext-openapiv2');
    assert.match(v2.stdout, /rollingUpdate\s+<Object>/);

    const file = path.join(home, 'd.yaml');
    fs.writeFileSync(file, DEPLOYMENT('busybox'));
    await k('create', '-f', file, '--validate=strict');
    const post = seen.find((s) => s.method === 'POST');
    assert.match(post?.url ?? '', /fieldValidation=Strict/);

    fs.writeFileSync(file, DEPLOYMENT('busybox:2'));
    await k('apply', '-f', file);
    const patch = seen.find((s) => s.method === 'PATCH');
    assert.equal(patch?.contentType, 'application/strategic-merge-patch+json');
    assert.match(patch?.body ?? '', /"\$setElementOrder\/containers":\[\{"name":"app"\}\]/);
  });
}
