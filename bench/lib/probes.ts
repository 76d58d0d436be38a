// The SLO probes and the pod creates of bench/hollow.ts, run on worker threads (./probe-worker.ts,
// ./create-worker.ts) so their timings are the server's and not this busy process's: paced
// mutating writes and namespace LISTs, cluster LISTs on a thread and connection of their own, and
// the creates.

import { Worker } from 'node:worker_threads';
import type { Credentials } from './apiserver.ts';
import type { CreateProgress, CreateWorkerData } from './create-worker.ts';
import type { ProbeSample, ProbeWorkerData } from './probe-worker.ts';

export class Probes {
  readonly mutating: number[] = [];
  readonly nsList: number[] = [];
  readonly clusterList: { ms: number; bytes: number }[] = [];
  /** Cluster LISTs the server refused or failed, with the pods created at the time. */
  readonly clusterListFailures: string[] = [];
  createdNow = 0;
  /** Probe requests that failed (429s, reset streams), the first few printed. */
  failures = 0;
  private readonly small: Worker;
  private readonly cluster: Worker;
  private listed: (() => void) | undefined;

  constructor(creds: Credentials, token: string | undefined, namespaces: string[], clusterEveryMs: number) {
    this.small = this.start({ kind: 'small', creds, token, namespaces, periodMs: 0 });
    this.cluster = this.start({ kind: 'cluster', creds, token, namespaces, periodMs: clusterEveryMs });
  }

  private start(data: ProbeWorkerData): Worker {
    const w = new Worker(new URL('./probe-worker.ts', import.meta.url), { workerData: data });
    w.on('message', (m: ProbeSample) => this.onSample(m));
    w.on('error', (err) => { if (this.failures++ < 5) process.stderr.write(`probe ${data.kind}: ${err.message}\n`); });
    return w;
  }

  private onSample(m: ProbeSample): void {
    switch (m.type) {
      case 'mutating': this.mutating.push(m.ms); break;
      case 'nsList': this.nsList.push(m.ms); break;
      case 'clusterList': this.clusterList.push({ ms: m.ms, bytes: m.bytes }); break;
      case 'clusterListFailure': this.clusterListFailures.push(`${m.text} with ${this.createdNow} pods`); break;
      case 'failure': if (this.failures++ < 5) process.stderr.write(`probe: ${m.text}\n`); break;
      case 'listed': this.listed?.(); this.listed = undefined; break;
    }
  }

  /** One more cluster LIST, now (e.g. once every pod runs). */
  clusterListOnce(): Promise<void> {
    return new Promise((resolve) => {
      this.listed = resolve;
      this.cluster.postMessage({ type: 'listNow' });
    });
  }

  async stop(): Promise<void> {
    const done = (w: Worker): Promise<void> => new Promise((resolve) => {
      if (w.threadId < 0) { resolve(); return; }
      const t = setTimeout(() => { void w.terminate().then(() => resolve()); }, 120_000);
      w.once('exit', () => { clearTimeout(t); resolve(); });
      w.postMessage({ type: 'stop' });
    });
    await Promise.all([done(this.small), done(this.cluster)]);
  }
}

/** Pod creates running on a worker thread (./create-worker.ts); the counters follow its progress. */
export class PodCreator {
  readonly latencies: number[] = [];
  created = 0;
  throttled = 0;
  errors = 0;
  /** Resolves when every create was answered (or given up). */
  readonly done: Promise<void>;
  private readonly worker: Worker;

  constructor(data: CreateWorkerData) {
    this.worker = new Worker(new URL('./create-worker.ts', import.meta.url), { workerData: data });
    this.done = new Promise((resolve, reject) => {
      this.worker.on('message', (m: CreateProgress) => {
        for (const l of m.latencies) this.latencies.push(l);
        for (const e of m.errorTexts) process.stderr.write(`create pod: ${e}\n`);
        this.created = m.created;
        this.throttled = m.throttled;
        this.errors = m.errors;
        if (m.type === 'done') resolve();
      });
      this.worker.on('error', reject);
      this.worker.on('exit', () => resolve());
    });
  }

  /** Stops sending new creates (cleanup). */
  async stop(): Promise<void> {
    this.worker.postMessage({ type: 'stop' });
    await this.done.catch(() => {});
  }
}
