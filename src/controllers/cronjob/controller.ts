// The CronJob controller (upstream pkg/controller/cronjob, controllerv2): on each sync, reconcile
// status.active with the Jobs it owns, then start the most recent due Job (name
// <cronjob>-<scheduled time in minutes>) per concurrencyPolicy and startingDeadlineSeconds, prune
// finished Jobs beyond the history limits, and requeue at the next activation. The clock is injectable.

import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import type { EventRecorder, ResourceClient, SharedInformer } from '../../client/index.ts';
import {
  DeletedFinalStateUnknown, NamespaceIndex, clientFor, isAlreadyExists, isNotFound, metaNamespaceKey, resources, splitMetaNamespaceKey,
} from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { getControllerOf, newControllerRef } from '../common/controller-ref.ts';
import { ReconcileLoop } from '../common/loop.ts';
import type { ReconcileResult } from '../common/loop.ts';
import { finishTime, hasTrue, isJobFinished, nowTime } from '../job/conditions.ts';
import { mostRecent, parseSchedule } from './schedule.ts';
import type { Schedule } from './schedule.ts';

export const ScheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** Upstream getJobName: the scheduled time in minutes since the epoch. */
export function jobNameFor(cj: CronJob, scheduledMs: number): string {
  return `${cj.metadata?.name ?? ''}-${Math.floor(scheduledMs / 60_000)}`;
}

export class CronJobController implements Controller {
  readonly loop: ReconcileLoop;
  private readonly cjInformer: SharedInformer<CronJob>;
  private readonly jobInformer: SharedInformer<Job>;
  private readonly cjClient: ResourceClient<CronJob>;
  private readonly jobClient: ResourceClient<Job>;
  private readonly recorder: EventRecorder;
  private readonly now: () => number;

