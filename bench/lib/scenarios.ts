// The API benchmark's measurements, each against a running apiserver over HTTP/2.

import type { Http2Pool } from './client.ts';
import { summarize, sleep } from './stats.ts';
import type { Summary } from './stats.ts';

/** A realistic small pod, as a Deployment's ReplicaSet would create it (before defaulting). */
export function podJSON(namespace: string, name: string): string {
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace, labels: { app: 'bench', 'pod-template-hash': '7d9f8c6b5' } },
    spec: {
      containers: [{
        name: 'app', image: 'registry.local/bench/app:1.0',
        ports: [{ containerPort: 8080, name: 'http' }],
        env: [{ name: 'MODE', value: 'bench' }],
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
      }],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
    },
  });
}

export const podName = (prefix: string, i: number): string => `${prefix}-${String(i).padStart(6, '0')}`;
const podsPath = (ns: string): string => `/api/v1/namespaces/${ns}/pods`;

/** Counts failed requests and keeps the first failure's text for the report. */
export class Errors {
  count = 0;
  first = '';
  add(what: string): void {
    this.count++;
    if (!this.first) this.first = what.slice(0, 300);
  }
}

export async function createNamespace(pool: Http2Pool, name: string): Promise<void> {
  const res = await pool.request('POST', '/api/v1/namespaces', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  if (res.status !== 201) throw new Error(`create namespace ${name}: ${res.status} ${res.body.toString().slice(0, 300)}`);
}

/** Runs fn(0..n-1) with `concurrency` in flight. */
async function inParallel(n: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, async () => {
    while (next < n) await fn(next++);
  }));
}

export interface CreateResult { perSec: number; errors: Errors }

export async function createPods(pool: Http2Pool, ns: string, prefix: string, n: number, concurrency: number): Promise<CreateResult> {
  const errors = new Errors();
  const t = performance.now();
  await inParallel(n, concurrency, async (i) => {
    const res = await pool.request('POST', podsPath(ns), podJSON(ns, podName(prefix, i)));
    if (res.status !== 201) errors.add(`${res.status} ${res.body.toString()}`);
  });
  return { perSec: (n / (performance.now() - t)) * 1000, errors };
}

/** Sequential GETs of random pods: latency without queueing. */
export async function getLatency(pool: Http2Pool, ns: string, prefix: string, pods: number, count: number): Promise<Summary> {
  const lat: number[] = [];
  for (let i = 0; i < count; i++) {
    const path = `${podsPath(ns)}/${podName(prefix, Math.floor(Math.random() * pods))}`;
    const t = performance.now();
    const res = await pool.request('GET', path);
    lat.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
  }
  return summarize(lat);
}

export interface ListResult extends Summary { items: number; bytes: number }

/** Sequential LISTs of one path; checks the item count once. */
export async function listLatency(pool: Http2Pool, path: string, count: number): Promise<ListResult> {
  const lat: number[] = [];
  let bytes = 0;
  let items = 0;
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const res = await pool.request('GET', path);
    lat.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`LIST ${path}: ${res.status} ${res.body.toString().slice(0, 300)}`);
    bytes = res.body.length;
    if (i === 0) items = (JSON.parse(res.body.toString()) as { items: unknown[] }).items.length;
  }
  return { ...summarize(lat), items, bytes };
}

export interface PacedResult extends Summary {
  sent: number; achievedPerSec: number; errors: Errors;
  /** The worst latency among the writes due in each second of the run: shows when stalls happen. */
  worstBySecond: number[];
}

/**
 * Open-loop mutating load: request i is due at start + i/rate and is sent when due whether or not
 * earlier ones have answered; latency runs from the due time, so a stall shows up in the figures
 * instead of silently slowing the sender (coordinated omission). Writes rotate create (in
 * createNs), merge-patch and delete (of pods created earlier in podsNs).
 */
