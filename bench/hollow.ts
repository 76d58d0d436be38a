// Hollow-node scale run (issue #4): a real `cox apiserver` child on SQLite, N hollow nodes in this
// process, and M pods bound directly to them (spec.nodeName set at create, no scheduler).
//   node_modules/.bin/node bench/hollow.ts [--smoke] [--nodes N] [--pods M] [--namespaces K]
//                                           [--status-qps Q] [--cpu-prof DIR] [--admin-nodes] [--admin-load]
//                                           [--inflight R,M]
// Full: 5,000 nodes and 150,000 pods; --smoke: 100 nodes and 1,000 pods. Prints figures only:
// time until every node is Ready, time until every pod is Running and pods/s, the server's and this
// process's RSS (peak VmHWM), and while it runs the upstream SLO figures: mutating API p99 (pod
// creates, and a paced configmap patch probe), namespace LIST p99 and cluster LIST time.
// Each hollow node writes as a real kubelet does, as user system:node:<name> in group system:nodes
// (a bearer token each, from the server's --token-auth-file), so the Node authorizer,
// NodeRestriction and priority and fairness treat it as a kubelet; all nodes share one connection
// as kubelets with one TLS config would, and the shared pod informer runs as the first node. The
// pods are created by one ordinary user and the probes sent by another (cluster-admin by RBAC, not
// system:masters, which priority and fairness exempts), each from worker threads of their own
// (bench/lib/probes.ts): timed on this process's loop, busy with 5,000 kubelets and 500 MB LISTs,
// they measured the bench's own lag as the server's latency. --admin-nodes: every node writes as the
// admin; --admin-load: the creates and probes are the admin's.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RestConfig } from '../src/client/config.ts';
import { generateNodeTokens, hollowNodeNames, nodeTokenFileText, startHollowNodes, tokenIdentity } from '../src/kubelet/hollow/index.ts';
import type { HollowNodes, NodeIdentity } from '../src/kubelet/hollow/index.ts';
import { coxMalloc, procMemory, startApiServer } from './lib/apiserver.ts';
import { Session, mustOK } from './lib/h2session.ts';
import { PodCreator, Probes } from './lib/probes.ts';
import { cleanupAll, onCleanup } from './lib/cleanup.ts';
import { machine, mb, ms, sleep, summarize } from './lib/stats.ts';

interface Args { smoke: boolean; nodes: number; pods: number; namespaces: number; statusQPS: number; cpuProfDir?: string; adminNodes: boolean; adminLoad: boolean; inflight?: string }

function parseArgs(argv: string[]): Args {
  const smoke = argv.includes('--smoke');
  const num = (flag: string, dflt: number): number => {
    const i = argv.indexOf(flag);
    if (i < 0) return dflt;
    const n = Number(argv[i + 1]);
    if (!Number.isFinite(n)) throw new Error(`${flag} needs a number`);
    return n;
  };
  const pi = argv.indexOf('--cpu-prof');
  return {
    smoke,
    nodes: num('--nodes', smoke ? 100 : 5_000),
    pods: num('--pods', smoke ? 1_000 : 150_000),
    namespaces: num('--namespaces', smoke ? 5 : 50),
    statusQPS: num('--status-qps', -1),
    cpuProfDir: pi >= 0 ? argv[pi + 1] : undefined,
    adminNodes: argv.includes('--admin-nodes'),
    adminLoad: argv.includes('--admin-load'),
    inflight: argv.includes('--inflight') ? argv[argv.indexOf('--inflight') + 1] : undefined,
  };
}


/** --inflight R,M: the apiserver's --max-requests-inflight and --max-mutating-requests-inflight. */
function inflightArgs(v: string | undefined): string[] {
  if (v === undefined) return [];
  const [r, m] = v.split(',');
  if (!r || !m) throw new Error(`--inflight: want R,M, got ${v}`);
  return ['--max-requests-inflight', r, '--max-mutating-requests-inflight', m];
}

