// Scheduler benchmark modelled on upstream's scheduler_perf: a real `cox apiserver` child on
// SQLite, Node objects created directly through the API, the scheduler running in this process
// against it, and pods created while it runs.
//   node_modules/.bin/node bench/scheduler.ts [--smoke] [--cases SchedulingBasic,...] [--cpu-prof DIR] [--window-prof DIR]
// Prints figures only: pods/s (a backlog of measured pods, from the scheduler's sync to the last
// bind), p50/p99 placement latency (bind seen on a watch − sync), the server's RSS, and GET/LIST latency sampled
// while scheduling runs. --cpu-prof DIR profiles the apiserver child; profile this process with
// `node --cpu-prof bench/scheduler.ts`, or only the measured window (scheduler sync → last bind)
// with --window-prof DIR.

import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { RestClient } from '../src/client/rest.ts';
import type { RestConfig } from '../src/client/config.ts';
import { startScheduler } from '../src/scheduler/index.ts';
import { startApiServer } from './lib/apiserver.ts';
import { cleanupAll } from './lib/cleanup.ts';
import { machine, mb, ms, sleep, summarize } from './lib/stats.ts';

interface Case {
  name: string;
  nodes: number;
  initPods: number;
  pods: number;
  node(i: number): Node;
  pod(i: number, init: boolean): Pod;
}

const zoneOf = (i: number): string => `zone-${i % 10}`;

function benchNode(i: number): Node {
  const name = `node-${String(i).padStart(5, '0')}`;
  const cap = { cpu: '32', memory: '128Gi', pods: '110' };
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zoneOf(i) } },
    status: { capacity: cap, allocatable: cap, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function basicPod(i: number, init: boolean, extra: Partial<Pod['spec'] & object> = {}, labels: Record<string, string> = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `${init ? 'init' : 'pod'}-${String(i).padStart(6, '0')}`, namespace: 'sched', labels },
    spec: { containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '500Mi' } } }], ...extra },
  };
}

function cases(smoke: boolean): Case[] {
  const k = (full: number, small: number): number => (smoke ? small : full);
  return [
    { name: 'SchedulingBasic/5000Nodes', nodes: k(5000, 100), initPods: k(1000, 50), pods: k(10_000, 300), node: benchNode, pod: (i, init) => basicPod(i, init) },
    { name: 'SchedulingBasic/500Nodes', nodes: k(500, 50), initPods: k(500, 50), pods: k(1000, 200), node: benchNode, pod: (i, init) => basicPod(i, init) },
    {
      name: 'TopologySpreading/1000Nodes', nodes: k(1000, 50), initPods: k(1000, 50), pods: k(1000, 200), node: benchNode,
      pod: (i, init) => basicPod(i, init, init ? {} : {
        topologySpreadConstraints: [{ maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { color: 'blue' } } }],
      }, { color: 'blue' }),
    },
    {
      name: 'SchedulingPodAffinity/500Nodes', nodes: k(500, 50), initPods: k(500, 50), pods: k(1000, 200), node: benchNode,
      pod: (i, init) => basicPod(i, init, init ? {} : {
        affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { color: 'blue' } } }] } },
      }, { color: 'blue' }),
    },
  ];
}

const ref = (resource: string, namespace?: string, name?: string) => ({ group: '', version: 'v1', resource, namespace, name });

async function createAll(client: RestClient, n: number, concurrency: number, make: (i: number) => { r: ReturnType<typeof ref>; body: unknown; name: string }, sent?: Map<string, number>): Promise<number> {
  let next = 0;
  let errors = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) {
      const i = next++;
      const { r, body, name } = make(i);
      sent?.set(name, performance.now());
      try { await client.create(r, body); } catch { errors++; }
    }
  }));
  return errors;
}

interface ApiSample { get: number[]; list: number[] }

async function sampleApi(client: RestClient, stop: { done: boolean }, out: ApiSample): Promise<void> {
  while (!stop.done) {
    let t = performance.now();
    try { await client.get(ref('nodes', undefined, 'node-00000')); out.get.push(performance.now() - t); } catch { /* counted as missing */ }
    t = performance.now();
    try { await client.list(ref('pods', 'sched'), { limit: 500 }); out.list.push(performance.now() - t); } catch { /* counted as missing */ }
    await sleep(200);
  }
}

