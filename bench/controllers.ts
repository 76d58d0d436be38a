// Controller benchmark: a Deployment of 1,000 replicas on 100 fake nodes (the fake kubelet binds
// pods and reports them Running and Ready; hollow nodes had not landed), timed from create to all
// Available, then a full rolling update timed to `kubectl rollout status` completeness. The
// controller manager runs in its own process so its RSS is its own.
//   node_modules/.bin/node bench/controllers.ts [--smoke]   (smoke: 100 replicas on 10 nodes)

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { ApiServer } from '../src/apiserver/server.ts';
import { RestClient, clientFor, resources } from '../src/client/index.ts';
import type { RestConfig } from '../src/client/index.ts';
import { startFakeKubelet } from '../src/controllers/testing/fake-kubelet.ts';

const smoke = process.argv.includes('--smoke');
const replicas = smoke ? 100 : 1000;
const nodes = smoke ? 10 : 100;
const NODE = path.join(import.meta.dirname, '../node_modules/.bin/node');

function rssMiB(pid: number): number {
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

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-bench-ctrl-'));
const server = new ApiServer({ dataDir, bindAddress: '127.0.0.1', securePort: 0, datastoreEndpoint: 'memory://', log: () => {} });
await server.start();
for (let i = 0; i < 200 && !fs.existsSync(server.kubeconfigPath); i++) await new Promise((r) => setTimeout(r, 10));
const config: RestConfig = {
  server: server.url, ca: server.pki.caCertPem, cert: server.pki.adminCertPem, key: server.pki.adminKeyPem,
  qps: -1, burst: 0, userAgent: 'bench',
};
const cfgFile = path.join(dataDir, 'cm-config.json');
fs.writeFileSync(cfgFile, JSON.stringify(config));
const managerSrc = path.join(import.meta.dirname, '../src/controllers/manager/manager.ts');
const child = spawn(NODE, ['--input-type=module', '-e', `
  import fs from 'node:fs';
  const { startControllerManager } = await import(${JSON.stringify(managerSrc)});
  const cfg = JSON.parse(fs.readFileSync(${JSON.stringify(cfgFile)}, 'utf8'));
  const m = await startControllerManager(cfg, { leaderElect: false, securePort: -1, log: () => {} });
  await m.started;
  process.stdout.write('started\\n');
  process.on('SIGTERM', () => { m.stop().then(() => process.exit(0)); });
`], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
const kubelet = await startFakeKubelet(config, { nodes: Array.from({ length: nodes }, (_, i) => `node-${i}`), concurrency: 64 });
const rest = new RestClient(config);
let peakRss = 0;
const sampler = setInterval(() => { if (child.pid) peakRss = Math.max(peakRss, rssMiB(child.pid)); }, 200);
try {
  await until('controller manager start', async () => out.includes('started'), 30_000);
  const idleRss = child.pid ? rssMiB(child.pid) : NaN;
  const dc = clientFor(rest).resource<Deployment>(resources.deployments).namespace('default');
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
  const rss = child.pid ? rssMiB(child.pid) : NaN;
  console.log(`controllers: ${replicas} replicas on ${nodes} fake nodes${smoke ? ' (smoke)' : ''}`);
  console.log(`  create → all available   ${createS.toFixed(2)} s  (${(replicas / createS).toFixed(0)} pods/s)`);
  console.log(`  full rolling update      ${rollS.toFixed(2)} s  (${(replicas / rollS).toFixed(0)} pods/s replaced)`);
  console.log(`  controller-manager RSS   idle ${idleRss.toFixed(0)} MiB, after ${rss.toFixed(0)} MiB, peak ${peakRss.toFixed(0)} MiB`);
} finally {
  clearInterval(sampler);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await kubelet.stop();
  rest.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
