// Nodes and networking through the real kubectl (1.27 and 1.33): Endpoints and EndpointSlices follow
// a Deployment's hollow pods as it scales; `kubectl drain` evicts through pods/eviction and is held
// back by a PodDisruptionBudget until it is relaxed (against `cox server --hollow-nodes 3`). A dead
// node: an in-process control plane whose node lifecycle controller has short timings (upstream's
// 40 s grace and 300 s tolerations are too slow for a test) sees a stopped hollow node go Unknown
// and its pod replaced on another node after the pod's 3 s toleration.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ApiServer } from '../../src/apiserver/server.ts';
import type { RestConfig } from '../../src/client/index.ts';
import { configureApiServer } from '../../src/cmd/controlplane.ts';
import { runStandalone } from '../../src/controllers/common/standalone.ts';
import { startControllerManager } from '../../src/controllers/manager/manager.ts';
import { NodeLifecycleController } from '../../src/controllers/nodelifecycle/controller.ts';
import { startHollowNodes } from '../../src/kubelet/hollow/index.ts';
import { startScheduler } from '../../src/scheduler/index.ts';
import { KUBECTLS, kubectlFor, nsFor, parseTable, useCluster, waitFor } from './harness.ts';
import type { Kubectl } from './harness.ts';

const cluster = useCluster(['--hollow-nodes', '3', '--scheduler-port', '0', '--controller-manager-port', '0']);

const webYaml = (ns: string): string => `
apiVersion: v1
kind: Namespace
metadata: { name: ${ns} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: ${ns} }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: c, image: "web:1", ports: [{ name: http, containerPort: 8080 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: ${ns} }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: http }]
`;

const pdbYaml = (ns: string, minAvailable: number): string => `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web, namespace: ${ns} }
spec:
  minAvailable: ${minAvailable}
  selector: { matchLabels: { app: web } }
`;

interface PodRow { name: string; ip: string; node: string; phase: string; deleting: boolean }

async function pods(kc: Kubectl, ns: string): Promise<PodRow[]> {
  const out = await kc.ok(['get', 'pods', '-n', ns, '-l', 'app=web', '-o',
    'jsonpath={range .items[*]}{.metadata.name} {.status.podIP} {.spec.nodeName} {.status.phase} {.metadata.deletionTimestamp}{"\\n"}{end}']);
  return out.split('\n').filter(Boolean).map((l) => {
    const [name = '', ip = '', node = '', phase = '', deleting = ''] = l.split(' ');
    return { name, ip, node, phase, deleting: deleting !== '' };
  });
}

/** The running, not terminating pods' IPs, sorted, once there are `want` of them. */
async function runningIPs(kc: Kubectl, ns: string, want: number): Promise<string[]> {
  return waitFor(`${want} running web pods with IPs`, async () => {
    const ips = (await pods(kc, ns)).filter((p) => p.phase === 'Running' && !p.deleting && p.ip !== '').map((p) => p.ip).sort();
    return ips.length === want ? ips : undefined;
  }, 20_000);
}

/** IPs in a table cell such as "10.128.0.5:8080,10.128.1.4:8080" or "10.128.0.5,10.128.1.4". */
function cellIPs(cell: string | undefined): string[] {
  return (cell ?? '').split(',').map((s) => s.split(':')[0] ?? '').filter((s) => /^\d+\.\d+\.\d+\.\d+$/.test(s)).sort();
}

async function endpointsShow(kc: Kubectl, ns: string, ips: string[]): Promise<void> {
  await waitFor(`endpoints ${ips.join(',')}`, async () => {
    const row = parseTable(await kc.ok(['get', 'endpoints', 'web', '-n', ns]))[0];
    return JSON.stringify(cellIPs(row?.ENDPOINTS)) === JSON.stringify(ips) && row?.ENDPOINTS?.includes(':8080');
  }, 15_000);
  const subsetPorts = await kc.ok(['get', 'endpoints', 'web', '-n', ns, '-o', 'jsonpath={.subsets[*].ports[*].name}:{.subsets[*].ports[*].port}']);
  assert.equal(subsetPorts, 'http:8080');
  await waitFor(`endpointslices ${ips.join(',')}`, async () => {
    const rows = parseTable(await kc.ok(['get', 'endpointslices', '-n', ns, '-l', 'kubernetes.io/service-name=web']));
    const all = rows.flatMap((r) => cellIPs(r.ENDPOINTS)).sort();
    return rows.every((r) => r.ADDRESSTYPE === 'IPv4' && r.PORTS === '8080') && JSON.stringify(all) === JSON.stringify(ips);
  }, 15_000);
}

