// The API benchmark's table: one column per driver, the sqlite/etcd and sqlite/memory ratios,
// and the project's targets beside the figures they judge.

import type { CreateResult, FanoutResult, ListResult, PacedResult } from './scenarios.ts';
import type { Summary } from './stats.ts';
import { mb, ms } from './stats.ts';

export interface Sizes {
  pods: number; concurrency: number; gets: number; listNsPods: number; nsLists: number; clusterLists: number;
  pacedRate: number; pacedSeconds: number; watchers: number; watchWrites: number;
  /** The stored-pods RSS is read this long after the last create (the watch cache has packed)… */
  settleMs: number;
  /** …and again once the server has been idle this long (V8 gives memory back when idle). */
  idleMs: number;
}

export interface DriverResult {
  driver: string;
  create: CreateResult;
  /** Server CPU (all threads) per pod create and per paced write. */
  createCpuMs: number;
  /** This (load-generating) process's CPU per pod create: it shares the machine with the server. */
  clientCreateCpuMs: number;
  pacedCpuMs: number;
  /** How long the server's main thread waited for a CPU during the paced run (machine noise). */
  pacedWaitMs: number;
  rssIdle: number;
  anonIdle: number;
  rssAfterCreates: number;
  /** settleMs after the last create. */
  rssSettled: number;
  /** idleMs after the last create. */
  rssPods: number;
  anonPods: number;
  get: Summary;
  nsList: ListResult;
  clusterList: ListResult;
  paced: PacedResult;
  fanout: FanoutResult;
  rssEnd: number;
  hwm: number;
}

interface Row {
  label: string;
  value: (r: DriverResult) => number;
  format: (v: number) => string;
  /** Judged against each driver named in `drivers` (all when absent). */
  target?: { text: string; met: (v: number) => boolean; drivers?: string[] };
}

const count = (v: number): string => (Number.isFinite(v) ? String(Math.round(v)) : '-');

function rows(s: Sizes): Row[] {
  return [
    { label: `pod creates/s (${s.pods}, ${s.concurrency} in flight)`, value: (r) => r.create.perSec, format: count,
      target: { text: '≥ 2000/s', met: (v) => v >= 2000, drivers: ['sqlite'] } },
    { label: 'server CPU ms per pod create', value: (r) => r.createCpuMs, format: ms },
    { label: 'bench client CPU ms per pod create', value: (r) => r.clientCreateCpuMs, format: ms },
    { label: 'GET pod p50 ms', value: (r) => r.get.p50, format: ms },
    { label: 'GET pod p99 ms', value: (r) => r.get.p99, format: ms },
    { label: `namespace LIST (${s.listNsPods} pods) p50 ms`, value: (r) => r.nsList.p50, format: ms },
    { label: `namespace LIST (${s.listNsPods} pods) p99 ms`, value: (r) => r.nsList.p99, format: ms },
    { label: 'cluster LIST all pods ms (median)', value: (r) => r.clusterList.p50, format: ms },
    { label: `mutating p50 ms @ ${s.pacedRate}/s for ${s.pacedSeconds}s`, value: (r) => r.paced.p50, format: ms },
    { label: `mutating p99 ms @ ${s.pacedRate}/s`, value: (r) => r.paced.p99, format: ms,
      target: { text: '≤ 50 ms', met: (v) => v <= 50 } },
    { label: `mutating max ms @ ${s.pacedRate}/s`, value: (r) => r.paced.max, format: ms },
    { label: 'server CPU ms per paced write', value: (r) => r.pacedCpuMs, format: ms },
    { label: 'server waited for a CPU during paced ms', value: (r) => r.pacedWaitMs, format: count },
    { label: `watch delay after ack p50 ms (${s.watchers} watchers)`, value: (r) => r.fanout.p50, format: ms },
    { label: 'watch delay after ack p99 ms', value: (r) => r.fanout.p99, format: ms },
    { label: 'watch delay after ack max ms', value: (r) => r.fanout.max, format: ms },
    { label: 'watch event after write sent p99 ms', value: (r) => r.fanout.fromSend.p99, format: ms },
    { label: 'server RSS idle MB', value: (r) => r.rssIdle, format: mb },
    { label: '  of which anonymous (RssAnon) MB', value: (r) => r.anonIdle, format: mb },
    { label: `server RSS right after ${s.pods} creates MB`, value: (r) => r.rssAfterCreates, format: mb },
    { label: `server RSS ${s.settleMs / 1000} s after ${s.pods} creates MB`, value: (r) => r.rssSettled, format: mb },
    { label: `server RSS with ${s.pods} pods stored MB (idle ${s.idleMs / 1000} s)`, value: (r) => r.rssPods, format: mb,
      target: { text: '≤ 120 MB', met: (v) => v <= 120 * 2 ** 20 } },
    { label: '  of which anonymous (RssAnon) MB', value: (r) => r.anonPods, format: mb },
    { label: 'server RSS at end MB', value: (r) => r.rssEnd, format: mb },
    { label: 'server peak RSS (VmHWM) MB', value: (r) => r.hwm, format: mb },
  ];
}

function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '';
  return `${(a / b).toFixed(2)}x`;
}

export function printReport(results: DriverResult[], s: Sizes, smoke: boolean): void {
  const by = new Map(results.map((r) => [r.driver, r]));
  const drivers = results.map((r) => r.driver);
  const ratios = (['etcd', 'memory'] as const).filter((d) => by.has('sqlite') && by.has(d));
  const header = ['metric', ...drivers, ...ratios.map((d) => `sqlite/${d}`), smoke ? 'target (not judged: smoke)' : 'target'];
  const table: string[][] = [header];
  for (const row of rows(s)) {
    const vals = new Map(results.map((r) => [r.driver, row.value(r)]));
    let target = '';
    if (row.target) {
      const t = row.target;
      const judged = drivers.filter((d) => !t.drivers || t.drivers.includes(d));
      target = smoke ? t.text : `${t.text}: ${judged.map((d) => `${d} ${t.met(vals.get(d) ?? NaN) ? 'met' : 'MISSED'}`).join(', ')}`;
    }
    table.push([row.label, ...drivers.map((d) => row.format(vals.get(d) ?? NaN)),
      ...ratios.map((d) => ratio(vals.get('sqlite'), vals.get(d))), target]);
  }
  const widths = header.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  for (const r of table) {
    console.log(r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd());
  }
  for (const r of results) {
    const notes = [
      `paced ${r.paced.sent} writes (create/merge-patch/delete) sent at ${count(r.paced.achievedPerSec)}/s, worst ms per second: ${r.paced.worstBySecond.map(count).join(' ')}`,
      `watch: ${r.fanout.delivered}/${r.fanout.expected} events delivered (${r.fanout.beforeAck} before the write's ack), ${r.fanout.watchers} watches opened in ${ms(r.fanout.openMs)} ms`,
      `cluster LIST: ${r.clusterList.items} pods, ${mb(r.clusterList.bytes)} MB`,
    ];
    if (r.create.errors.count) notes.push(`create errors ${r.create.errors.count} (first: ${r.create.errors.first})`);
    if (r.paced.errors.count) notes.push(`paced errors ${r.paced.errors.count} (first: ${r.paced.errors.first})`);
    console.log(`${r.driver}: ${notes.join('; ')}`);
  }
}
