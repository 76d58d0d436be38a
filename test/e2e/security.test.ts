// e2e for issue #3's "What must be shown": the real kubectl (both ends of the supported range)
// against a full `cox server`. A person with a client certificate and a service account with a
// token get exactly their RBAC rights across two namespaces, `kubectl auth can-i` agrees with
// what the server enforces, `kubectl create token` yields a working, expiring token, and
// ResourceQuota, LimitRanger and PodSecurity refuse and default with upstream's words.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import YAML from 'yaml';
import { KUBECTLS, NODE, ROOT, kubectl, kubectlFor, nsFor, useCluster, waitFor } from './harness.ts';
import type { Cluster, Run } from './harness.ts';

const cluster = useCluster();

/** A client-certificate kubeconfig for a person, issued by `cox kubeconfig`. */
function issueUserKubeconfig(c: Cluster, user: string, group: string, fileName: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(NODE, [path.join(ROOT, 'src/cmd/cox.ts'), 'kubeconfig', '--user', user, '--group', group, '--data-dir', c.dataDir], (err, stdout, stderr) => {
      if (err) { reject(new Error(`cox kubeconfig failed: ${stderr}`)); return; }
      const file = path.join(c.dataDir, fileName);
      writeFileSync(file, stdout);
      resolve(file);
    });
  });
}

/** A kubeconfig whose only credential is a bearer token (a client certificate would win over it). */
function tokenKubeconfig(c: Cluster, name: string, token: string): string {
  const admin = YAML.parse(readFileSync(c.kubeconfig, 'utf8')) as { clusters: { cluster: { server: string; 'certificate-authority-data': string } }[] };
  const server = admin.clusters[0]?.cluster;
  assert.ok(server, 'admin kubeconfig has a cluster');
  const file = path.join(c.dataDir, `${name}.kubeconfig`);
  writeFileSync(file, YAML.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': name,
    clusters: [{ name: 'coxswain', cluster: { server: server.server, 'certificate-authority-data': server['certificate-authority-data'] } }],
    users: [{ name, user: { token } }],
    contexts: [{ name, context: { cluster: 'coxswain', user: name } }],
  }));
  return file;
}