for (const k of KUBECTLS) {
  describe(`nodes and networking with kubectl ${k.version}`, () => {
    const kc = kubectlFor(cluster, k);
    const ns = nsFor('nodes', k.version);

    test('Endpoints and EndpointSlices list the pods\' IPs and follow scaling', async () => {
      await kc.ok(['apply', '-f', '-'], webYaml(ns));
      const two = await runningIPs(kc, ns, 2);
      await endpointsShow(kc, ns, two);
      await kc.ok(['scale', 'deployment/web', '-n', ns, '--replicas=3']);
      const three = await runningIPs(kc, ns, 3);
      assert.ok(two.every((ip) => three.includes(ip)));
      await endpointsShow(kc, ns, three);
      await kc.ok(['scale', 'deployment/web', '-n', ns, '--replicas=2']);
      const back = await runningIPs(kc, ns, 2);
      await endpointsShow(kc, ns, back);
    });

    test('drain evicts through pods/eviction, is refused by a PodDisruptionBudget, completes once it is relaxed', async () => {
      await kc.ok(['apply', '-f', '-'], pdbYaml(ns, 2));
      await waitFor('PDB observed with 0 disruptions allowed', async () =>
        (await kc.ok(['get', 'pdb', 'web', '-n', ns, '-o', 'jsonpath={.status.currentHealthy}/{.status.disruptionsAllowed}'])) === '2/0');
      const victim = (await pods(kc, ns)).find((p) => p.phase === 'Running' && !p.deleting);
      assert.ok(victim, 'a running pod');
      const node = victim.node;
      try {
        const blocked = await kc.fails(['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=5s']);
        assert.match(blocked.stdout + blocked.stderr, /Cannot evict pod as it would violate the pod's disruption budget/);
        assert.match(blocked.stdout + blocked.stderr, new RegExp(`evicting pod ${ns}/${victim.name}`));
        assert.equal(await kc.ok(['get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}']), 'true', 'drain cordons first');
        assert.ok((await pods(kc, ns)).some((p) => p.name === victim.name && !p.deleting), 'the pod was not evicted');

        await kc.ok(['patch', 'pdb', 'web', '-n', ns, '--type=merge', '-p', '{"spec":{"minAvailable":1}}']);
        await waitFor('PDB allows one disruption', async () =>
          (await kc.ok(['get', 'pdb', 'web', '-n', ns, '-o', 'jsonpath={.status.disruptionsAllowed}'])) === '1');
        const drained = await kc.run(['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=60s']);
        assert.equal(drained.code, 0, drained.stdout + drained.stderr);
        assert.match(drained.stdout, new RegExp(`node/${node} drained`));
        // Its replacement runs elsewhere (the drained node is cordoned).
        await waitFor('the evicted pod replaced on another node', async () => {
          const now = await pods(kc, ns);
          const running = now.filter((p) => p.phase === 'Running' && !p.deleting);
          return !now.some((p) => p.name === victim.name) && running.length === 2 && running.every((p) => p.node !== node);
        }, 20_000);
      } finally {
        await kc.run(['uncordon', node]);
        // The next kubectl's drain must not meet this namespace's pods and budget.
        await kc.run(['delete', 'namespace', ns, '--timeout=30s']);
      }
    });
  });
}

test('a node that stops reporting goes NotReady and its pod is replaced on another node after its 3 s toleration', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-e2e-nodes-'));
  const server = new ApiServer({ dataDir, bindAddress: '127.0.0.1', securePort: 0, datastoreEndpoint: 'memory://', log: () => {} });
  const security = configureApiServer(server);
  const stops: (() => Promise<void> | void)[] = [];
  t.after(async () => {
    for (const s of stops.reverse()) await s();
    security.stop();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  await server.start();
  for (let i = 0; i < 200 && !fs.existsSync(server.kubeconfigPath); i++) await new Promise((r) => setTimeout(r, 10));
  const config: RestConfig = {
    server: server.url, ca: server.pki.caCertPem, cert: server.pki.adminCertPem, key: server.pki.adminKeyPem, qps: -1, burst: 0, userAgent: 'e2e',
  };
  const manager = await startControllerManager(config, {
    controllers: ['*', '-nodelifecycle'], leaderElect: false, securePort: -1, bindAddress: '127.0.0.1', log: () => {},
  });
  stops.push(() => manager.stop());
  // Upstream's flow with short timings: 2 s grace instead of 40 s, a pass every 250 ms.
  const nlc = await runStandalone(config, (ctx) => new NodeLifecycleController(ctx, { nodeMonitorGracePeriodMs: 2000, nodeMonitorPeriodMs: 250, evictionRate: 100 }));
  stops.push(() => nlc.stop());
  const sched = await startScheduler(config, { securePort: 0, bindAddress: '127.0.0.1', leaderElect: false, log: () => {} });
  stops.push(() => sched.stop());
  // One zone, so one dead node of three is not a zone outage; leases renewed well within the grace.
  const hollow = await startHollowNodes(config, { count: 3, zones: ['zone-a'], onError: () => {}, config: { leaseRenewSeconds: 0.3, leaseDurationSeconds: 2 } });
  stops.push(() => hollow.stop());
  await manager.started;

  const k = KUBECTLS[KUBECTLS.length - 1] ?? { version: '1.33', bin: '' };
  const kc = kubectlFor(() => ({ kubeconfig: server.kubeconfigPath } as ReturnType<typeof cluster>), k);
  await kc.ok(['apply', '-f', '-'], `
apiVersion: v1
kind: Namespace
metadata: { name: dead }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: dead }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: c, image: "web:1" }]
      tolerations: [{ key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 3 }]
`);
  await runningIPs(kc, 'dead', 2);
  const before = await pods(kc, 'dead');
  const victim = before[0];
  assert.ok(victim);
  const dead = victim.node;
  const onDead = before.filter((p) => p.node === dead).map((p) => p.name);
  const stoppedAt = Date.now();
  hollow.stopNode(dead);

  await waitFor('node NotReady', async () => {
    const row = parseTable(await kc.ok(['get', 'node', dead])).at(0);
    return row?.STATUS?.startsWith('NotReady') === true;
  }, 15_000);
  assert.equal(await kc.ok(['get', 'node', dead, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']), 'Unknown');
  const taints = await kc.ok(['get', 'node', dead, '-o', 'jsonpath={range .spec.taints[*]}{.key}:{.effect}{"\\n"}{end}']);
  assert.match(taints, /node\.kubernetes\.io\/unreachable:NoSchedule/);
  assert.ok((await pods(kc, 'dead')).some((p) => p.name === victim.name && !p.deleting), 'the pod tolerates the unreachable node for 3 s');
  await waitFor('the dead node\'s pods replaced on live nodes', async () => {
    const now = await pods(kc, 'dead');
    const running = now.filter((p) => p.phase === 'Running' && !p.deleting);
    return running.length === 2 && running.every((p) => p.node !== dead && !onDead.includes(p.name));
  }, 20_000);
  // Not before the 2 s grace and the 3 s toleration ran out (the toleration counts from the taint's
  // timeAdded, which has whole-second precision: up to 1 s early).
  assert.ok(Date.now() - stoppedAt >= 3500, `replaced after ${Date.now() - stoppedAt} ms`);
  const wide = await kc.ok(['get', 'pods', '-n', 'dead', '-o', 'wide']);
  for (const name of onDead) {
    const row = parseTable(wide).find((r) => r.NAME === name);
    // Evicted by the taint manager; no kubelet is left to finish the deletion.
    if (row) assert.equal(row.STATUS, 'Terminating', wide);
  }
  const reasons = await waitFor('the eviction event', async () => {
    const out = await kc.ok(['get', 'events', '-n', 'dead', '--field-selector', `involvedObject.name=${victim.name}`, '-o', 'jsonpath={.items[*].reason}']);
    return out.includes('TaintManagerEviction') ? out : undefined;
  }, 10_000);
  assert.match(reasons, /TaintManagerEviction/);
});
