// Controller benchmark (issue #5): a Deployment of 1,000 replicas on 100 hollow nodes placed by the
// real scheduler, timed from create to all Available, then a full rolling update (new image) timed
// to rollout completeness (every replica updated and available, the revision advanced).
// Three processes so each RSS is its own: this one runs the apiserver (and the bench's client),
// one child the controller manager, another the scheduler and the hollow nodes.
//   node_modules/.bin/node bench/controllers.ts [--smoke]   (smoke: 100 replicas on 10 nodes)

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Node } from 'kubernetes-types/core/v1.js';
import { ApiServer } from '../src/apiserver/server.ts';
import { RestClient, clientFor, resources } from '../src/client/index.ts';
import type { RestConfig } from '../src/client/index.ts';

const smoke = process.argv.includes('--smoke');
const replicas = smoke ? 100 : 1000;
const nodes = smoke ? 10 : 100;
const NODE = path.join(import.meta.dirname, '../node_modules/.bin/node');
const SRC = path.join(import.meta.dirname, '../src');

function rssMiB(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function until(what: string, fn: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Component {
  child: ChildProcess;
  started(): boolean;
  peak: number;
  stop(): Promise<void>;
}

/**
 * Runs `body` (an ES module snippet given `cfg`, the RestConfig, that assigns `stop`, an async
 * function) in a child node process; it prints 'started' when up and stops on SIGTERM.
 */
function spawnComponent(name: string, cfgFile: string, imports: string, body: string): Component {
  const child = spawn(NODE, ['--input-type=module', '-e', `
    import fs from 'node:fs';
    ${imports}
    const cfg = JSON.parse(fs.readFileSync(${JSON.stringify(cfgFile)}, 'utf8'));
    let stop = async () => {};
    ${body}
    process.stdout.write('started\\n');
    process.on('SIGTERM', () => { stop().then(() => process.exit(0), () => process.exit(1)); });
  `], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let exited = false;
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { process.stderr.write(`${name}: ${c.toString()}`); });
  child.on('exit', () => { exited = true; });
  const comp: Component = {
    child, peak: 0,
    started: () => {
      if (exited) throw new Error(`${name} exited`);
      return out.includes('started');
    },
    async stop() {
      if (exited || child.pid === undefined) return;
      child.kill('SIGTERM');
      const deadline = Date.now() + 10_000;
      while (!exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (!exited) child.kill('SIGKILL');
    },
  };
  return comp;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-bench-ctrl-'));
const server = new ApiServer({ dataDir, bindAddress: '127.0.0.1', securePort: 0, datastoreEndpoint: 'memory://', log: () => {} });
await server.start();
for (let i = 0; i < 200 && !fs.existsSync(server.kubeconfigPath); i++) await new Promise((r) => setTimeout(r, 10));
const config: RestConfig = {
  server: server.url, ca: server.pki.caCertPem, cert: server.pki.adminCertPem, key: server.pki.adminKeyPem,
  qps: -1, burst: 0, userAgent: 'bench',
};
const cfgFile = path.join(dataDir, 'client-config.json');
fs.writeFileSync(cfgFile, JSON.stringify(config));
const imp = (name: string, file: string): string => `const { ${name} } = await import(${JSON.stringify(path.join(SRC, file))});`;
const manager = spawnComponent('controller-manager', cfgFile, imp('startControllerManager', 'controllers/manager/manager.ts'), `
  const m = await startControllerManager({ ...cfg, userAgent: 'kube-controller-manager' }, { leaderElect: false, securePort: -1, log: () => {} });
  await m.started;
  stop = () => m.stop();
`);
// As in cox server: the scheduler's client is not rate-limited; the hollow kubelets share one identity.
const nodesProc = spawnComponent('scheduler+hollow', cfgFile,
  `${imp('startScheduler', 'scheduler/index.ts')}\n${imp('startHollowNodes', 'kubelet/hollow/index.ts')}`, `
  const s = await startScheduler({ ...cfg, userAgent: 'kube-scheduler' }, { securePort: 0, bindAddress: '127.0.0.1', leaderElect: false, log: () => {} });
  const h = await startHollowNodes({ ...cfg, qps: 500, burst: 1000, userAgent: 'hollow' }, { count: ${nodes}, onError: () => {} });
  stop = async () => { await h.stop(); await s.stop(); };
`);
const rest = new RestClient(config);
const samplers = [manager, nodesProc];
let serverPeak = 0;
const sampler = setInterval(() => {
  for (const c of samplers) c.peak = Math.max(c.peak, rssMiB(c.child.pid));
  serverPeak = Math.max(serverPeak, rssMiB(process.pid));
}, 200);
try {
  await until('controller manager, scheduler and hollow nodes started', async () => manager.started() && nodesProc.started(), 120_000);
  const cl = clientFor(rest);
  const readyNodes = (await cl.resource<Node>(resources.nodes).list()).items
    .filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
  if (readyNodes !== nodes) throw new Error(`${readyNodes} Ready nodes, want ${nodes}`);
  const idle = { cm: rssMiB(manager.child.pid), server: rssMiB(process.pid) };
  const dc = cl.resource<Deployment>(resources.deployments).namespace('default');
  const complete = async (rev: string): Promise<boolean> => {
    const d = await dc.get('bench');
    const s = d.status ?? {};
    return (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) && s.updatedReplicas === replicas && s.replicas === replicas
      && s.availableReplicas === replicas && d.metadata?.annotations?.['deployment.kubernetes.io/revision'] === rev;
  };
  const t0 = performance.now();
  await dc.create({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bench' },
    spec: {
      replicas, selector: { matchLabels: { app: 'bench' } },
      template: { metadata: { labels: { app: 'bench' } }, spec: { containers: [{ name: 'c', image: 'img:1' }] } },
    },
  });
  await until('all available', () => complete('1'), 600_000);
  const createS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await dc.patch('bench', 'merge', { spec: { template: { spec: { containers: [{ name: 'c', image: 'img:2' }] } } } });
  await until('rolling update complete', () => complete('2'), 900_000);
  const rollS = (performance.now() - t1) / 1000;
  const after = { cm: rssMiB(manager.child.pid), server: rssMiB(process.pid), nodes: rssMiB(nodesProc.child.pid) };
  manager.peak = Math.max(manager.peak, after.cm);
  nodesProc.peak = Math.max(nodesProc.peak, after.nodes);
  serverPeak = Math.max(serverPeak, after.server);
  const f = (n: number): string => n.toFixed(0);
  console.log(`controllers: ${replicas} replicas on ${nodes} hollow nodes with the real scheduler${smoke ? ' (smoke)' : ''}`);
  console.log(`  create → all available   ${createS.toFixed(2)} s  (${(replicas / createS).toFixed(0)} pods/s)`);
  console.log(`  full rolling update      ${rollS.toFixed(2)} s  (${(replicas / rollS).toFixed(0)} pods/s replaced)`);
  console.log(`  controller-manager RSS   idle ${f(idle.cm)} MiB, after ${f(after.cm)} MiB, peak ${f(manager.peak)} MiB`);
  console.log(`  apiserver RSS            idle ${f(idle.server)} MiB, after ${f(after.server)} MiB, peak ${f(serverPeak)} MiB (bench process: apiserver + bench client)`);
  console.log(`  scheduler+hollow RSS     after ${f(after.nodes)} MiB, peak ${f(nodesProc.peak)} MiB`);
} finally {
  clearInterval(sampler);
  await manager.stop();
  await nodesProc.stop();
  rest.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