async function runCase(c: Case, cpuProfDir: string | undefined, windowProfDir: string | undefined): Promise<void> {
  const server = await startApiServer({ datastoreEndpoint: 'sqlite://DATA_DIR/state.db', cpuProfDir });
  const cfg: RestConfig = { server: server.creds.server, ca: server.creds.ca, cert: server.creds.cert, key: server.creds.key, qps: -1, burst: 0, userAgent: 'bench-scheduler' };
  const client = new RestClient(cfg);
  let sched: Awaited<ReturnType<typeof startScheduler>> | undefined;
  try {
    await client.create(ref('namespaces'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sched' } });
    let t = performance.now();
    const nodeErr = await createAll(client, c.nodes, 64, (i) => ({ r: ref('nodes'), body: c.node(i), name: '' }));
    const nodeSecs = (performance.now() - t) / 1000;
    sched = await startScheduler(cfg, { leaderElect: false, securePort: 0, bindAddress: '127.0.0.1', log: () => {} });
    // Initial pods (placed first, not measured), then the measured ones.
    const bound = new Map<string, number>();
    const watch = client.watch<Pod>(ref('pods', 'sched'), { resourceVersion: '0' });
    const seen = (async () => {
      for await (const ev of watch) {
        if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED') continue;
        const p = ev.object;
        if (p.spec?.nodeName && p.metadata?.name && !bound.has(p.metadata.name)) bound.set(p.metadata.name, performance.now());
      }
    })().catch(() => {});
    await createAll(client, c.initPods, 64, (i) => { const p = c.pod(i, true); return { r: ref('pods', 'sched'), body: p, name: p.metadata?.name ?? '' }; });
    const waitBound = async (prefix: string, n: number, timeoutMs: number): Promise<boolean> => {
      const end = Date.now() + timeoutMs;
      for (;;) {
        let k = 0;
        for (const name of bound.keys()) if (name.startsWith(prefix)) k++;
        if (k >= n) return true;
        if (Date.now() > end) return false;
        await sleep(20);
      }
    };
    if (!(await waitBound('init-', c.initPods, 120_000))) throw new Error('initial pods were not all scheduled');
    // The measured pods are created as a backlog with the scheduler stopped, so that the figure
    // is the scheduler's (and binding's) rate, not the apiserver's create rate; then a fresh
    // scheduler starts and the clock runs from its informers' sync to the last bind.
    await sched.stop();
    sched = undefined;
    const sent = new Map<string, number>();
    t = performance.now();
    const podErr = await createAll(client, c.pods, 64, (i) => { const p = c.pod(i, false); return { r: ref('pods', 'sched'), body: p, name: p.metadata?.name ?? '' }; }, sent);
    const createSecs = (performance.now() - t) / 1000;
    const stop = { done: false };
    const api: ApiSample = { get: [], list: [] };
    const sampler = sampleApi(new RestClient(cfg), stop, api);
    const cpu0 = server.cpu();
    const self0 = process.cpuUsage();
    const started = performance.now();
    let logged = 0;
    const log = (m: string): void => { if (logged++ < 5) console.error(`  scheduler: ${m}`); };
    sched = await startScheduler(cfg, { leaderElect: false, securePort: 0, bindAddress: '127.0.0.1', log });
    while (!sched.scheduler.hasSynced()) await sleep(5);
    const prof = windowProfDir ? new Session() : undefined;
    if (prof) { prof.connect(); await prof.post('Profiler.enable'); await prof.post('Profiler.start'); }
    t = performance.now();
    const syncSecs = (t - started) / 1000;
    const ok = await waitBound('pod-', c.pods - podErr, 300_000);
    if (prof && windowProfDir) {
      const { profile } = await prof.post('Profiler.stop');
      fs.mkdirSync(windowProfDir, { recursive: true });
      fs.writeFileSync(path.join(windowProfDir, `${c.name.replace(/\W/g, '_')}.${process.pid}.cpuprofile`), JSON.stringify(profile));
      prof.disconnect();
    }
    stop.done = true;
    await sampler;
    const rss = server.memory();
    const cpu1 = server.cpu();
    const self1 = process.cpuUsage(self0);
    const backlog = sched.scheduler.eventBacklog();
    const drainStart = performance.now();
    await sched.scheduler.flushEvents();
    const drainSecs = (performance.now() - drainStart) / 1000;
    const cpu2 = server.cpu();
    const lat: number[] = [];
    let last = t;
    for (const [name, at] of bound) {
      const s = sent.get(name);
      if (s === undefined) continue;
      lat.push(at - Math.max(s, t));
      if (at > last) last = at;
    }
    const secs = (last - t) / 1000;
    const l = summarize(lat);
    const g = summarize(api.get);
    const li = summarize(api.list);
    const attempts = await sched.scheduler.metrics.scheduleAttempts.get();
    const alg = (await sched.scheduler.metrics.algorithmDuration.get()).values.find((v) => v.metricName === 'scheduler_scheduling_algorithm_duration_seconds_sum')?.value ?? NaN;
    const att = attempts.values.map((v) => `${String(v.labels.result)}=${v.value}`).join(' ');
    console.log(`${c.name}: ${c.nodes} nodes (created in ${nodeSecs.toFixed(1)}s${nodeErr ? `, ${nodeErr} errors` : ''}), ${c.initPods} initial + ${c.pods} measured pods${podErr ? ` (${podErr} create errors)` : ''}${ok ? '' : ' — NOT ALL SCHEDULED'}`);
    console.log(`  throughput ${(lat.length / secs).toFixed(0)} pods/s (${lat.length} backlogged pods in ${secs.toFixed(2)}s after the scheduler synced in ${syncSecs.toFixed(2)}s; the backlog was created at ${(c.pods / createSecs).toFixed(0)} pods/s)`);
    console.log(`  placement latency from scheduler start (bind seen − max(create, sync)) p50 ${ms(l.p50)} ms, p99 ${ms(l.p99)} ms, max ${ms(l.max)} ms`);
    const perPod = (cpuMs: number): string => (cpuMs / Math.max(lat.length, 1)).toFixed(3);
    console.log(`  apiserver RSS ${mb(rss.rss)} (peak ${mb(rss.hwm)}), CPU ${((cpu1.cpuMs - cpu0.cpuMs) / 1000).toFixed(1)}s = ${perPod(cpu1.cpuMs - cpu0.cpuMs)} ms/pod; this process (scheduler + bench watch + sampler) CPU ${perPod((self1.user + self1.system) / 1000)} ms/pod, RSS ${mb(process.memoryUsage().rss)}`);
    console.log(`  Scheduled events: ${backlog.queued} still queued at the last bind, written in ${drainSecs.toFixed(1)}s afterwards with ${((cpu2.cpuMs - cpu1.cpuMs) / 1000).toFixed(1)}s apiserver CPU${backlog.dropped ? `; ${backlog.dropped} dropped (queue full)` : ''}`);
    console.log(`  API while scheduling: GET node p50 ${ms(g.p50)} / p99 ${ms(g.p99)} ms (${g.n}), LIST 500 pods p50 ${ms(li.p50)} / p99 ${ms(li.p99)} ms (${li.n}); attempts ${att}`);
    console.log(`  scheduling algorithm time (this process, all cycles of the fresh scheduler) ${(alg * 1000).toFixed(0)} ms = ${((alg * 1000) / Math.max(lat.length, 1)).toFixed(3)} ms/pod`);
    watch.stop();
    void seen;
  } finally {
    await sched?.stop();
    client.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const smoke = argv.includes('--smoke');
  const ci = argv.indexOf('--cases');
  const want = ci >= 0 ? (argv[ci + 1] ?? '').split(',') : undefined;
  const pi = argv.indexOf('--cpu-prof');
  const wi = argv.indexOf('--window-prof');
  console.log(`scheduler benchmark${smoke ? ' (smoke)' : ''}: ${machine()}`);
  for (const c of cases(smoke)) {
    if (want && !want.some((w) => c.name.startsWith(w))) continue;
    await runCase(c, pi >= 0 ? argv[pi + 1] : undefined, wi >= 0 ? argv[wi + 1] : undefined);
  }
  if (!smoke) console.log('target: SchedulingBasic/5000Nodes >= 1000 pods/s');
}

try {
  await main();
} catch (err) {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exitCode = 1;
} finally {
  await cleanupAll();
}
