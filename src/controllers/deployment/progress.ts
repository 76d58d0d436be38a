// Deployment status and conditions (upstream progress.go and sync.go): calculateStatus,
// syncRolloutStatus with the Progressing/Available conditions and the progress deadline,
// paused/resumed conditions, and proportional scaling of ReplicaSets when a Deployment is resized.

import type { ReconcileResult } from '../common/loop.ts';
import { scaleReplicaSet, scaleReplicaSetAndRecordEvent } from './replicasets.ts';
import type { SyncDeps } from './replicasets.ts';
import type { Deployment, ReplicaSet } from './types.ts';
import {
  MinimumReplicasAvailable, MinimumReplicasUnavailable, NewRSAvailableReason, PausedDeployReason,
  ReplicaSetUpdatedReason, ResumedDeployReason, TimedOutReason,
} from './types.ts';
import {
  actualReplicaCount, availableReplicaCount, byCreation, bySizeNewer, bySizeOlder, deploymentComplete,
  deploymentProgressing, deploymentTimedOut, desiredReplicasAnnotation, filterActive, getCondition, hasProgressDeadline,
  isRollingUpdate, maxReplicasAnnotation, maxSurge, maxUnavailable, newCondition, readyReplicaCount, removeCondition,
  replicaCount, replicasOf, rsReplicas, setCondition,
} from './util.ts';

type DStatus = NonNullable<Deployment['status']>;

