// The TTL-after-finished controller (upstream pkg/controller/ttlafterfinished): deletes a finished
// Job ttlSecondsAfterFinished after its Complete/Failed condition, re-reading it first so a changed
// TTL is honoured, with foreground propagation so its pods go first.

import type { Job } from 'kubernetes-types/batch/v1.js';
import type { ResourceClient, SharedInformer } from '../../client/index.ts';
import { clientFor, isNotFound, metaNamespaceKey, resources, splitMetaNamespaceKey } from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { ReconcileLoop } from '../common/loop.ts';
import type { ReconcileResult } from '../common/loop.ts';
import { finishTime } from '../job/conditions.ts';

/** Milliseconds until the Job expires (<= 0: expired), or undefined when it has no TTL or is unfinished. */
export function timeLeft(job: Job, nowMs: number): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl === undefined || job.metadata?.deletionTimestamp) return undefined;
  const finished = finishTime(job);
  if (finished === undefined) return undefined;
  return finished + ttl * 1000 - nowMs;
}

export class TTLAfterFinishedController implements Controller {
  readonly loop: ReconcileLoop;
  private readonly informer: SharedInformer<Job>;
  private readonly jobs: ResourceClient<Job>;
  private readonly now: () => number;

  constructor(ctx: ControllerContext, now: () => number = Date.now) {
    this.now = now;
    this.jobs = clientFor(ctx.rest).resource<Job>(resources.jobs);
    this.loop = new ReconcileLoop({ name: 'ttl_jobs_to_delete', reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    this.informer = ctx.informers.informerFor<Job>(resources.jobs);
    const enqueue = (j: Job): void => { if (timeLeft(j, this.now()) !== undefined) this.loop.add(metaNamespaceKey(j)); };
    this.informer.addEventHandler({ onAdd: enqueue, onUpdate: (_o, j) => enqueue(j) });
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  async sync(key: string): Promise<ReconcileResult | void> {
    const cached = this.informer.indexer.getByKey(key);
    if (!cached) return;
    const left = timeLeft(cached, this.now());
    if (left === undefined) return;
    if (left > 0) return { requeueAfter: left };
    // The cache may be stale (TTL raised meanwhile): decide on a fresh copy.
    const { namespace, name } = splitMetaNamespaceKey(key);
    const c = this.jobs.namespace(namespace);
    let fresh: Job;
    try {
      fresh = await c.get(name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    const freshLeft = timeLeft(fresh, this.now());
    if (freshLeft === undefined) return;
    if (freshLeft > 0) return { requeueAfter: freshLeft };
    try {
      await c.delete(name, { propagationPolicy: 'Foreground', preconditions: { uid: fresh.metadata?.uid, resourceVersion: fresh.metadata?.resourceVersion } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
