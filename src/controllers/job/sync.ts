// One level-based pass over a Job (upstream syncJob): account finished pods (uncounted →
// finalizer removed → counted), decide failure (podFailurePolicy, backoffLimit, deadline, failed
// indexes) or success, then keep the wanted number of active pods and write status.

import type { Job, JobStatus } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { EventRecorder, ResourceClient } from '../../client/index.ts';
import { isNotFound } from '../../client/index.ts';
import type { ControllerExpectations } from '../common/expectations.ts';
import type { ReconcileResult } from '../common/loop.ts';
import { isPodReady, podKey, slowStartBatch } from '../common/pods.ts';
import { findCondition, hasTrue, nowTime, setCondition } from './conditions.ts';
import { matchPodFailurePolicy } from './failure-policy.ts';
import { formatIndexes, parseIndexes, podIndex } from './indexes.ts';
import { hasTrackingFinalizer, isPodFailedForJob, newJobPod, podFinishedAt, removeFinalizerPatch } from './pods.ts';

/** Upstream's DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
export const BackoffBaseMs = 10_000;
export const BackoffMaxMs = 6 * 60_000;

export interface BackoffRecord { failures: number; lastFailureMs: number }

export interface JobDeps {
  jobClient: ResourceClient<Job>;
  podClient: ResourceClient<Pod>;
  recorder: EventRecorder;
  now: () => number;
  expectations: ControllerExpectations;
  /** Per Job key, pod uids whose finalizer we removed but the cache may not show yet. */
  finalizersRemoved: Map<string, Set<string>>;
  backoff: Map<string, BackoffRecord>;
}

const isTerminal = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

export function backoffDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BackoffMaxMs, BackoffBaseMs * 2 ** (failures - 1));
}

