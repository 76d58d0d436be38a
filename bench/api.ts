// API benchmark: for each storage driver, a real `cox apiserver` child process driven over
// HTTP/2 with the admin client certificate from this process.
//   node_modules/.bin/node bench/api.ts [--smoke] [--drivers sqlite,etcd,memory] [--cpu-prof DIR]
// Prints figures only (never asserts timings): pod creates/s, GET and LIST latency, paced
// mutating latency (open loop), watch fan-out delay and the server's memory, per driver, with
// the sqlite/etcd and sqlite/memory ratios and the project's targets marked met or missed.
// --cpu-prof DIR writes a V8 CPU profile of each server child into DIR when it stops.

import path from 'node:path';
import { startEtcd } from '../src/storage/etcd-testing.ts';
import { coxEntry, coxMalloc, startApiServer } from './lib/apiserver.ts';
import { cleanupAll, onCleanup } from './lib/cleanup.ts';
import { Http2Pool } from './lib/client.ts';
import { createNamespace, createPods, getLatency, listLatency, pacedWrites, watchFanout } from './lib/scenarios.ts';
import { machine, sleep } from './lib/stats.ts';
import { printReport } from './lib/report.ts';
import type { DriverResult, Sizes } from './lib/report.ts';

const DRIVERS = ['sqlite', 'etcd', 'memory'] as const;
type Driver = (typeof DRIVERS)[number];

function parseArgs(argv: string[]): { smoke: boolean; drivers: Driver[]; cpuProfDir?: string } {
  const smoke = argv.includes('--smoke');
  const di = argv.indexOf('--drivers');
  const names = di >= 0 ? (argv[di + 1] ?? '').split(',').filter(Boolean) : [...DRIVERS];
  for (const n of names) if (!(DRIVERS as readonly string[]).includes(n)) throw new Error(`unknown driver ${n} (known: ${DRIVERS.join(', ')})`);
  const pi = argv.indexOf('--cpu-prof');
  return { smoke, drivers: names as Driver[], cpuProfDir: pi >= 0 ? argv[pi + 1] : undefined };
}

const FULL: Sizes = { pods: 10_000, concurrency: 64, gets: 2_000, listNsPods: 1_000, nsLists: 30, clusterLists: 3, pacedRate: 500, pacedSeconds: 20, watchers: 1_000, watchWrites: 100, settleMs: 3000, idleMs: 30_000 };
const SMOKE: Sizes = { pods: 1_000, concurrency: 64, gets: 300, listNsPods: 1_000, nsLists: 5, clusterLists: 2, pacedRate: 500, pacedSeconds: 5, watchers: 100, watchWrites: 50, settleMs: 3000, idleMs: 30_000 };

async function datastoreFor(driver: Driver): Promise<{ endpoint: string; stop(): Promise<void> }> {
  if (driver === 'sqlite') return { endpoint: 'sqlite://DATA_DIR/state.db', stop: async () => {} };
  if (driver === 'memory') return { endpoint: 'memory://', stop: async () => {} };
  const etcd = await startEtcd();
  const stop = onCleanup(() => etcd.stop());
  // With no prefix the etcd driver's currentRevision() ranges over an empty key, which etcd
  // rejects ("key is not provided"), failing every consistent LIST: use kube-apiserver's usual
  // prefix until the driver handles an empty one.
  return { endpoint: `${etcd.endpoint.replace(/^http:/, 'etcd:')}?prefix=/registry`, stop };
}

async function benchDriver(driver: Driver, s: Sizes, cpuProfDir: string | undefined): Promise<DriverResult> {
  const store = await datastoreFor(driver);
  const server = await startApiServer({ datastoreEndpoint: store.endpoint, cpuProfDir });
  const pool = new Http2Pool(server.creds, 4);
  const watchPool = new Http2Pool(server.creds, 8);
  try {
    await sleep(1000);
    const idle = server.memory();
    for (const ns of ['bench-create', 'bench-list', 'bench-paced', 'bench-watch']) await createNamespace(pool, ns);

    let cpu = server.cpu();
    const own = process.cpuUsage();
    const create = await createPods(pool, 'bench-create', 'p', s.pods, s.concurrency);
    const createCpuMs = (server.cpu().cpuMs - cpu.cpuMs) / s.pods;
    const ownUsed = process.cpuUsage(own);
    const clientCreateCpuMs = (ownUsed.user + ownUsed.system) / 1000 / s.pods;
    const afterCreates = server.memory();
    // Stored, not being written: the watch cache packs entries a second or two after their write.
    await sleep(s.settleMs);
    const settled = server.memory();
    await sleep(s.idleMs - s.settleMs);
    const withPods = server.memory();
    const get = await getLatency(pool, 'bench-create', 'p', s.pods, s.gets);
    const fill = await createPods(pool, 'bench-list', 'l', s.listNsPods, s.concurrency);
    if (fill.errors.count) throw new Error(`filling bench-list: ${fill.errors.count} errors, first: ${fill.errors.first}`);
    const nsList = await listLatency(pool, '/api/v1/namespaces/bench-list/pods', s.nsLists);
    const clusterList = await listLatency(pool, '/api/v1/pods', s.clusterLists);
    cpu = server.cpu();
    const paced = await pacedWrites(pool, { ratePerSec: s.pacedRate, seconds: s.pacedSeconds, createNs: 'bench-paced', podsNs: 'bench-create', podsPrefix: 'p', pods: s.pods });
    const after = server.cpu();
    const pacedCpuMs = (after.cpuMs - cpu.cpuMs) / paced.sent;
    const pacedWaitMs = after.runqueueWaitMs - cpu.runqueueWaitMs;
    const fanout = await watchFanout(watchPool, pool, 'bench-watch', s.watchers, s.watchWrites);
    const mem = server.memory();
    return { driver, create, createCpuMs, clientCreateCpuMs, pacedCpuMs, pacedWaitMs, rssIdle: idle.rss, anonIdle: idle.anon, rssAfterCreates: afterCreates.rss, rssSettled: settled.rss, rssPods: withPods.rss, anonPods: withPods.anon, get, nsList, clusterList, paced, fanout, rssEnd: mem.rss, hwm: mem.hwm };
  } finally {
    pool.close();
    watchPool.close();
    await server.stop();
    await store.stop();
  }
}

async function main(): Promise<void> {
  const { smoke, drivers, cpuProfDir } = parseArgs(process.argv.slice(2));
  const sizes = smoke ? SMOKE : FULL;
  console.log(`api benchmark${smoke ? ' (smoke)' : ''} — ${machine()}; server: ${path.relative(process.cwd(), coxEntry()) || coxEntry()}, malloc: ${coxMalloc() ?? 'glibc'}`);
  console.log('each driver: a separate `cox apiserver` child; load from this process over HTTP/2 (both share the machine\'s CPUs)');
  const results: DriverResult[] = [];
  const failures: string[] = [];
  for (const d of drivers) {
    const t = performance.now();
    try {
      results.push(await benchDriver(d, sizes, cpuProfDir));
      process.stderr.write(`bench api: ${d} done in ${((performance.now() - t) / 1000).toFixed(1)}s\n`);
    } catch (err) {
      failures.push(`${d}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (results.length) printReport(results, sizes, smoke);
  for (const f of failures) console.log(`FAILED ${f}`);
  if (failures.length) process.exitCode = 1;
}

try {
  await main();
} finally {
  await cleanupAll();
}