const pod = (name: string, extra: string = ''): string => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
${extra || '  containers: [{name: c, image: busybox}]'}
`;

/** prefix: how kubectl shows the server's error (`kubectl create deployment` words it its own way). */
function assertForbidden(r: Run, message: string, prefix = 'Error from server (Forbidden): '): void {
  assert.notEqual(r.code, 0, `expected Forbidden, got success: ${r.stdout}`);
  assert.equal(r.stderr.trim(), `${prefix}${message}`);
}

interface Check {
  verb: string; resource: string; group: string; canI: string;
  args: (ns: string, who: string) => string[];
  subject?: string;
  prefix?: string;
}

// The matrix's verbs, each as kubectl runs it and as `auth can-i` asks it. The name of the
// object (when there is one) makes upstream's message `pods "x" is forbidden`.
const CHECKS: Check[] = [
  { verb: 'get', resource: 'pods', group: '', canI: 'pods', args: (ns) => ['get', 'pod', 'absent', '-n', ns], subject: 'absent' },
  { verb: 'list', resource: 'pods', group: '', canI: 'pods', args: (ns) => ['get', 'pods', '-n', ns] },
  { verb: 'create', resource: 'pods', group: '', canI: 'pods', args: (ns, who) => ['run', `p-${who}`, '-n', ns, '--image=busybox', '--restart=Never'] },
  { verb: 'delete', resource: 'pods', group: '', canI: 'pods', args: (ns, who) => ['delete', 'pod', `p-${who}`, '-n', ns, '--wait=false'], subject: 'p-WHO' },
  { verb: 'list', resource: 'secrets', group: '', canI: 'secrets', args: (ns) => ['get', 'secrets', '-n', ns] },
  { verb: 'create', resource: 'deployments', group: 'apps', canI: 'deployments.apps', args: (ns, who) => ['create', 'deployment', `d-${who}`, '-n', ns, '--image=busybox', '--replicas=0'], prefix: 'error: failed to create deployment: ' },
];

for (const k of KUBECTLS) {
  describe(`kubectl ${k.version}: security as issue #3 must show`, { concurrency: false }, () => {
    const admin = kubectlFor(cluster, k);
    const a = nsFor('a', k.version);
    const b = nsFor('b', k.version);
    const c = nsFor('c', k.version);
    const r = nsFor('r', k.version);
    const w = nsFor('w', k.version);
    const bot = `system:serviceaccount:${b}:bot`;
    let aliceCfg = '';
    let botCfg = '';
    let token = '';
    const as = (cfg: string, args: string[], input?: string): Promise<Run> => kubectl(k.bin, cfg, args, input);

    test('setup: namespaces, alice (client cert) edits a, bot (token) reads pods in b', async () => {
      await admin.ok(['apply', '-f', '-'], `
${[a, b, c, r, w].map((n) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${n}}\n`).join('---\n')}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: alice-edit, namespace: ${a}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: User, apiGroup: rbac.authorization.k8s.io, name: alice}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: bot, namespace: ${b}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader, namespace: ${b}}
rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: bot-reads-pods, namespace: ${b}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
subjects: [{kind: ServiceAccount, name: bot, namespace: ${b}}]
`);
      // Pods need their namespace's default ServiceAccount (the ServiceAccount admission plugin).
      for (const n of [a, b, c, r, w]) {
        await waitFor(`serviceaccount default in ${n}`, async () => (await admin.run(['get', 'serviceaccount', 'default', '-n', n])).code === 0);
      }
      aliceCfg = await issueUserKubeconfig(cluster(), 'alice', 'devs', `alice-${k.version}.kubeconfig`);
      token = (await admin.ok(['create', 'token', 'bot', '-n', b, '--duration=10m'])).trim();
      botCfg = tokenKubeconfig(cluster(), `bot-${k.version}`, token);
    });

    test('the token from `kubectl create token` works and expires in 10 minutes; `auth whoami` names the service account', async () => {
      assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number; iat: number };
      const ahead = claims.exp - Date.now() / 1000;
      assert.ok(ahead > 600 - 60 && ahead <= 600 + 5, `exp is ${ahead}s ahead, not ~600s`);
      const listed = await as(botCfg, ['get', 'pods', '-n', b]);
      assert.equal(listed.code, 0, listed.stderr);
      const who = await as(botCfg, ['auth', 'whoami']);
      assert.equal(who.code, 0, who.stderr);
      assert.match(who.stdout, new RegExp(`Username\\s+${bot}\\n`));
    });

    // Through `kubectl create --raw`: `kubectl create -f` of a kind without PATCH validates on the
    // client and first lists CustomResourceDefinitions, which coxswain does not serve yet.
    test('a TokenReview of the token (`kubectl create --raw`) says authenticated', async () => {
      const review = await admin.ok(['create', '--raw', '/apis/authentication.k8s.io/v1/tokenreviews', '-f', '-'],
        JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } }));
      const status = (JSON.parse(review) as { status: { authenticated?: boolean; user?: { username?: string } } }).status;
      assert.equal(status.authenticated, true);
      assert.equal(status.user?.username, bot);
    });

    test('RBAC matrix: each identity gets exactly its rights, and `auth can-i` agrees', async () => {
      const identities = [
        { who: 'alice', user: 'alice', cfg: aliceCfg, allowedIn: a, verbs: new Set(CHECKS.map((_, i) => i)) },
        { who: 'bot', user: bot, cfg: botCfg, allowedIn: b, verbs: new Set([0, 1]) },
      ];
      for (const id of identities) {
        for (const ns of [a, b]) {
          // Sequential: delete must follow create (the pod created is the pod deleted).
          for (const [i, check] of CHECKS.entries()) {
            const allowed = ns === id.allowedIn && id.verbs.has(i);
            const what = `${id.who} ${check.verb} ${check.canI} in ${ns}`;
            const res = await as(id.cfg, check.args(ns, id.who));
            if (allowed) {
              if (check.subject === 'absent') {
                assert.equal(res.stderr.trim(), 'Error from server (NotFound): pods "absent" not found', what);
              } else {
                assert.equal(res.code, 0, `${what}: ${res.stderr}`);
              }
            } else {
              const qualified = check.group ? `${check.resource}.${check.group}` : check.resource;
              const named = check.subject ? `${qualified} "${check.subject.replace('WHO', id.who)}"` : qualified;
              assertForbidden(res, `${named} is forbidden: User "${id.user}" cannot ${check.verb} resource "${check.resource}" in API group "${check.group}" in the namespace "${ns}"`, check.prefix);
            }
            const expected = allowed ? 'yes' : 'no';
            const [viaAdmin, self] = await Promise.all([
              admin.run(['auth', 'can-i', check.verb, check.canI, '-n', ns, '--as', id.user]),
              as(id.cfg, ['auth', 'can-i', check.verb, check.canI, '-n', ns]),
            ]);
            assert.equal(viaAdmin.stdout.trim(), expected, `admin can-i --as: ${what}: ${viaAdmin.stderr}`);
            assert.equal(viaAdmin.code, allowed ? 0 : 1, what);
            assert.equal(self.stdout.trim(), expected, `self can-i: ${what}: ${self.stderr}`);
            assert.equal(self.code, allowed ? 0 : 1, what);
          }
        }
      }
    });

    test('`auth can-i --list` shows alice may create pods in a; impersonation obeys RBAC', async () => {
      const list = await as(aliceCfg, ['auth', 'can-i', '--list', '-n', a]);
      assert.equal(list.code, 0, list.stderr);
      const podsRow = list.stdout.split('\n').find((l) => /^pods\s/.test(l));
      assert.ok(podsRow, list.stdout);
      assert.match(podsRow, /\[[^\]]*\bcreate\b[^\]]*\]\s*$/);

      assertForbidden(await admin.run(['get', 'pods', '-n', b, '--as', 'alice']),
        `pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "${b}"`);
      assertForbidden(await as(aliceCfg, ['get', 'pods', '-n', a, '--as', 'bob']),
        'users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope');
    });

    test('ResourceQuota admits up to its limit and refuses beyond with upstream\'s message', async () => {
      // alice's pod was deleted by alice; an unscheduled pod goes at once.
      await waitFor(`no pods left in ${a}`, async () => (await admin.ok(['get', 'pods', '-n', a, '-o', 'name'])).trim() === '');
      await admin.ok(['create', 'quota', 'q', '--hard=pods=1,requests.cpu=1', '-n', a]);
      await waitFor('quota q to have its status', async () => (await admin.ok(['get', 'quota', 'q', '-n', a, '-o', 'jsonpath={.status.hard.pods}'])) === '1');
      const withCpu = '  containers: [{name: c, image: busybox, resources: {requests: {cpu: 500m}}}]';
      await admin.ok(['create', '-n', a, '-f', '-'], pod('q1', withCpu));
      const refused = await admin.fails(['create', '-n', a, '-f', '-'], pod('q2', withCpu));
      assert.match(refused.stderr, /^Error from server \(Forbidden\): error when creating "STDIN": pods "q2" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1/);
    });

    test('LimitRange defaults a pod\'s cpu and refuses one over max', async () => {
      await admin.ok(['create', '-n', c, '-f', '-'], `