export async function syncJob(d: JobDeps, key: string, job: Job, pods: Pod[], expectationsMet: boolean): Promise<ReconcileResult | void> {
  const now = d.now();
  const ns = job.metadata?.namespace ?? '';
  const spec = job.spec ?? { template: {} };
  const indexed = spec.completionMode === 'Indexed';
  const completions = spec.completions ?? undefined;
  const limit = completions ?? 0;
  const status: JobStatus = job.status ??= {};
  const before = JSON.stringify(status);
  const removed = d.finalizersRemoved.get(key) ?? new Set<string>();
  d.finalizersRemoved.set(key, removed);

  // 1. Finished pods still holding our finalizer: record them as uncounted before releasing them.
  const uncounted = { succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])], failed: [...(status.uncountedTerminatedPods?.failed ?? [])] };
  const known = new Set([...uncounted.succeeded, ...uncounted.failed]);
  const completed = indexed ? parseIndexes(status.completedIndexes, limit) : new Set<number>();
  const failedIdx = indexed ? parseIndexes(status.failedIndexes, limit) : new Set<number>();
  const toRelease: Pod[] = [];
  let failJob: string | undefined;
  let newFailures = 0;
  let lastFailure = 0;
  const finished = isJobFinishedOrTarget(job);
  for (const p of pods) {
    const uid = p.metadata?.uid ?? '';
    if (!hasTrackingFinalizer(p) || removed.has(uid)) continue;
    const succeeded = p.status?.phase === 'Succeeded';
    const failed = !succeeded && isPodFailedForJob(p, job);
    if (!succeeded && !failed) continue;
    if (finished && p.status?.phase !== 'Failed' && !succeeded) {
      // Stopped by us after the Job reached its end: release it, it counts for nothing.
      toRelease.push(p);
      continue;
    }
    toRelease.push(p);
    if (known.has(uid)) continue;
    if (succeeded) {
      const ix = podIndex(p);
      if (indexed && (ix === undefined || ix >= limit || completed.has(ix))) continue;
      uncounted.succeeded.push(uid);
      if (indexed && ix !== undefined) completed.add(ix);
      continue;
    }
    const match = matchPodFailurePolicy(spec.podFailurePolicy, p);
    if (match?.action === 'Ignore') continue;
    if (match?.action === 'FailJob') failJob ??= match.message;
    if (match?.action === 'FailIndex') {
      const ix = podIndex(p);
      if (ix !== undefined) failedIdx.add(ix);
    }
    uncounted.failed.push(uid);
    newFailures++;
    lastFailure = Math.max(lastFailure, podFinishedAt(p, now));
  }
  if (toRelease.length) {
    status.uncountedTerminatedPods = uncounted;
    if (JSON.stringify(status) !== before) Object.assign(job, await writeStatus(d, job));
    await Promise.all(toRelease.map(async (p) => {
      try {
        await d.podClient.namespace(ns).patch(p.metadata?.name ?? '', 'strategic', removeFinalizerPatch(p));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      removed.add(p.metadata?.uid ?? '');
    }));
  }
  // Move what is released (or gone) from uncounted into the counts.
  const live = new Map(pods.map((p) => [p.metadata?.uid ?? '', p]));
  const releasedOrGone = (uid: string): boolean => { const p = live.get(uid); return !p || !hasTrackingFinalizer(p) || removed.has(uid); };
  const s = job.status ?? {};
  const keepS = uncounted.succeeded.filter((u) => !releasedOrGone(u));
  const keepF = uncounted.failed.filter((u) => !releasedOrGone(u));
  s.succeeded = (s.succeeded ?? 0) + uncounted.succeeded.length - keepS.length;
  s.failed = (s.failed ?? 0) + uncounted.failed.length - keepF.length;
  s.uncountedTerminatedPods = keepS.length || keepF.length ? { succeeded: keepS, failed: keepF } : {};
  if (indexed) {
    s.completedIndexes = formatIndexes(completed);
    if (spec.backoffLimitPerIndex !== undefined || failedIdx.size) s.failedIndexes = formatIndexes(failedIdx);
  }
  job.status = s;
  if (newFailures) {
    const rec = d.backoff.get(key) ?? { failures: 0, lastFailureMs: 0 };
    d.backoff.set(key, { failures: rec.failures + newFailures, lastFailureMs: Math.max(rec.lastFailureMs, lastFailure) });
  } else if (uncounted.succeeded.length) {
    d.backoff.delete(key);
  }

  const owned = pods.filter((p) => !isTerminal(p));
  const active = owned.filter((p) => !p.metadata?.deletionTimestamp);
  const terminating = owned.filter((p) => !!p.metadata?.deletionTimestamp);
  let requeueAfter: number | undefined;

  // 2. Failure.
  if (!hasTrue(job, 'FailureTarget') && !hasTrue(job, 'Failed') && !hasTrue(job, 'SuccessCriteriaMet')) {
    const [reason, message] = failureReason(job, failJob, failedIdx, completed, now);
    if (reason) setCondition(job, 'FailureTarget', 'True', reason, message, now);
  }
  const target = findCondition(job, 'FailureTarget');
  if (target?.status === 'True' || hasTrue(job, 'Failed')) {
    await deletePods(d, key, job, active);
    if (!hasTrue(job, 'Failed') && terminating.length === 0 && active.length === 0) {
      setCondition(job, 'Failed', 'True', target?.reason ?? '', target?.message ?? '', now);
      d.recorder.event(job, 'Warning', target?.reason ?? 'Failed', target?.message ?? '');
    }
    s.active = 0;
  } else if (isSucceeded(job, completed)) {
    // 3. Success: stop the rest, then Complete once no pod is left running.
    if (setCondition(job, 'SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', now)) {
      d.recorder.event(job, 'Normal', 'Completed', 'Job completed');
    }
    await deletePods(d, key, job, active);
    if (!hasTrue(job, 'Complete') && active.length === 0 && terminating.length === 0) {
      setCondition(job, 'Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', now);
      s.completionTime = nowTime(now);
    }
    s.active = 0;
  } else if (spec.suspend) {
    await deletePods(d, key, job, active);
    if (setCondition(job, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now)) {
      d.recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
    }
    delete s.startTime;
    s.active = 0;
  } else {
    if (findCondition(job, 'Suspended')?.status === 'True') {
      setCondition(job, 'Suspended', 'False', 'JobResumed', 'Job resumed', now);
      d.recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
      s.startTime = nowTime(now);
    }
    s.startTime ??= nowTime(now);
    if (expectationsMet) requeueAfter = await manage(d, key, job, active, terminating, completed, failedIdx, now);
    s.active = active.length;
    const deadline = spec.activeDeadlineSeconds;
    if (deadline !== undefined) {
      const left = Date.parse(s.startTime) + deadline * 1000 - now;
      requeueAfter = Math.min(requeueAfter ?? Infinity, Math.max(0, left));
    }
  }
  s.ready = active.filter(isPodReady).length;
  s.terminating = terminating.length;
  if (JSON.stringify(job.status) !== before) await writeStatus(d, job);
  if (requeueAfter !== undefined && Number.isFinite(requeueAfter)) return { requeueAfter };
}

function isJobFinishedOrTarget(job: Job): boolean {
  return hasTrue(job, 'Complete') || hasTrue(job, 'Failed') || hasTrue(job, 'FailureTarget') || hasTrue(job, 'SuccessCriteriaMet');
}

function failureReason(job: Job, failJob: string | undefined, failedIdx: Set<number>, completed: Set<number>, now: number): [string, string] | [undefined, string] {
  const spec = job.spec;
  const s = job.status ?? {};
  if (failJob) return ['PodFailurePolicy', failJob];
  if (spec?.backoffLimitPerIndex === undefined && (s.failed ?? 0) > (spec?.backoffLimit ?? 6)) {
    return ['BackoffLimitExceeded', 'Job has reached the specified backoff limit'];
  }
  if (spec?.maxFailedIndexes !== undefined && failedIdx.size > spec.maxFailedIndexes) {
    return ['MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes'];
  }
  if (spec?.activeDeadlineSeconds !== undefined && s.startTime && !spec.suspend
    && Date.parse(s.startTime) + spec.activeDeadlineSeconds * 1000 <= now) {
    return ['DeadlineExceeded', 'Job was active longer than specified deadline'];
  }
  const completions = spec?.completions ?? 0;
  if (spec?.completionMode === 'Indexed' && failedIdx.size && failedIdx.size + completed.size >= completions) {
    return ['FailedIndexes', 'Job has failed indexes'];
  }
  return [undefined, ''];
}

