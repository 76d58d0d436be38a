// e2e: the real kubectl against an in-process apiserver with RBAC installed. A user whose
// kubeconfig is made here (client certificate) gets exactly the rights of their bindings, and
// `kubectl auth can-i` (SelfSubjectAccessReview / SelfSubjectRulesReview) agrees with what the
// server enforces.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ApiServer } from '../../src/apiserver/server.ts';
import { kubeconfigFor, writeKubeconfig } from '../../src/auth/kubeconfig.ts';
import { issueClientCertificate } from '../../src/auth/pki/index.ts';
import { installRBAC } from '../../src/auth/rbac/index.ts';
import { KUBECTLS, kubectl, waitFor } from './harness.ts';

let dir = '';
let server: ApiServer | undefined;
let adminCfg = '';
let danaCfg = '';

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cox-e2e-rbac-'));
  server = new ApiServer({ dataDir: path.join(dir, 'data'), bindAddress: '127.0.0.1', securePort: 0, datastoreEndpoint: 'memory://', log: () => {} });
  installRBAC(server);
  await server.start();
  adminCfg = server.kubeconfigPath;
  const cert = await issueClientCertificate(server.pki, { commonName: 'dana', organizations: ['developers'], days: 1 });
  danaCfg = path.join(dir, 'dana', 'kubeconfig');
  await writeKubeconfig(danaCfg, kubeconfigFor({
    server: server.url, clusterName: 'coxswain', caPem: server.pki.caCertPem, user: 'dana', certPem: cert.certPem, keyPem: cert.keyPem,
  }));
  const bin = KUBECTLS[KUBECTLS.length - 1]?.bin ?? '';
  const setup = `
apiVersion: v1
kind: Namespace
metadata: {name: team-a}
---
apiVersion: v1
kind: Namespace
metadata: {name: team-b}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dana-admin, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, apiGroup: rbac.authorization.k8s.io, name: dana}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: developers-view, namespace: team-b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: Group, apiGroup: rbac.authorization.k8s.io, name: developers}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: existing, namespace: team-b}
data: {a: b}
`;
  const r = await kubectl(bin, adminCfg, ['apply', '-f', '-'], setup);
  assert.equal(r.code, 0, r.stderr);
}, { timeout: 60_000 });