apiVersion: v1
kind: LimitRange
metadata: {name: cpu}
spec:
  limits: [{type: Container, defaultRequest: {cpu: 100m}, default: {cpu: 200m}, max: {cpu: 500m}}]
`);
      await admin.ok(['create', '-n', c, '-f', '-'], pod('plain'));
      const res = await admin.ok(['get', 'pod', 'plain', '-n', c, '-o', 'jsonpath={.spec.containers[0].resources.requests.cpu} {.spec.containers[0].resources.limits.cpu}']);
      assert.equal(res, '100m 200m');
      const big = await admin.fails(['create', '-n', c, '-f', '-'], pod('big', '  containers: [{name: c, image: busybox, resources: {limits: {cpu: "1"}}}]'));
      assert.match(big.stderr, /^Error from server \(Forbidden\): error when creating "STDIN": pods "big" is forbidden: maximum cpu usage per Container is 500m, but limit is 1/);
    });

    test('PodSecurity: restricted refuses a privileged pod and admits a compliant one; warn=baseline warns', async () => {
      await admin.ok(['label', 'namespace', r, 'pod-security.kubernetes.io/enforce=restricted']);
      await admin.ok(['label', 'namespace', w, 'pod-security.kubernetes.io/warn=baseline']);
      const priv = await admin.fails(['create', '-n', r, '-f', '-'], pod('priv', '  containers: [{name: c, image: busybox, securityContext: {privileged: true}}]'));
      assert.match(priv.stderr, /^Error from server \(Forbidden\): error when creating "STDIN": pods "priv" is forbidden: violates PodSecurity "restricted:latest": privileged \(container "c" must not set securityContext.privileged=true\)/);
      const compliant = await admin.run(['create', '-n', r, '-f', '-'], pod('ok', `  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: c
    image: busybox
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}`));
      assert.equal(compliant.code, 0, compliant.stderr);
      assert.equal(compliant.stderr, '');
      const host = await admin.run(['create', '-n', w, '-f', '-'], pod('host', '  hostNetwork: true\n  containers: [{name: c, image: busybox}]'));
      assert.equal(host.code, 0, host.stderr);
      assert.match(host.stderr, /^Warning: would violate PodSecurity "baseline:latest": host namespaces \(hostNetwork=true\)/);
    });
  });
}
