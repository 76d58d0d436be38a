// Hostile input against an in-process apiserver with the full security installed: thousands of
// malformed, oversized, wrongly typed and hostile requests to every endpoint, as admin, an
// unprivileged user, a node and anonymous. No answer may be a 5xx, the server must stay ready,
// and storage must be unchanged except for writes the server accepted (and consistent with the
// watch caches). FUZZ_SEED and FUZZ_COUNT change the run.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixtures } from '../../src/api/kinds/testdata/fixtures.ts';
import { groupVersion } from '../../src/api/registry.ts';
import { startTestServer } from '../../src/apiserver/testing.ts';
import type { TestServer } from '../../src/apiserver/testing.ts';
import { issueClientCertificate } from '../../src/auth/pki/index.ts';
import { configureApiServer } from '../../src/cmd/controlplane.ts';
import { FuzzClient } from './client.ts';
import type { Answer, Identity } from './client.ts';
import { Rand } from './prng.ts';
import { RequestGenerator } from './requests.ts';
import type { FuzzRequest, Target, Who } from './requests.ts';
import { cacheInconsistencies, diffSnapshots, parseStorageKey, snapshotStore } from './snapshot.ts';
import type { Snapshot } from './snapshot.ts';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20240530);
const COUNT = Number(process.env['FUZZ_COUNT'] ?? 3000);
const CONCURRENCY = 8;
const TIMEOUT_MS = 10_000;
/** Requests that may break an HTTP/2 session's limits go on a session of their own. */
const OWN_SESSION = /huge-(header|count)|oversized|huge-string/;

interface WriteTarget { group: string; resource: string; namespace: string; name: string }

/** What a request path addresses, for accounting accepted writes. */
function targetOf(path: string): WriteTarget | undefined {
  const dec = (s: string | undefined): string => { try { return decodeURIComponent(s ?? ''); } catch { return s ?? ''; } };
  const parts = (path.split('?')[0] ?? '').split('/');
  let rest: string[];
  let group = '';
  if (parts[1] === 'api') rest = parts.slice(3);
  else if (parts[1] === 'apis') { group = parts[2] ?? ''; rest = parts.slice(4); }
  else return undefined;
  if (rest[0] === 'watch') rest = rest.slice(1);
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 3) { namespace = dec(rest[1]); rest = rest.slice(2); }
  let resource = dec(rest[0]);
  const name = dec(rest[1]);
  // A binding writes the pod it binds.
  if (resource === 'bindings') resource = 'pods';
  return { group, resource, namespace, name };
}

const describeRequest = (q: FuzzRequest): string => {
  const headers = Object.entries(q.headers).map(([k, v]) => `${k}: ${v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v}`).join('; ');
  const body = q.body === undefined ? '' : ` body[${q.body.length}]=${JSON.stringify(q.body.subarray(0, 120).toString('latin1'))}`;
  return `${q.who} ${q.method} ${q.path.length > 200 ? `${q.path.slice(0, 200)}…` : q.path} {${q.kind}} ${headers}${body}`;
};

