// The controller manager driven by the real kubectl (1.27 and 1.33): an in-process apiserver, the
// controller manager, and a fake kubelet that binds pods and reports them Running and Ready (no
// hollow nodes exist yet). Deployments roll out, heal, update, roll back and scale; cascading
// and orphaning deletes; a deleted namespace is emptied and goes away.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiServer } from '../../src/apiserver/server.ts';
import type { RestConfig } from '../../src/client/index.ts';
import { startControllerManager } from '../../src/controllers/manager/manager.ts';
import type { ControllerManager } from '../../src/controllers/manager/manager.ts';
import { startFakeKubelet } from '../../src/controllers/testing/fake-kubelet.ts';
import type { FakeKubelet } from '../../src/controllers/testing/fake-kubelet.ts';
import { KUBECTLS, kubectl, waitFor } from './harness.ts';

let server: ApiServer | undefined;
let manager: ControllerManager | undefined;
let kubelet: FakeKubelet | undefined;
let dataDir = '';

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-e2e-ctrl-'));
  server = new ApiServer({ dataDir, bindAddress: '127.0.0.1', securePort: 0, datastoreEndpoint: 'memory://', log: () => {} });
  await server.start();
  for (let i = 0; i < 200 && !fs.existsSync(server.kubeconfigPath); i++) await new Promise((r) => setTimeout(r, 10));
  const config: RestConfig = {
    server: server.url, ca: server.pki.caCertPem, cert: server.pki.adminCertPem, key: server.pki.adminKeyPem,
    qps: -1, burst: 0, userAgent: 'kube-controller-manager',
  };
  manager = await startControllerManager(config, { leaderElect: false, securePort: 0, bindAddress: '127.0.0.1', log: () => {} });
  await manager.started;
  kubelet = await startFakeKubelet(config, { nodes: ['node-a', 'node-b'] });
}, { timeout: 60_000 });

after(async () => {
  await kubelet?.stop();
  await manager?.stop();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const deploymentYaml = (ns: string): string => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${ns}}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: "nginx:1"}]}
`;

const rsYaml = (ns: string, name: string): string => `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: ${name}, namespace: ${ns}}
spec:
  replicas: 2
  selector: {matchLabels: {rs: ${name}}}
  template:
    metadata: {labels: {rs: ${name}}}
    spec: {containers: [{name: c, image: x}]}
`;

for (const k of KUBECTLS) {
  describe(`controllers with kubectl ${k.version}`, () => {
    const ns = `ctrl-${k.version.replace('.', '')}`;
    const run = (args: string[], input?: string) => kubectl(k.bin, server?.kubeconfigPath ?? '', args, input);
    const ok = async (args: string[], input?: string): Promise<string> => {
      const r = await run(args, input);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
      return r.stdout;
    };
    const runningPods = async (sel: string): Promise<string[]> => {
      const out = await ok(['get', 'pods', '-n', ns, '-l', sel, '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.phase}{"\\n"}{end}']);
      return out.split('\n').filter((l) => l.endsWith(' Running')).map((l) => l.split(' ')[0] ?? '');
    };

    test('a Deployment rolls out, heals, updates, rolls back and scales', { timeout: 120_000 }, async () => {
      await ok(['create', 'namespace', ns]);
      await ok(['apply', '-f', '-'], deploymentYaml(ns));
      await ok(['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s']);
      const pods = await runningPods('app=web');
      assert.equal(pods.length, 3);
      await ok(['delete', 'pod', pods[0] ?? '', '-n', ns]);
      await waitFor('the deleted pod replaced', async () => {
        const now = await runningPods('app=web');
        return now.length === 3 && !now.includes(pods[0] ?? '');
      });

      await ok(['set', 'image', 'deployment/web', 'c=nginx:2', '-n', ns]);
      const status = await ok(['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s']);
      assert.match(status, /successfully rolled out/);
      const history = await ok(['rollout', 'history', 'deployment/web', '-n', ns]);
      assert.match(history, /^1\s/m);
      assert.match(history, /^2\s/m);
      assert.match(await ok(['rollout', 'history', 'deployment/web', '-n', ns, '--revision=1']), /nginx:1/);

      await ok(['rollout', 'undo', 'deployment/web', '-n', ns, '--to-revision=1']);
      await ok(['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s']);
      assert.equal(await ok(['get', 'deployment/web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}']), 'nginx:1');
      assert.equal(await ok(['get', 'deployment/web', '-n', ns, '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}']), '3');

      await ok(['scale', 'deployment/web', '--replicas=5', '-n', ns]);
      await ok(['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s']);
      await waitFor('5 pods', async () => (await runningPods('app=web')).length === 5);
      await ok(['scale', 'deployment/web', '--replicas=1', '-n', ns]);
      await waitFor('1 pod', async () => (await runningPods('app=web')).length === 1);
      const ready = await ok(['get', 'deployment/web', '-n', ns, '-o', 'jsonpath={.status.readyReplicas}/{.status.availableReplicas}']);
      assert.equal(ready, '1/1');
    });

    test('cascading and orphaning deletes of ReplicaSets', { timeout: 60_000 }, async () => {
      await ok(['apply', '-f', '-'], rsYaml(ns, 'orphaner'));
      await ok(['apply', '-f', '-'], rsYaml(ns, 'fore'));
      await ok(['apply', '-f', '-'], rsYaml(ns, 'back'));
      await waitFor('pods of all three', async () => (await runningPods('rs in (orphaner,fore,back)')).length === 6);
      await ok(['delete', 'rs', 'orphaner', '-n', ns, '--cascade=orphan']);
      const left = await runningPods('rs=orphaner');
      assert.equal(left.length, 2);
      const refs = await ok(['get', 'pods', '-n', ns, '-l', 'rs=orphaner', '-o', 'jsonpath={.items[*].metadata.ownerReferences}']);
      assert.equal(refs.trim(), '');
      await ok(['delete', 'rs', 'fore', '-n', ns, '--cascade=foreground']);
      assert.equal((await runningPods('rs=fore')).length, 0, 'foreground delete returns after the pods are gone');
      await ok(['delete', 'rs', 'back', '-n', ns]);
      await waitFor('background delete removes pods', async () => (await runningPods('rs=back')).length === 0);
    });

    test('deleting the namespace empties it and it goes away', { timeout: 60_000 }, async () => {
      await ok(['delete', 'namespace', ns, '--timeout=45s']);
      const r = await run(['get', 'namespace', ns]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /NotFound|not found/);
    });
  });
}
