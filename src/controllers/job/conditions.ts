// Job conditions and status helpers (upstream newCondition / ensureJobConditionStatus).

import type { Job, JobCondition } from 'kubernetes-types/batch/v1.js';

export function nowTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function findCondition(job: Job, type: string): JobCondition | undefined {
  return job.status?.conditions?.find((c) => c.type === type);
}

export function hasTrue(job: Job, type: string): boolean {
  return findCondition(job, type)?.status === 'True';
}

/** Finished: Complete or Failed is True. */
export function isJobFinished(job: Job): boolean {
  return hasTrue(job, 'Complete') || hasTrue(job, 'Failed');
}

/** The time a finished Job finished (its Complete/Failed condition's transition), or undefined. */
export function finishTime(job: Job): number | undefined {
  for (const t of ['Complete', 'Failed']) {
    const c = findCondition(job, t);
    if (c?.status === 'True') {
      const ms = Date.parse(c.lastTransitionTime ?? '');
      return Number.isFinite(ms) ? ms : undefined;
    }
  }
  return undefined;
}

/** Sets a condition; the transition time changes only when the status does. Returns whether anything changed. */
export function setCondition(job: Job, type: string, status: 'True' | 'False', reason: string, message: string, nowMs: number): boolean {
  job.status ??= {};
  const conds = job.status.conditions ??= [];
  const existing = conds.find((c) => c.type === type);
  const now = nowTime(nowMs);
  if (!existing) {
    conds.push({ type, status, reason, message, lastProbeTime: now, lastTransitionTime: now });
    return true;
  }
  if (existing.status === status && existing.reason === reason && existing.message === message) return false;
  if (existing.status !== status) existing.lastTransitionTime = now;
  existing.status = status;
  existing.reason = reason;
  existing.message = message;
  existing.lastProbeTime = now;
  return true;
}