/** Errors counted by kind: node, pod and number names folded, most frequent first. */
function errorKinds(errors: string[]): string {
  const kinds = new Map<string, number>();
  for (const e of errors) {
    const k = e.replace(/hollow-node-\d+/g, 'hollow-node-N').replace(/\bp-\d+/g, 'p-N').replace(/\d+/g, 'N').slice(0, 160);
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  return [...kinds].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([k, n]) => `${n}× ${k}`).join('; ');
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  console.log(`hollow benchmark${a.smoke ? ' (smoke)' : ''}: ${a.nodes} nodes, ${a.pods} pods in ${a.namespaces} namespaces, sqlite`);
  console.log(`machine: ${machine()}; server malloc: ${coxMalloc() ?? 'glibc'}`);
  // One random token per node, known to the server through its static token file.
  const tokens = generateNodeTokens(hollowNodeNames('hollow-node', 0, a.nodes));
  // The load and the probes are two ordinary users (cluster-admin by RBAC, not system:masters):
  // priority and fairness exempts system:masters, and an exempt flood of creates would starve
  // every kubelet, which no real workload can do.
  const users = { load: randomBytes(16).toString('hex'), probe: randomBytes(16).toString('hex') };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-bench-tokens-'));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'tokens.csv');
  fs.writeFileSync(file, `${users.load},hollow-bench-load,hollow-bench-load\n${users.probe},hollow-bench-probe,hollow-bench-probe\n${a.adminNodes ? '' : nodeTokenFileText(tokens)}`, { mode: 0o600 });
  console.log(`hollow nodes write as ${a.adminNodes ? 'the admin (system:masters)' : 'system:node:<name> (group system:nodes), a bearer token each, over one shared connection'}; pods are created ${a.adminLoad ? 'by the admin (system:masters, exempt from priority and fairness)' : 'by user hollow-bench-load, probes by hollow-bench-probe (cluster-admin by RBAC)'}`);
  const server = await startApiServer({ datastoreEndpoint: 'sqlite://DATA_DIR/state.db', cpuProfDir: a.cpuProfDir, timeoutMs: 120_000, coxArgs: ['--token-auth-file', file, ...inflightArgs(a.inflight)] });
  const admin = new Session(server.creds);
  onCleanup(() => admin.close());
  await mustOK(admin.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', JSON.stringify({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'hollow-bench' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: ['hollow-bench-load', 'hollow-bench-probe'].map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name })),
  })), 'bind the bench users to cluster-admin');
  const config: RestConfig = { server: server.creds.server, ca: server.creds.ca, cert: server.creds.cert, key: server.creds.key, qps: -1, burst: 0, userAgent: 'coxswain-hollow-bench' };
  const identity: NodeIdentity | undefined = a.adminNodes ? undefined : tokenIdentity(config, tokens);
  const namespaces = Array.from({ length: a.namespaces }, (_, i) => `hollow-${i}`);
  for (const ns of [...namespaces, 'hollow-probe']) {
    await mustOK(admin.request('POST', '/api/v1/namespaces', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } })), `create namespace ${ns}`);
  }
  await mustOK(admin.request('POST', '/api/v1/namespaces/hollow-probe/configmaps', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'probe' }, data: {} })), 'create probe configmap');

  let serverPeak = 0;
  const serverCpu0 = server.cpu().cpuMs;
  const cpu0 = process.cpuUsage();
  const probes = new Probes(server.creds, a.adminLoad ? undefined : users.probe, namespaces, a.smoke ? 5_000 : 60_000);
  onCleanup(() => probes.stop());
  const errors: string[] = [];
  const t0 = performance.now();
  const hollow: HollowNodes = await startHollowNodes(identity ? identity('hollow-node-0') : config, {
    count: a.nodes, statusQPS: a.statusQPS, identity,
    onError: (err, what) => { if (errors.push(`${what}: ${err instanceof Error ? err.message : String(err)}`) <= 5) process.stderr.write(`hollow: ${errors[errors.length - 1]}\n`); },
  });
  onCleanup(() => hollow.stop());
  const nodesReadyMs = performance.now() - t0;
  const nodeList = JSON.parse((await admin.request('GET', '/api/v1/nodes')).body) as { items: { status?: { conditions?: { type: string; status: string }[] } }[] };
  const ready = nodeList.items.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
  console.log(`nodes: ${ready}/${a.nodes} Ready after ${(nodesReadyMs / 1000).toFixed(1)}s`);

  // Bind pods straight to nodes, round-robin, as fast as 64 concurrent creates go (on a thread
  // and connection of their own).
  const t1 = performance.now();
  const creator = new PodCreator({ creds: server.creds, token: a.adminLoad ? undefined : users.load, pods: a.pods, namespaces, nodes: hollow.nodes, concurrency: 64 });
  onCleanup(() => creator.stop());
  const progress = setInterval(() => {
    const s = hollow.stats();
    const mem = server.memory();
    serverPeak = Math.max(serverPeak, mem.hwm);
    const created = creator.created;
    probes.createdNow = created;
    const mp = summarize(probes.mutating);
    const np = summarize(probes.nsList);
    console.log(`  +${((performance.now() - t1) / 1000).toFixed(0)}s: created ${created}, running ${s.running}, status writes ${s.statusWrites}, lease renewals ${s.leaseRenewals}, server RSS ${mb(mem.rss)} MB (peak ${mb(serverPeak)}), bench RSS ${mb(process.memoryUsage().rss)} MB; so far: configmap patch p99 ${ms(mp.p99)} ms, namespace LIST p99 ${ms(np.p99)} ms, cluster LISTs ${probes.clusterList.map((c) => (c.ms / 1000).toFixed(1)).join('/')} s, failed ${probes.clusterListFailures.length}`);
  }, a.smoke ? 2_000 : 10_000);
  onCleanup(() => clearInterval(progress));
  await creator.done;
  const { created, throttled, errors: createErrors } = creator;
  const createdMs = performance.now() - t1;
  const deadline = performance.now() + (a.smoke ? 120_000 : 3_600_000);
  while (hollow.stats().running < created && performance.now() < deadline) await sleep(100);
  const runningMs = performance.now() - t1;
  const stats = hollow.stats();
  clearInterval(progress);
  // The server's own view: nothing left that is not Running (on a fresh connection, retried: the
  // figures below must not be lost to one refused request at the end of a long run).
  const retry = async <T>(what: string, fn: (s: Session) => Promise<T>): Promise<T | undefined> => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const s = new Session(server.creds);
      try { return await fn(s); } catch (err) { process.stderr.write(`${what}: ${err instanceof Error ? err.message : String(err)}\n`); } finally { s.close(); }
      await sleep(2000);
    }
    return undefined;
  };
  const notRunning = await retry('final check', async (s) => {
    const r = await s.request('GET', '/api/v1/pods?fieldSelector=status.phase!%3DRunning&limit=10');
    if (r.status !== 200) throw new Error(`status ${r.status}`);
    return JSON.parse(r.body) as { items: unknown[] };
  });
  probes.createdNow = created;
  await probes.clusterListOnce();
  await probes.stop();
  const serverMem = server.memory();
  serverPeak = Math.max(serverPeak, serverMem.hwm);
  const serverCpuS = (server.cpu().cpuMs - serverCpu0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const own = procMemory(process.pid);
  await hollow.stop();

  const creates = summarize(creator.latencies);
  const mut = summarize(probes.mutating);
  const nsl = summarize(probes.nsList);
  const cl = summarize(probes.clusterList.map((c) => c.ms));
  const lastCl = probes.clusterList[probes.clusterList.length - 1];
  const verdict = (v: number, limit: number): string => (v <= limit ? 'met' : 'MISSED');
  console.log(`pods: ${created}/${a.pods} created in ${(createdMs / 1000).toFixed(1)}s (${(created / (createdMs / 1000)).toFixed(0)}/s, ${throttled} answered 429 and retried, ${createErrors} errors); ${stats.running} Running after ${(runningMs / 1000).toFixed(1)}s (${(stats.running / (runningMs / 1000)).toFixed(0)} pods/s to Running); server says ${notRunning === undefined ? 'nothing (the check failed)' : notRunning.items.length === 0 ? 'all' : 'NOT all'} Running`);
  console.log(`hollow: ${stats.statusWrites} pod status writes (${stats.statusErrors} errors), ${stats.leaseRenewals} lease renewals (${stats.leaseErrors} errors), ${stats.statusReports} node status reports (${stats.nodeStatusErrors} errors), ${errors.length} errors reported${errors.length ? `: ${errorKinds(errors)}` : ''}`);
  console.log(`mutating API p99: pod create ${ms(creates.p99)} ms (p50 ${ms(creates.p50)}), paced configmap patch ${ms(mut.p99)} ms (p50 ${ms(mut.p50)}, n ${mut.n}; ${probes.failures} probe requests failed, mostly 429) — SLO ≤ 1000 ms: ${verdict(Math.max(creates.p99, mut.p99), 1000)}`);
  console.log(`namespace LIST p99: ${ms(nsl.p99)} ms (p50 ${ms(nsl.p50)}, n ${nsl.n}, up to ${Math.ceil(a.pods / a.namespaces)} pods) — SLO ≤ 5000 ms: ${verdict(nsl.p99, 5000)}`);
  console.log(`cluster LIST of all pods: max ${ms(cl.max)} ms (p50 ${ms(cl.p50)}, n ${cl.n}, last ${mb(lastCl?.bytes ?? NaN)} MB) — SLO ≤ 30000 ms: ${verdict(cl.max, 30_000)}${probes.clusterListFailures.length ? `; FAILED: ${probes.clusterListFailures.join(', ')}` : ''}`);
  const perPod = (s: number): string => ((s * 1000) / Math.max(created, 1)).toFixed(2);
  const benchCpuS = (cpu.user + cpu.system) / 1e6;
  console.log(`server: peak RSS (VmHWM) ${mb(serverPeak)} MB, RSS now ${mb(serverMem.rss)} MB, CPU ${serverCpuS.toFixed(1)}s (${perPod(serverCpuS)} ms per pod, leases included); bench process (hollow nodes + load): peak RSS ${mb(own.hwm)} MB, CPU ${benchCpuS.toFixed(1)}s (${perPod(benchCpuS)} ms per pod)`);
  console.log(`wall time: ${((t1 + runningMs - t0) / 1000).toFixed(1)}s from the first node registration to every pod Running`);
  await server.stop();
}

try {
  await main();
} catch (err) {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exitCode = 1;
} finally {
  await cleanupAll();
}