  constructor(ctx: ControllerContext, now: () => number = Date.now) {
    this.now = now;
    const c = clientFor(ctx.rest);
    this.cjClient = c.resource<CronJob>(resources.cronjobs);
    this.jobClient = c.resource<Job>(resources.jobs);
    this.recorder = ctx.recorder('cronjob-controller');
    this.loop = new ReconcileLoop({ name: 'cronjob', reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    this.cjInformer = ctx.informers.informerFor<CronJob>(resources.cronjobs);
    this.jobInformer = ctx.informers.informerFor<Job>(resources.jobs);
    this.cjInformer.addEventHandler({
      onAdd: (cj) => this.loop.add(metaNamespaceKey(cj)),
      onUpdate: (_o, cj) => this.loop.add(metaNamespaceKey(cj)),
    });
    const jobChanged = (j: Job): void => {
      const ref = getControllerOf(j);
      if (ref?.kind === 'CronJob') this.loop.add(`${j.metadata?.namespace ?? ''}/${ref.name}`);
    };
    this.jobInformer.addEventHandler({
      onAdd: jobChanged, onUpdate: (_o, j) => jobChanged(j),
      onDelete: (j) => jobChanged(j instanceof DeletedFinalStateUnknown ? j.obj : j),
    });
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  async sync(key: string): Promise<ReconcileResult | void> {
    const { namespace } = splitMetaNamespaceKey(key);
    const cached = this.cjInformer.indexer.getByKey(key);
    if (!cached) return;
    const cj = structuredClone(cached);
    const jobs = this.jobInformer.indexer.byIndex(NamespaceIndex, namespace).filter((j) => getControllerOf(j)?.uid === cj.metadata?.uid);
    const before = JSON.stringify(cj.status ?? {});
    const status = cj.status ??= {};
    const now = this.now();
    // status.active follows the owned Jobs that are not finished.
    const byUid = new Map(jobs.map((j) => [j.metadata?.uid ?? '', j]));
    const active: ObjectReference[] = [];
    for (const ref of status.active ?? []) {
      const j = byUid.get(ref.uid ?? '');
      if (!j) continue;
      if (isJobFinished(j)) {
        this.recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata?.name ?? ''}, condition: ${hasTrue(j, 'Complete') ? 'Complete' : 'Failed'}`);
        continue;
      }
      active.push(ref);
    }
    for (const j of jobs) {
      if (!isJobFinished(j) && !active.some((r) => r.uid === j.metadata?.uid)) active.push(jobRef(j));
      if (hasTrue(j, 'Complete')) {
        const t = finishTime(j);
        if (t !== undefined && (!status.lastSuccessfulTime || Date.parse(status.lastSuccessfulTime) < t)) status.lastSuccessfulTime = nowTime(t);
      }
    }
    status.active = active.length ? active : undefined;
    let requeueAfter: number | undefined;
    if (!cj.metadata?.deletionTimestamp && !cj.spec?.suspend) requeueAfter = await this.schedule(cj, now);
    if (!status.active?.length) delete status.active;
    if (JSON.stringify(cj.status ?? {}) !== before) {
      try {
        await this.cjClient.namespace(namespace).updateStatus(cj);
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
    }
    await this.cleanupFinished(cj, jobs);
    if (requeueAfter !== undefined) return { requeueAfter: Math.max(0, requeueAfter) + 100 };
  }

  /** Starts the Job for the most recent due time if allowed; returns ms until the next activation. */
  private async schedule(cj: CronJob, now: number): Promise<number | undefined> {
    let sched: Schedule;
    const tz = cj.spec?.timeZone ?? undefined;
    try {
      sched = parseSchedule(cj.spec?.schedule ?? '');
      if (tz && sched.timeZone) throw new Error('CRON_TZ or TZ used in schedule with timeZone set');
    } catch (err) {
      this.recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule ?? '')} : ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    const status = cj.status ?? {};
    let earliest = Date.parse(status.lastScheduleTime ?? cj.metadata?.creationTimestamp ?? '') || now;
    const deadline = cj.spec?.startingDeadlineSeconds ?? undefined;
    if (deadline != null) earliest = Math.max(earliest, now - deadline * 1000);
    const { time, missed, next } = mostRecent(sched, earliest, now, tz);
    const untilNext = next === undefined ? undefined : next - now;
    if (time === undefined) return untilNext;
    if (missed > 100) {
      this.recorder.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    }
    if (deadline != null && time + deadline * 1000 < now) {
      this.recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${nowTime(time)}`);
      return untilNext;
    }
    const name = jobNameFor(cj, time);
    const ns = cj.metadata?.namespace ?? '';
    if ((status.active ?? []).some((r) => r.name === name)) return untilNext;
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && (status.active ?? []).length) {
      this.recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return untilNext;
    }
    if (policy === 'Replace') {
      for (const ref of status.active ?? []) {
        try {
          await this.jobClient.namespace(ns).delete(ref.name ?? '', { propagationPolicy: 'Background' });
          this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${ref.name ?? ''}`);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
      status.active = [];
    }
    const tpl = cj.spec?.jobTemplate;
    const job: Job = {
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: {
        name, namespace: ns, labels: { ...tpl?.metadata?.labels },
        annotations: { ...tpl?.metadata?.annotations, [ScheduledTimestampAnnotation]: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z') },
        ownerReferences: [newControllerRef(cj, 'batch/v1', 'CronJob')],
      },
      spec: structuredClone(tpl?.spec ?? { template: {} }),
    };
    let created: Job;
    try {
      created = await this.jobClient.namespace(ns).create(job);
      this.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
    } catch (err) {
      if (!isAlreadyExists(err)) {
        this.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      }
      // Already made (informer lag or a restart): only track it if it is ours.
      created = await this.jobClient.namespace(ns).get(name);
      if (getControllerOf(created)?.uid !== cj.metadata?.uid) return untilNext;
    }
    status.active = [...(status.active ?? []).filter((r) => r.uid !== created.metadata?.uid), jobRef(created)];
    status.lastScheduleTime = nowTime(time);
    cj.status = status;
    return untilNext;
  }

  /** Deletes the oldest finished Jobs beyond successfulJobsHistoryLimit (3) and failedJobsHistoryLimit (1). */
  private async cleanupFinished(cj: CronJob, jobs: Job[]): Promise<void> {
    const prune = async (list: Job[], limit: number): Promise<void> => {
      const sorted = list.slice().sort((a, b) => (Date.parse(a.status?.startTime ?? a.metadata?.creationTimestamp ?? '') || 0) - (Date.parse(b.status?.startTime ?? b.metadata?.creationTimestamp ?? '') || 0));
      for (const j of sorted.slice(0, Math.max(0, sorted.length - limit))) {
        try {
          await this.jobClient.namespace(j.metadata?.namespace ?? '').delete(j.metadata?.name ?? '', { propagationPolicy: 'Background' });
          this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata?.name ?? ''}`);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
    };
    const live = jobs.filter((j) => !j.metadata?.deletionTimestamp);
    await prune(live.filter((j) => hasTrue(j, 'Complete')), cj.spec?.successfulJobsHistoryLimit ?? 3);
    await prune(live.filter((j) => hasTrue(j, 'Failed')), cj.spec?.failedJobsHistoryLimit ?? 1);
  }
}

function jobRef(j: Job): ObjectReference {
  return { apiVersion: 'batch/v1', kind: 'Job', name: j.metadata?.name, namespace: j.metadata?.namespace, uid: j.metadata?.uid, resourceVersion: j.metadata?.resourceVersion };
}
