// The pod creates of bench/hollow.ts on a thread of their own, so their latency is the server's
// and not that of the process running the hollow kubelets: `concurrency` requests in flight, pod i
// in namespace i mod N bound to node i mod M, a 429 retried after a second (at most 10 times).
// Progress goes to the parent every 500 ms ({ type: 'progress' }) and at the end ({ type: 'done' }).

import { parentPort, workerData } from 'node:worker_threads';
import type { Credentials } from './apiserver.ts';
import { Session } from './h2session.ts';
import { sleep } from './stats.ts';

export interface CreateWorkerData { creds: Credentials; token?: string; pods: number; namespaces: string[]; nodes: string[]; concurrency: number }
export interface CreateProgress { type: 'progress' | 'done'; latencies: number[]; created: number; throttled: number; errors: number; errorTexts: string[] }

const data = workerData as CreateWorkerData;
const port = parentPort;
if (!port) throw new Error('create-worker runs as a worker thread');
const session = new Session(data.creds, data.token);
let latencies: number[] = [];
let errorTexts: string[] = [];
let created = 0;
let throttled = 0;
let errors = 0;
let stopping = false;
port.on('message', () => { stopping = true; });

function report(type: 'progress' | 'done'): void {
  const m: CreateProgress = { type, latencies, created, throttled, errors, errorTexts };
  port?.postMessage(m);
  latencies = [];
  errorTexts = [];
}

function podBody(ns: string, name: string, node: string): string {
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels: { app: 'hollow-bench' } },
    spec: { nodeName: node, containers: [{ name: 'app', image: 'registry.local/pause:3.10', resources: { requests: { cpu: '10m', memory: '10Mi' } } }] },
  });
}

const timer = setInterval(() => report('progress'), 500);
let next = 0;
await Promise.all(Array.from({ length: data.concurrency }, async () => {
  while (next < data.pods && !stopping) {
    const i = next++;
    const ns = data.namespaces[i % data.namespaces.length] as string;
    const node = data.nodes[i % data.nodes.length] as string;
    for (let attempt = 0; ; attempt++) {
      const t = performance.now();
      let status = 0;
      try {
        status = (await session.request('POST', `/api/v1/namespaces/${ns}/pods`, podBody(ns, `p-${i}`, node), undefined, false)).status;
      } catch (err) {
        if (errors++ < 5) errorTexts.push(err instanceof Error ? err.message : String(err));
      }
      latencies.push(performance.now() - t);
      if (status === 201) { created++; break; }
      if (status === 429) throttled++;
      else if (status !== 0 && errors++ < 5) errorTexts.push(`status ${status}`);
      if (attempt >= 10 || stopping) break;
      await sleep(1000);
    }
  }
}));
clearInterval(timer);
report('done');
session.close();
port.close();
