// Upstream's deploymentutil: revisions, replica annotations, maxSurge/maxUnavailable fenceposts,
// replica counts over ReplicaSets, conditions and completeness checks.

import type { Deployment, DeploymentCondition, ReplicaSet } from './types.ts';
import {
  DesiredReplicasAnnotation, MaxReplicasAnnotation, NewRSAvailableReason, RevisionAnnotation, TimedOutReason,
} from './types.ts';

export function replicasOf(d: Deployment): number { return d.spec?.replicas ?? 1; }
export function rsReplicas(rs: ReplicaSet | undefined): number { return rs?.spec?.replicas ?? 0; }

export function revisionOf(o: { metadata?: { annotations?: Record<string, string> } } | undefined): number {
  const v = o?.metadata?.annotations?.[RevisionAnnotation];
  const n = v === undefined ? 0 : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : 0;
}

export function maxRevision(all: ReplicaSet[]): number {
  let max = 0;
  for (const rs of all) max = Math.max(max, revisionOf(rs));
  return max;
}

function intOrPercent(v: number | string | undefined, total: number, roundUp: boolean, dflt: string): number {
  const x = v ?? dflt;
  if (typeof x === 'number') return x;
  const m = /^(\d+)%$/.exec(x);
  if (!m) {
    const n = Number.parseInt(x, 10);
    if (Number.isFinite(n)) return n;
    throw new Error(`invalid value for IntOrString: invalid value "${x}"`);
  }
  const f = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(f) : Math.floor(f);
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** [maxSurge, maxUnavailable]: surge rounds up, unavailable down; both zero means unavailable 1. */
export function resolveFenceposts(d: Deployment): [number, number] {
  const ru = d.spec?.strategy?.rollingUpdate;
  const desired = replicasOf(d);
  const surge = intOrPercent(ru?.maxSurge, desired, true, '25%');
  let unavailable = intOrPercent(ru?.maxUnavailable, desired, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? resolveFenceposts(d)[0] : 0;
}

export function maxUnavailable(d: Deployment): number {
  const desired = replicasOf(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  const [, u] = resolveFenceposts(d);
  return Math.min(u, desired);
}

export function replicaCount(rss: (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) n += rsReplicas(rs);
  return n;
}

export function actualReplicaCount(rss: (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) n += rs?.status?.replicas ?? 0;
  return n;
}

export function readyReplicaCount(rss: (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) n += rs?.status?.readyReplicas ?? 0;
  return n;
}

export function availableReplicaCount(rss: (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) n += rs?.status?.availableReplicas ?? 0;
  return n;
}

export function filterActive(rss: (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => rs !== undefined && rsReplicas(rs) > 0);
}

const created = (rs: ReplicaSet): number => Date.parse(rs.metadata?.creationTimestamp ?? '') || 0;

/** Oldest first, then by name (upstream ReplicaSetsByCreationTimestamp). */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const d = created(a) - created(b);
  return d !== 0 ? d : (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
}

/** Bigger first; equal sizes newer first (ReplicaSetsBySizeNewer). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  if (rsReplicas(a) === rsReplicas(b)) return -byCreation(a, b);
  return rsReplicas(b) - rsReplicas(a);
}

/** Bigger first; equal sizes older first (ReplicaSetsBySizeOlder). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  if (rsReplicas(a) === rsReplicas(b)) return byCreation(a, b);
  return rsReplicas(b) - rsReplicas(a);
}

/** Lower revision first (ReplicaSetsByRevision). */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const d = revisionOf(a) - revisionOf(b);
  return d !== 0 ? d : byCreation(a, b);
}

function annotationInt(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

export const desiredReplicasAnnotation = (rs: ReplicaSet): number | undefined => annotationInt(rs, DesiredReplicasAnnotation);
export const maxReplicasAnnotation = (rs: ReplicaSet): number | undefined => annotationInt(rs, MaxReplicasAnnotation);

/** Sets desired/max replicas annotations; true when they changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  rs.metadata ??= {};
  const a = (rs.metadata.annotations ??= {});
  const d = String(desired);
  const m = String(max);
  if (a[DesiredReplicasAnnotation] === d && a[MaxReplicasAnnotation] === m) return false;
  a[DesiredReplicasAnnotation] = d;
  a[MaxReplicasAnnotation] = m;
  return true;
}

export function nowTime(ms: number = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newCondition(type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, nowMs = Date.now()): DeploymentCondition {
  const t = nowTime(nowMs);
  return { type, status, reason, message, lastUpdateTime: t, lastTransitionTime: t };
}

export function getCondition(conds: DeploymentCondition[] | undefined, type: string): DeploymentCondition | undefined {
  return conds?.find((c) => c.type === type);
}

/** Upstream SetDeploymentCondition: same status and reason leaves it alone; same status keeps the transition time. */
export function setCondition(status: { conditions?: DeploymentCondition[] }, c: DeploymentCondition): void {
  const cur = getCondition(status.conditions, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), c];
}

export function removeCondition(status: { conditions?: DeploymentCondition[] }, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((x) => x.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== 2147483647;
}

type DStatus = NonNullable<Deployment['status']>;

export function deploymentComplete(d: Deployment, s: DStatus): boolean {
  const r = replicasOf(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r
    && (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

export function deploymentProgressing(d: Deployment, s: DStatus): boolean {
  const o = d.status ?? {};
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld
    || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}

export function deploymentTimedOut(d: Deployment, s: DStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s.conditions, 'Progressing');
  if (!c || c.reason === NewRSAvailableReason) return false;
  if (c.reason === TimedOutReason) return true;
  const from = Date.parse(c.lastUpdateTime ?? '') || 0;
  return from + (d.spec?.progressDeadlineSeconds ?? 600) * 1000 < nowMs;
}
