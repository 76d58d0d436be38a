// The SLO probes of bench/hollow.ts, each on a thread of its own: the process also runs 5,000
// hollow kubelets and receives 500 MB cluster LISTs, and a probe timed on that busy event loop
// measured the bench's own lag as the server's latency. Kind 'small' sends a merge patch every
// 200 ms and a namespace LIST every second; kind 'cluster' LISTs every pod every periodMs.
// Samples go to the parent as they come; { type: 'stop' } ends the loops, { type: 'listNow' } asks
// for one more cluster LIST (answered by its sample or failure, then { type: 'listed' }).

import { parentPort, workerData } from 'node:worker_threads';
import type { Credentials } from './apiserver.ts';
import { Session, mustOK } from './h2session.ts';
import { sleep } from './stats.ts';

export interface ProbeWorkerData { kind: 'small' | 'cluster'; creds: Credentials; token?: string; namespaces: string[]; periodMs: number }
export type ProbeSample =
  | { type: 'mutating' | 'nsList'; ms: number }
  | { type: 'clusterList'; ms: number; bytes: number }
  | { type: 'clusterListFailure'; text: string }
  | { type: 'failure'; text: string }
  | { type: 'listed' };

const data = workerData as ProbeWorkerData;
const port = parentPort;
if (!port) throw new Error('probe-worker runs as a worker thread');
const post = (m: ProbeSample): void => port.postMessage(m);
const session = new Session(data.creds, data.token);
let stopped = false;

async function every(periodMs: number, fn: () => Promise<void>): Promise<void> {
  while (!stopped) {
    const t = performance.now();
    try {
      await fn();
    } catch (err) {
      post({ type: 'failure', text: err instanceof Error ? err.message : String(err) });
    }
    const wait = periodMs - (performance.now() - t);
    for (let slept = 0; slept < wait && !stopped; slept += 100) await sleep(Math.min(100, wait - slept));
  }
}

async function clusterList(): Promise<void> {
  const t = performance.now();
  const r = await session.request('GET', '/api/v1/pods', undefined, undefined, false);
  if (r.status !== 200) {
    post({ type: 'clusterListFailure', text: `${r.status} after ${((performance.now() - t) / 1000).toFixed(1)}s` });
    throw new Error(`cluster LIST: ${r.status}`);
  }
  post({ type: 'clusterList', ms: performance.now() - t, bytes: r.bytes });
}

const loops: Promise<void>[] = [];
if (data.kind === 'small') {
  loops.push(every(200, async () => {
    const t = performance.now();
    await mustOK(session.request('PATCH', '/api/v1/namespaces/hollow-probe/configmaps/probe', JSON.stringify({ data: { t: String(Date.now()) } }), 'application/merge-patch+json'), 'probe patch');
    post({ type: 'mutating', ms: performance.now() - t });
  }));
  let i = 0;
  loops.push(every(1000, async () => {
    const ns = data.namespaces[i++ % data.namespaces.length] ?? 'default';
    const t = performance.now();
    await mustOK(session.request('GET', `/api/v1/namespaces/${ns}/pods`, undefined, undefined, false), 'namespace LIST');
    post({ type: 'nsList', ms: performance.now() - t });
  }));
} else {
  loops.push(every(data.periodMs, clusterList));
}

port.on('message', (m: { type: 'stop' | 'listNow' }) => {
  if (m.type === 'stop') {
    stopped = true;
    void Promise.all(loops).then(() => { session.close(); port.close(); });
  } else {
    void clusterList().catch(() => {}).then(() => post({ type: 'listed' }));
  }
});