export function calculateStatus(all: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DStatus {
  const available = availableReplicaCount(all);
  const total = replicaCount(all);
  const status: DStatus = {
    observedGeneration: d.metadata?.generation ?? 0,
    replicas: actualReplicaCount(all),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(all),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', MinimumReplicasAvailable, 'Deployment has minimum availability.', nowMs));
  } else {
    setCondition(status, newCondition('Available', 'False', MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', nowMs));
  }
  return status;
}

/** Equal as the API stores them (zero counts omitted). */
export function statusEqual(a: DStatus | undefined, b: DStatus): boolean {
  const norm = (s: DStatus | undefined): string => {
    const c: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s ?? {})) if (v !== 0 && v !== undefined && !(Array.isArray(v) && v.length === 0)) c[k] = v;
    return JSON.stringify(c, Object.keys(c).sort());
  };
  return norm(a) === norm(b) && JSON.stringify(a?.conditions ?? []) === JSON.stringify(b.conditions ?? []);
}

async function writeStatus(deps: SyncDeps, d: Deployment, status: DStatus): Promise<void> {
  const updated = await deps.dClient.namespace(d.metadata?.namespace ?? '').updateStatus({ ...d, status });
  d.status = updated.status;
  d.metadata = { ...d.metadata, resourceVersion: updated.metadata?.resourceVersion };
}

/** Status only (used when scaling or paused). */
export async function syncDeploymentStatus(deps: SyncDeps, all: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
  const status = calculateStatus(all, newRS, d, deps.now());
  if (statusEqual(d.status, status)) return;
  await writeStatus(deps, d, status);
}

/** Status with the Progressing condition; asks for a later look while the deadline runs (requeueStuckDeployment). */
export async function syncRolloutStatus(deps: SyncDeps, all: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): Promise<ReconcileResult | void> {
  const now = deps.now();
  const status = calculateStatus(all, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const cur = getCondition(status.conditions, 'Progressing');
  const complete = status.replicas === status.updatedReplicas && cur?.reason === NewRSAvailableReason;
  if (hasProgressDeadline(d) && !complete) {
    const rsName = newRS?.metadata?.name ?? '';
    if (deploymentComplete(d, status)) {
      setCondition(status, newCondition('Progressing', 'True', NewRSAvailableReason, `ReplicaSet "${rsName}" has successfully progressed.`, now));
    } else if (deploymentProgressing(d, status)) {
      const msg = newRS ? `ReplicaSet "${rsName}" is progressing.` : 'Deployment is progressing.';
      const c = newCondition('Progressing', 'True', ReplicaSetUpdatedReason, msg, now);
      // Progress moves lastUpdateTime but keeps the transition time of a condition already True.
      if (cur?.status === 'True' && cur.lastTransitionTime) c.lastTransitionTime = cur.lastTransitionTime;
      removeCondition(status, 'Progressing');
      setCondition(status, c);
    } else if (deploymentTimedOut(d, status, now)) {
      setCondition(status, newCondition('Progressing', 'False', TimedOutReason, `ReplicaSet "${rsName}" has timed out progressing.`, now));
    }
  }
  const failure = all.map((rs) => rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure' && c.status === 'True')).find((c) => c);
  if (failure) {
    setCondition(status, newCondition('ReplicaFailure', 'True', failure.reason ?? 'FailedCreate', failure.message ?? '', now));
  } else {
    removeCondition(status, 'ReplicaFailure');
  }
  if (statusEqual(d.status, status)) return requeueStuck(d, status, now);
  await writeStatus(deps, d, status);
}

function requeueStuck(d: Deployment, s: DStatus, nowMs: number): ReconcileResult | void {
  const c = getCondition(s.conditions, 'Progressing');
  if (!hasProgressDeadline(d) || !c || deploymentComplete(d, s) || c.reason === TimedOutReason) return;
  const from = Date.parse(c.lastUpdateTime ?? '') || nowMs;
  const after = from + (d.spec?.progressDeadlineSeconds ?? 600) * 1000 - nowMs;
  return { requeueAfter: Math.max(after < 1000 ? 0 : after, 0) };
}

/** Paused/resumed Progressing conditions (upstream checkPausedConditions). */
export async function checkPausedConditions(deps: SyncDeps, d: Deployment): Promise<void> {
  if (!hasProgressDeadline(d)) return;
  const c = getCondition(d.status?.conditions, 'Progressing');
  if (c?.reason === TimedOutReason) return;
  const pausedExists = c?.reason === PausedDeployReason;
  const status = { ...d.status, conditions: d.status?.conditions?.map((x) => ({ ...x })) };
  if (d.spec?.paused && !pausedExists) {
    setCondition(status, newCondition('Progressing', 'Unknown', PausedDeployReason, 'Deployment is paused', deps.now()));
  } else if (!d.spec?.paused && pausedExists) {
    setCondition(status, newCondition('Progressing', 'Unknown', ResumedDeployReason, 'Deployment is resumed', deps.now()));
  } else {
    return;
  }
  await writeStatus(deps, d, status);
}

/** True when an active RS was sized for a different replica count (upstream isScalingEvent). */
export function isScalingEvent(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
  for (const rs of filterActive([...oldRSs, newRS])) {
    const desired = desiredReplicasAnnotation(rs);
    if (desired !== undefined && desired !== replicasOf(d)) return true;
  }
  return false;
}

function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const olds = oldRSs.slice().sort((a, b) => -byCreation(a, b));
  const active = filterActive([...olds, newRS]);
  if (active.length === 0) return newRS ?? olds[0];
  if (active.length === 1) return active[0];
  return undefined;
}

function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  return desiredReplicasAnnotation(rs) === replicasOf(d) && rsReplicas(rs) === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

function fraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -rsReplicas(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  const annotated = maxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
  if (annotated === 0) return 0;
  // Go's math.Round rounds halves away from zero.
  const size = (rsReplicas(rs) * deploymentReplicas) / annotated;
  return Math.sign(size) * Math.round(Math.abs(size)) - rsReplicas(rs);
}

function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const f = fraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(f, allowed) : Math.max(f, allowed);
}

/** Resizes ReplicaSets for a new Deployment size, proportionally during a rollout (upstream scale). */
export async function scale(deps: SyncDeps, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
  const one = findActiveOrLatest(newRS, oldRSs);
  if (one) {
    if (rsReplicas(one) === replicasOf(d)) return;
    await scaleReplicaSetAndRecordEvent(deps, one, replicasOf(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) await scaleReplicaSetAndRecordEvent(deps, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = filterActive([...oldRSs, newRS]);
  const allReplicas = replicaCount(all);
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - allReplicas;
  if (toAdd > 0) all.sort(bySizeNewer);
  else if (toAdd < 0) all.sort(bySizeOlder);
  let added = 0;
  const sizes = new Map<ReplicaSet, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = proportion(rs, d, toAdd, added);
      sizes.set(rs, rsReplicas(rs) + p);
      added += p;
    } else {
      sizes.set(rs, rsReplicas(rs));
    }
  }
  const first = all[0];
  if (toAdd !== 0 && first) sizes.set(first, Math.max(0, (sizes.get(first) ?? 0) + toAdd - added));
  for (const rs of all) {
    const n = sizes.get(rs) ?? rsReplicas(rs);
    await scaleReplicaSet(deps, rs, n, d, n > rsReplicas(rs) ? 'up' : 'down');
  }
}