describe('hostile input', () => {
  let ts: TestServer;
  let installed: { stop(): void } | undefined;
  const clients = new Map<Who, FuzzClient>();
  const identities = new Map<Who, Identity>();
  // The server runs in this process: an exception escaping its handlers is a crash of the server.
  const crashes: string[] = [];
  const onCrash = (err: unknown): void => { crashes.push(err instanceof Error ? `${err.stack ?? err.message}` : String(err)); };
  let before0: Snapshot;

  before(async () => {
    ts = await startTestServer({}, (s) => { installed = configureApiServer(s); });
    const pki = ts.server.pki;
    const user = await issueClientCertificate(pki, { commonName: 'fuzz-user', organizations: ['fuzzers'], days: 1 });
    const node = await issueClientCertificate(pki, { commonName: 'system:node:fz', organizations: ['system:nodes'], days: 1 });
    identities.set('admin', { name: 'admin', cert: pki.adminCertPem, key: pki.adminKeyPem });
    identities.set('user', { name: 'user', cert: user.certPem, key: user.keyPem });
    identities.set('node', { name: 'node', cert: node.certPem, key: node.keyPem });
    identities.set('anonymous', { name: 'anonymous' });
    for (const [who, id] of identities) clients.set(who, new FuzzClient(ts.server.url, pki.caCertPem, id));
    process.on('uncaughtException', onCrash);
    // Objects the fuzz aims at by name (fz-target), so gets, updates and patches reach real objects.
    const seed: [string, unknown][] = [
      ['/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fuzz' } }],
      ['/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'fz' } }],
      ['/api/v1/namespaces/fuzz/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'fz-target' }, stringData: { k: 'v' } }],
      ['/api/v1/namespaces/fuzz/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fz-target' }, data: { k: 'v' } }],
      ['/api/v1/namespaces/fuzz/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'fz-target' } }],
      ['/api/v1/namespaces/fuzz/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fz-target' }, spec: { nodeName: 'fz', serviceAccountName: 'fz-target', containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 's', secret: { secretName: 'fz-target' } }] } }],
      ['/apis/apps/v1/namespaces/fuzz/deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'fz-target' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } }],
      ['/apis/rbac.authorization.k8s.io/v1/namespaces/fuzz/roles', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'fz-target' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }] }],
      ['/apis/rbac.authorization.k8s.io/v1/namespaces/fuzz/rolebindings', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'fz-target' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'fz-target' }, subjects: [{ kind: 'User', name: 'fuzz-user', apiGroup: 'rbac.authorization.k8s.io' }] }],
    ];
    for (const [path, obj] of seed) {
      const res = await ts.request('POST', path, obj);
      assert.equal(res.status, 201, `seeding ${path}: ${res.text}`);
    }
    await cacheInconsistencies(ts.server);
    before0 = await snapshotStore(ts.server);
  });

  after(async () => {
    process.off('uncaughtException', onCrash);
    for (const c of clients.values()) c.close();
    installed?.stop();
    await ts.close();
    if (process.env.FUZZ_DEBUG) setTimeout(() => console.log('ACTIVE', process.getActiveResourcesInfo()), 3000).unref();
  });

  it(`answers ${COUNT} hostile requests without a 5xx, stays ready and keeps its data`, { timeout: 240_000 }, async () => {
    const targets: Target[] = ts.server.registry.types.map((type) => ({ type, fixture: fixtures[`${groupVersion(type)}/${type.resource}`] as Target['fixture'] }));
    const gen = new RequestGenerator(new Rand(SEED), targets);
    const requests = Array.from({ length: COUNT }, () => gen.next());
    const failures: string[] = [];
    const accepted: { q: FuzzRequest; a: Answer }[] = [];
    const statuses = new Map<number, number>();
    let transportErrors = 0;
    let next = 0;
    const started = Date.now();
    const worker = async (): Promise<void> => {
      while (next < requests.length) {
        const q = requests[next++] as FuzzRequest;
        let a: Answer;
        // Watches are cancelled by the client: many resets on one session count as abuse (HTTP/2 rapid reset).
        if (OWN_SESSION.test(q.kind) || /watch|follow=/.test(q.path)) {
          const own = new FuzzClient(ts.server.url, ts.server.pki.caCertPem, identities.get(q.who) as Identity);
          try { a = await own.send(q, TIMEOUT_MS); } finally { own.close(); }
        } else {
          a = await (clients.get(q.who) as FuzzClient).send(q, TIMEOUT_MS);
        }
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        if (a.status >= 500) failures.push(`${a.status} ← ${describeRequest(q)} → ${a.text.slice(0, 200)}`);
        else if (a.error && !a.error.startsWith('client refused')) {
          transportErrors++;
          // A header block too large for HTTP/2's limits may be refused at the protocol level.
          if (!/huge-(header|count)/.test(q.kind) && !(a.status > 0 && a.status < 500 && !a.error.startsWith('no complete answer'))) {
            failures.push(`no answer (${a.error}) ← ${describeRequest(q)}`);
          }
        }
        if (a.status >= 200 && a.status < 300 && !['GET', 'HEAD', 'OPTIONS', 'get'].includes(q.method)) accepted.push({ q, a });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
    const elapsed = Date.now() - started;
    const summary = `${COUNT} requests in ${elapsed} ms; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((x, y) => x[0] - y[0])))}; transport errors ${transportErrors}; accepted writes ${accepted.length}`;
    console.log(summary);
    assert.deepEqual(crashes, [], `the server threw ${crashes.length} uncaught exceptions (each kills a real apiserver process):\n${[...new Set(crashes)].join('\n')}`);
    assert.deepEqual(failures, [], `${failures.length} failures (${summary}):\n${failures.join('\n')}`);

    const ready = await ts.request('GET', '/readyz');
    assert.equal(ready.status, 200, ready.text);
    assert.deepEqual(await cacheInconsistencies(ts.server), []);

    // Every change in storage must be explained by a write the server accepted.
    const after0 = await snapshotStore(ts.server);
    const writes = accepted.map(({ q }) => targetOf(q.path)).filter((w): w is WriteTarget => w !== undefined);
    const namespaced = (group: string, resource: string): boolean => ts.server.ctx.storageByResource(group, resource)?.type.namespaced ?? false;
    if (process.env.FUZZ_DEBUG) for (const k of diffSnapshots(before0, after0)) console.log('DIFF', k, '\nBEFORE', before0.get(k), '\nAFTER ', after0.get(k));
    const unexplained = diffSnapshots(before0, after0).filter((key) => {
      const k = parseStorageKey(key, namespaced);
      return !writes.some((w) => (w.group === k.group && w.resource === k.resource && (!w.name || w.name === k.name) && (!w.namespace || w.namespace === k.namespace))
        || (w.resource === 'namespaces' && k.namespace !== '' && (w.name === k.namespace || (!w.name && w.namespace === ''))));
    });
    assert.deepEqual(unexplained, [], `storage changed without an accepted write; accepted writes:\n${accepted.map(({ q, a }) => `${a.status} ${describeRequest(q)}`).join('\n')}`);
  });
});
