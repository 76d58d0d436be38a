// The Job controller (upstream pkg/controller/job): runs pods to completions with parallelism,
// tracks finished pods through the batch.kubernetes.io/job-tracking finalizer and
// status.uncountedTerminatedPods, retries with exponential back-off up to backoffLimit, honours
// activeDeadlineSeconds, Indexed completion, podFailurePolicy and suspend.

import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { EventRecorder, ResourceClient, SharedInformer } from '../../client/index.ts';
import {
  DeletedFinalStateUnknown, NamespaceIndex, clientFor, isNotFound, metaNamespaceKey, resources, splitMetaNamespaceKey,
} from '../../client/index.ts';
import { labelSelectorAsSelector } from '../../api/selectors/labels.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { claimObjects, getControllerOf, recheckOwner } from '../common/controller-ref.ts';
import { ControllerExpectations } from '../common/expectations.ts';
import { ReconcileLoop } from '../common/loop.ts';
import type { ReconcileResult } from '../common/loop.ts';
import { podKey } from '../common/pods.ts';
import { isJobFinished } from './conditions.ts';
import { hasTrackingFinalizer, removeFinalizerPatch } from './pods.ts';
import { syncJob } from './sync.ts';
import type { JobDeps } from './sync.ts';

export class JobController implements Controller {
  readonly loop: ReconcileLoop;
  readonly expectations: ControllerExpectations;
  private readonly jobInformer: SharedInformer<Job>;
  private readonly podInformer: SharedInformer<Pod>;
  private readonly jobClient: ResourceClient<Job>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly recorder: EventRecorder;
  private readonly deps: JobDeps;

  constructor(ctx: ControllerContext, now: () => number = Date.now) {
    const c = clientFor(ctx.rest);
    this.jobClient = c.resource<Job>(resources.jobs);
    this.podClient = c.resource<Pod>(resources.pods);
    this.recorder = ctx.recorder('job-controller');
    this.expectations = new ControllerExpectations(now);
    this.deps = {
      jobClient: this.jobClient, podClient: this.podClient, recorder: this.recorder, now,
      expectations: this.expectations, finalizersRemoved: new Map(), backoff: new Map(),
    };
    this.loop = new ReconcileLoop({ name: 'job', reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    this.jobInformer = ctx.informers.informerFor<Job>(resources.jobs);
    this.podInformer = ctx.informers.informerFor<Pod>(resources.pods);
    this.jobInformer.addEventHandler({
      onAdd: (j) => this.loop.add(metaNamespaceKey(j)),
      onUpdate: (_o, j) => this.loop.add(metaNamespaceKey(j)),
      onDelete: (j) => {
        const job = j instanceof DeletedFinalStateUnknown ? j.obj : j;
        const key = metaNamespaceKey(job);
        this.expectations.delete(key);
        this.deps.backoff.delete(key);
        this.loop.add(key);
      },
    });
    this.podInformer.addEventHandler({
      onAdd: (p) => this.podChanged(p, true),
      onUpdate: (_old, p) => this.podChanged(p, false),
      onDelete: (p) => {
        const pod = p instanceof DeletedFinalStateUnknown ? p.obj : p;
        const key = this.jobKeyOf(pod);
        if (!key) return;
        this.deps.finalizersRemoved.get(key)?.delete(pod.metadata?.uid ?? '');
        this.expectations.deletionObserved(key, podKey(pod));
        this.loop.add(key);
      },
    });
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  private jobKeyOf(p: Pod): string | undefined {
    const ref = getControllerOf(p);
    if (ref?.kind !== 'Job') return undefined;
    return `${p.metadata?.namespace ?? ''}/${ref.name}`;
  }

  private podChanged(p: Pod, added: boolean): void {
    const key = this.jobKeyOf(p);
    if (!key) return;
    if (added && !p.metadata?.deletionTimestamp) this.expectations.creationObserved(key);
    if (p.metadata?.deletionTimestamp) this.expectations.deletionObserved(key, podKey(p));
    if (!hasTrackingFinalizer(p)) this.deps.finalizersRemoved.get(key)?.delete(p.metadata?.uid ?? '');
    this.loop.add(key);
  }

  async sync(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const cached = this.jobInformer.indexer.getByKey(key);
    const inNs = this.podInformer.indexer.byIndex(NamespaceIndex, namespace);
    if (!cached) {
      // The Job is gone: its pods must not keep our finalizer (upstream's orphan pod cleanup).
      await this.releaseOrphans(inNs.filter((p) => {
        const ref = getControllerOf(p);
        return ref?.kind === 'Job' && ref.name === name && hasTrackingFinalizer(p);
      }));
      this.deps.finalizersRemoved.delete(key);
      return;
    }
    const job = structuredClone(cached);
    const selector = labelSelectorAsSelector(job.spec?.selector as LabelSelector | undefined);
    const pods = await claimObjects<Pod>(inNs, {
      owner: job, apiVersion: 'batch/v1', kind: 'Job', selector, client: this.podClient,
      canAdopt: recheckOwner(() => this.jobClient.namespace(namespace).get(name), job.metadata?.uid, `Job ${key}`),
    });
    // Pods of another incarnation of this Job name that still carry our finalizer.
    await this.releaseOrphans(inNs.filter((p) => {
      const ref = getControllerOf(p);
      return ref?.kind === 'Job' && ref.name === name && ref.uid !== job.metadata?.uid && hasTrackingFinalizer(p);
    }));
    if (isJobFinished(job) && !pods.some(hasTrackingFinalizer)) return;
    return syncJob(this.deps, key, job, pods, this.expectations.satisfied(key));
  }

  private async releaseOrphans(pods: Pod[]): Promise<void> {
    await Promise.all(pods.map(async (p) => {
      try {
        await this.podClient.namespace(p.metadata?.namespace ?? '').patch(p.metadata?.name ?? '', 'strategic', removeFinalizerPatch(p));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }));
  }
}