function isSucceeded(job: Job, completed: Set<number>): boolean {
  if (hasTrue(job, 'SuccessCriteriaMet') || hasTrue(job, 'Complete')) return true;
  const spec = job.spec;
  const succeeded = job.status?.succeeded ?? 0;
  if (spec?.completionMode === 'Indexed') return completed.size >= (spec.completions ?? 0);
  if (spec?.completions == null) return succeeded > 0 && (job.status?.active ?? 0) === 0;
  return succeeded >= spec.completions;
}

/** Creates or deletes pods toward the wanted active count; returns a back-off requeue if any. */
async function manage(d: JobDeps, key: string, job: Job, active: Pod[], terminating: Pod[], completed: Set<number>, failedIdx: Set<number>, now: number): Promise<number | undefined> {
  const spec = job.spec ?? { template: {} };
  const parallelism = spec.parallelism ?? 1;
  const succeeded = job.status?.succeeded ?? 0;
  const busy = spec.podReplacementPolicy === 'Failed' ? active.length + terminating.length : active.length;
  if (spec.completionMode === 'Indexed') {
    const completions = spec.completions ?? 0;
    const running = new Map<number, Pod[]>();
    const extra: Pod[] = [];
    for (const p of active) {
      const ix = podIndex(p);
      if (ix === undefined || ix >= completions || completed.has(ix) || failedIdx.has(ix)) { extra.push(p); continue; }
      const l = running.get(ix) ?? [];
      l.push(p);
      running.set(ix, l);
    }
    for (const l of running.values()) extra.push(...l.slice(1));
    if (extra.length) await deletePods(d, key, job, extra);
    const busyIdx = new Set(running.keys());
    if (spec.podReplacementPolicy === 'Failed') for (const p of terminating) { const ix = podIndex(p); if (ix !== undefined) busyIdx.add(ix); }
    const missing: number[] = [];
    for (let i = 0; i < completions && missing.length < parallelism - busyIdx.size; i++) {
      if (!completed.has(i) && !failedIdx.has(i) && !busyIdx.has(i)) missing.push(i);
    }
    return create(d, key, job, missing, now);
  }
  let want = parallelism;
  if (spec.completions != null) want = Math.min(parallelism, Math.max(0, spec.completions - succeeded));
  else if (succeeded > 0) want = 0;
  if (busy > want) {
    const victims = active.slice().sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b))).slice(0, busy - want);
    await deletePods(d, key, job, victims);
    return undefined;
  }
  return create(d, key, job, Array.from({ length: Math.max(0, want - busy) }, () => undefined), now);
}

async function create(d: JobDeps, key: string, job: Job, indexes: (number | undefined)[], now: number): Promise<number | undefined> {
  if (!indexes.length) return undefined;
  const rec = d.backoff.get(key);
  if (rec) {
    const wait = rec.lastFailureMs + backoffDelayMs(rec.failures) - now;
    if (wait > 0) return wait;
  }
  const ns = job.metadata?.namespace ?? '';
  d.expectations.expectCreations(key, indexes.length);
  let i = 0;
  const { successes, error } = await slowStartBatch(indexes.length, 1, async () => {
    const ix = indexes[i++];
    try {
      const pod = await d.podClient.namespace(ns).create(newJobPod(job, ix));
      d.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name ?? ''}`);
    } catch (err) {
      d.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  });
  if (successes < indexes.length) d.expectations.lowerCreations(key, indexes.length - successes);
  if (error !== undefined) throw error;
  return undefined;
}

async function deletePods(d: JobDeps, key: string, job: Job, pods: Pod[]): Promise<void> {
  if (!pods.length) return;
  const ns = job.metadata?.namespace ?? '';
  d.expectations.expectDeletions(key, pods.map(podKey));
  const results = await Promise.allSettled(pods.map(async (p) => {
    try {
      await d.podClient.namespace(ns).delete(p.metadata?.name ?? '', { preconditions: { uid: p.metadata?.uid } });
      d.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata?.name ?? ''}`);
    } catch (err) {
      d.expectations.deletionObserved(key, podKey(p));
      if (!isNotFound(err)) throw err;
    }
  }));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

async function writeStatus(d: JobDeps, job: Job): Promise<Job> {
  const out = await d.jobClient.namespace(job.metadata?.namespace ?? '').updateStatus(job);
  job.metadata = out.metadata;
  return out;
}