after(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// verb, resource, namespace, allowed
const MATRIX: [string, string, string, boolean][] = [
  ['get', 'pods', 'team-a', true],
  ['create', 'configmaps', 'team-a', true],
  ['delete', 'deployments.apps', 'team-a', true],
  ['get', 'secrets', 'team-a', true],
  ['create', 'rolebindings.rbac.authorization.k8s.io', 'team-a', true],
  ['create', 'rolebindings.rbac.authorization.k8s.io', 'team-b', false],
  ['get', 'configmaps', 'team-b', true],
  ['list', 'deployments.apps', 'team-b', true],
  ['create', 'configmaps', 'team-b', false],
  ['delete', 'configmaps', 'team-b', false],
  ['get', 'secrets', 'team-b', false],
  ['list', 'pods', 'default', false],
  ['list', 'nodes', '', false],
];

for (const k of KUBECTLS) {
  describe(`kubectl ${k.version}`, () => {
    const dana = (args: string[], input?: string) => kubectl(k.bin, danaCfg, args, input);

    test('auth can-i answers the matrix as RBAC grants it', async () => {
      for (const [verb, resource, ns, allowed] of MATRIX) {
        const args = ['auth', 'can-i', verb, resource, ...(ns ? ['-n', ns] : [])];
        const r = await waitFor(`can-i ${verb} ${resource} ${ns}`, async () => {
          const x = await dana(args);
          return (x.stdout.trim() === 'yes') === allowed ? x : undefined;
        }, 5000);
        assert.equal(r.stdout.trim(), allowed ? 'yes' : 'no', `${verb} ${resource} -n ${ns}`);
        assert.equal(r.code, allowed ? 0 : 1);
      }
    });

    test('the server enforces what can-i says', async () => {
      const suffix = k.version.replace('.', '');
      const a = await dana(['create', 'configmap', `cm-${suffix}`, '-n', 'team-a', '--from-literal=x=y']);
      assert.equal(a.code, 0, a.stderr);
      assert.equal((await dana(['get', 'configmap', 'existing', '-n', 'team-b', '-o', 'name'])).stdout.trim(), 'configmap/existing');
      const b = await dana(['create', 'configmap', `cm-${suffix}`, '-n', 'team-b', '--from-literal=x=y']);
      assert.notEqual(b.code, 0);
      assert.match(b.stderr, /configmaps is forbidden: User "dana" cannot create resource "configmaps" in API group "" in the namespace "team-b"/);
      const d = await dana(['delete', 'configmap', 'existing', '-n', 'team-b']);
      assert.match(d.stderr, /configmaps "existing" is forbidden: User "dana" cannot delete resource "configmaps" in API group "" in the namespace "team-b"/);
      const s = await dana(['get', 'secrets', '-n', 'team-b']);
      assert.match(s.stderr, /secrets is forbidden: User "dana" cannot list resource "secrets" in API group "" in the namespace "team-b"/);
      const n = await dana(['get', 'nodes']);
      assert.match(n.stderr, /nodes is forbidden: User "dana" cannot list resource "nodes" in API group "" at the cluster scope/);
    });

    test('auth can-i --list shows the rules held in a namespace', async () => {
      const a = await dana(['auth', 'can-i', '--list', '-n', 'team-a']);
      assert.equal(a.code, 0, a.stderr);
      assert.match(a.stdout, /^pods\s+\[\]\s+\[\]\s+\[create update patch delete deletecollection get list watch\]$/m);
      assert.match(a.stdout, /selfsubjectaccessreviews\.authorization\.k8s\.io/);
      assert.match(a.stdout, /\[\/api\/\*\]/);
      const b = await dana(['auth', 'can-i', '--list', '-n', 'team-b']);
      assert.doesNotMatch(b.stdout, /^secrets\s/m);
      assert.match(b.stdout, /^configmaps\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
    });

    test('binding cluster-admin in a namespace one administers is refused as an escalation', async () => {
      const name = `grab-${k.version.replace('.', '')}`;
      const r = await dana(['create', 'rolebinding', name, '-n', 'team-a', '--clusterrole=cluster-admin', '--user=dana']);
      assert.notEqual(r.code, 0);
      assert.ok(r.stderr.includes(`rolebindings.rbac.authorization.k8s.io "${name}" is forbidden: user "dana" (groups=["developers" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}`), r.stderr);
      // Binding a role she holds is fine.
      const ok = await dana(['create', 'rolebinding', `${name}-view`, '-n', 'team-a', '--clusterrole=view', '--user=erin']);
      assert.equal(ok.code, 0, ok.stderr);
    });

    test('the admin sees the default roles and bindings with upstream columns', async () => {
      const out = (await kubectl(k.bin, adminCfg, ['get', 'clusterrolebinding', 'cluster-admin', '-o', 'wide'])).stdout;
      assert.match(out, /^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS$/m);
      assert.match(out, /^cluster-admin\s+ClusterRole\/cluster-admin\s+\S+\s+system:masters\s*$/m);
      const roles = (await kubectl(k.bin, adminCfg, ['get', 'clusterroles', '-o', 'name'])).stdout;
      for (const n of ['admin', 'edit', 'view', 'system:basic-user', 'system:controller:job-controller']) assert.match(roles, new RegExp(`^clusterrole.rbac.authorization.k8s.io/${n}$`, 'm'));
      const can = await kubectl(k.bin, adminCfg, ['auth', 'can-i', '*', '*']);
      assert.equal(can.stdout.trim(), 'yes');
    });
  });
}