export async function pacedWrites(pool: Http2Pool, o: { ratePerSec: number; seconds: number; createNs: string; podsNs: string; podsPrefix: string; pods: number }): Promise<PacedResult> {
  const total = Math.round(o.ratePerSec * o.seconds);
  // Deletes take pods from the end; patches cycle over the ones that are never deleted.
  const deletes = Math.ceil(total / 3);
  const patchable = o.pods - deletes;
  if (patchable < 1) throw new Error(`paced writes need more than ${deletes} existing pods, have ${o.pods}`);
  const errors = new Errors();
  const lat: number[] = [];
  const worstBySecond: number[] = Array.from({ length: Math.ceil(o.seconds) }, () => 0);
  const interval = 1000 / o.ratePerSec;
  const record = (i: number, due: number): void => {
    const l = performance.now() - due;
    lat.push(l);
    const sec = Math.floor(i / o.ratePerSec);
    worstBySecond[sec] = Math.max(worstBySecond[sec] ?? 0, l);
  };
  const send = (i: number, due: number): Promise<void> => {
    const k = Math.floor(i / 3);
    let req: Promise<{ status: number; body: Buffer }>;
    let ok: number;
    if (i % 3 === 0) {
      req = pool.request('POST', podsPath(o.createNs), podJSON(o.createNs, podName('paced', k)));
      ok = 201;
    } else if (i % 3 === 1) {
      req = pool.request('PATCH', `${podsPath(o.podsNs)}/${podName(o.podsPrefix, k % patchable)}`,
        JSON.stringify({ metadata: { annotations: { 'bench/seq': String(i) } } }), 'application/merge-patch+json');
      ok = 200;
    } else {
      req = pool.request('DELETE', `${podsPath(o.podsNs)}/${podName(o.podsPrefix, o.pods - 1 - k)}`);
      ok = 200;
    }
    return req.then((res) => {
      record(i, due);
      if (res.status !== ok && !(ok === 200 && res.status === 202)) errors.add(`${res.status} ${res.body.toString()}`);
    }, (err: unknown) => { record(i, due); errors.add(String(err)); });
  };
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (i < total && start + i * interval <= now) { inFlight.push(send(i, start + i * interval)); i++; }
      if (i >= total) { clearInterval(timer); resolve(); }
    };
    const timer = setInterval(tick, 1);
  });
  const sentFor = performance.now() - start;
  await Promise.all(inFlight);
  return { ...summarize(lat), sent: total, achievedPerSec: (total / sentFor) * 1000, errors, worstBySecond };
}

export interface FanoutResult extends Summary {
  watchers: number; writes: number; delivered: number; expected: number; openMs: number;
  /** Deliveries seen before the writer saw its acknowledgement (counted as 0 delay above). */
  beforeAck: number;
  /** Delay from sending the write request instead (includes the write's own latency). */
  fromSend: Summary;
}

/**
 * Opens `watchers` watches on the pods of ns (over watchPool), then creates `writes` pods there
 * (over writePool, 8 in flight) and measures, for every watcher and event, the time from the
 * create's acknowledgement to the watcher seeing the event. Events seen before the writer saw
 * its acknowledgement count as 0; fromSend measures from the write request's start instead. Times are taken in this process, so they include its own
 * event-loop queueing: a busy client inflates the tail.
 */
export async function watchFanout(watchPool: Http2Pool, writePool: Http2Pool, ns: string, watchers: number, writes: number, timeoutMs = 60_000): Promise<FanoutResult> {
  const seen = new Map<string, number[]>();
  const namePattern = /"name":"(fw-\d+)"/;
  let delivered = 0;
  const onLine = (line: string): void => {
    const at = performance.now();
    if (!line.startsWith('{"type":"ADDED"')) return;
    const name = namePattern.exec(line)?.[1];
    if (!name) return;
    let list = seen.get(name);
    if (!list) { list = []; seen.set(name, list); }
    list.push(at);
    delivered++;
  };
  const t = performance.now();
  const streams: { close(): void }[] = [];
  try {
    await inParallel(watchers, 50, async () => { streams.push(await watchPool.watch(`${podsPath(ns)}?watch=true`, onLine)); });
    const openMs = performance.now() - t;
    const acked = new Map<string, number>();
    const sent = new Map<string, number>();
    await inParallel(writes, 8, async (i) => {
      const name = podName('fw', i);
      sent.set(name, performance.now());
      const res = await writePool.request('POST', podsPath(ns), podJSON(ns, name));
      acked.set(name, performance.now());
      if (res.status !== 201) throw new Error(`watch fan-out create ${name}: ${res.status} ${res.body.toString().slice(0, 300)}`);
    });
    const expected = watchers * writes;
    const deadline = performance.now() + timeoutMs;
    let last = -1;
    let lastChange = performance.now();
    // Wait for every delivery, or until nothing has arrived for 5 s (or the overall timeout).
    while (delivered < expected && performance.now() < deadline && performance.now() - lastChange < 5000) {
      if (delivered !== last) { last = delivered; lastChange = performance.now(); }
      await sleep(20);
    }
    const delays: number[] = [];
    const fromSend: number[] = [];
    let beforeAck = 0;
    for (const [name, times] of seen) {
      const ack = acked.get(name);
      const start = sent.get(name);
      if (ack === undefined || start === undefined) continue;
      for (const at of times) {
        if (at < ack) beforeAck++;
        delays.push(Math.max(0, at - ack));
        fromSend.push(at - start);
      }
    }
    return { ...summarize(delays), watchers, writes, delivered, expected, openMs, beforeAck, fromSend: summarize(fromSend) };
  } finally {
    for (const s of streams) s.close();
  }
}
