// Finding and making a Deployment's new ReplicaSet, keeping revisions and annotations right, and
// scaling ReplicaSets with events (upstream deployment sync.go: getAllReplicaSetsAndSyncRevision,
// getNewReplicaSet, scaleReplicaSet, cleanupDeployment).

import type { EventRecorder, ResourceClient } from '../../client/index.ts';
import { isAlreadyExists, isNotFound } from '../../client/index.ts';
import { newControllerRef } from '../common/controller-ref.ts';
import { computeHash, equalIgnoreHash } from './hash.ts';
import type { Deployment, ReplicaSet } from './types.ts';
import {
  DefaultPodTemplateHashLabel, FoundNewRSReason, NewReplicaSetReason, RevisionAnnotation, RevisionHistoryAnnotation,
  DesiredReplicasAnnotation, MaxReplicasAnnotation,
} from './types.ts';
import {
  byCreation, byRevision, filterActive, getCondition, hasProgressDeadline, maxRevision, maxSurge, newCondition,
  replicaCount, replicasOf, revisionOf, rsReplicas, setCondition, setReplicasAnnotations,
} from './util.ts';

export interface SyncDeps {
  rsClient: ResourceClient<ReplicaSet>;
  dClient: ResourceClient<Deployment>;
  recorder: EventRecorder;
  now(): number;
}

const SkipCopy = new Set([
  'kubectl.kubernetes.io/last-applied-configuration', RevisionAnnotation, RevisionHistoryAnnotation,
  DesiredReplicasAnnotation, MaxReplicasAnnotation, 'deprecated.deployment.rollback.to',
]);

/** The newest ReplicaSet whose template equals the Deployment's (upstream FindNewReplicaSet). */
export function findNewReplicaSet(d: Deployment, rss: ReplicaSet[]): ReplicaSet | undefined {
  return rss.slice().sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

export function findOldReplicaSets(d: Deployment, rss: ReplicaSet[], newRS: ReplicaSet | undefined): ReplicaSet[] {
  return rss.filter((rs) => rs !== newRS && rs.metadata?.uid !== newRS?.metadata?.uid);
}

/** Copies the Deployment's annotations to the RS and sets its revision; true when anything changed. */
function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: string, exists: boolean): boolean {
  rs.metadata ??= {};
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (SkipCopy.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  const old = a[RevisionAnnotation];
  const oldN = old === undefined ? 0 : Number.parseInt(old, 10) || 0;
  if (oldN < (Number.parseInt(newRevision, 10) || 0)) {
    a[RevisionAnnotation] = newRevision;
    changed = true;
  }
  // A reused RS (a rollback) remembers the revisions it had.
  if (old !== undefined && old !== a[RevisionAnnotation]) {
    const hist = a[RevisionHistoryAnnotation];
    a[RevisionHistoryAnnotation] = hist ? `${hist},${old}` : old;
    changed = true;
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** How many replicas the new RS should have now (upstream NewRSNewReplicas). */
export function newRSNewReplicas(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined): number {
  if (d.spec?.strategy?.type === 'Recreate') return replicasOf(d);
  const surge = maxSurge(d);
  const current = replicaCount(all);
  const maxTotal = replicasOf(d) + surge;
  if (current >= maxTotal) return rsReplicas(newRS);
  const up = Math.min(maxTotal - current, Math.max(0, replicasOf(d) - rsReplicas(newRS)));
  return rsReplicas(newRS) + up;
}

export interface AllReplicaSets { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] }

/**
 * The new RS (made when asked and missing) and the old ones, with the revision annotations of the
 * new RS and the Deployment brought up to date. `d` is updated in place with what was written.
 */
export async function getAllReplicaSetsAndSyncRevision(deps: SyncDeps, d: Deployment, rss: ReplicaSet[], create: boolean): Promise<AllReplicaSets> {
  const existing = findNewReplicaSet(d, rss);
  const oldRSs = findOldReplicaSets(d, rss, existing);
  const newRS = await getNewReplicaSet(deps, d, rss, oldRSs, existing, create);
  return { newRS, oldRSs: newRS ? oldRSs.filter((rs) => rs.metadata?.uid !== newRS.metadata?.uid) : oldRSs };
}

async function updateDeploymentRevision(deps: SyncDeps, d: Deployment, revision: string): Promise<void> {
  if (d.metadata?.annotations?.[RevisionAnnotation] === revision) return;
  // An update with the read resourceVersion (upstream's way; the deployment-controller role may update, not patch).
  const updated = await deps.dClient.namespace(d.metadata?.namespace ?? '').update({
    ...d, metadata: { ...d.metadata, annotations: { ...d.metadata?.annotations, [RevisionAnnotation]: revision } },
  });
  d.metadata = { ...d.metadata, annotations: updated.metadata?.annotations, resourceVersion: updated.metadata?.resourceVersion };
}

async function updateStatus(deps: SyncDeps, d: Deployment): Promise<void> {
  const updated = await deps.dClient.namespace(d.metadata?.namespace ?? '').updateStatus(d);
  d.status = updated.status;
  d.metadata = { ...d.metadata, resourceVersion: updated.metadata?.resourceVersion };
}

async function getNewReplicaSet(
  deps: SyncDeps, d: Deployment, all: ReplicaSet[], oldRSs: ReplicaSet[], existing: ReplicaSet | undefined, create: boolean,
): Promise<ReplicaSet | undefined> {
  const ns = d.metadata?.namespace ?? '';
  const newRevision = String(maxRevision(oldRSs) + 1);
  if (existing) {
    const rs = structuredClone(existing);
    const annotationsChanged = setNewReplicaSetAnnotations(d, rs, newRevision, true);
    const minReadyChanged = (rs.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
    let result = existing;
    if (annotationsChanged || minReadyChanged) {
      rs.spec = { ...rs.spec, minReadySeconds: d.spec?.minReadySeconds };
      result = await deps.rsClient.namespace(ns).update(rs);
      // Later steps of this sync work on the same object: keep it current.
      Object.assign(existing, result);
      result = existing;
    }
    await updateDeploymentRevision(deps, d, result.metadata?.annotations?.[RevisionAnnotation] ?? newRevision);
    if (hasProgressDeadline(d) && !getCondition(d.status?.conditions, 'Progressing')) {
      const status = { ...d.status };
      setCondition(status, newCondition('Progressing', 'True', FoundNewRSReason, `Found new replica set "${rs.metadata?.name ?? ''}"`, deps.now()));
      d.status = status;
      await updateStatus(deps, d);
    }
    return result;
  }
  if (!create) return undefined;

  const template = structuredClone(d.spec?.template ?? {});
  const hash = computeHash(template, d.status?.collisionCount);
  template.metadata ??= {};
  template.metadata.labels = { ...template.metadata.labels, [DefaultPodTemplateHashLabel]: hash };
  const selector = structuredClone(d.spec?.selector ?? {});
  selector.matchLabels = { ...selector.matchLabels, [DefaultPodTemplateHashLabel]: hash };
  const name = `${d.metadata?.name ?? ''}-${hash}`;
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name, namespace: ns, labels: { ...template.metadata.labels },
      ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
    },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds, selector, template },
  };
  const newReplicas = newRSNewReplicas(d, [...oldRSs], undefined);
  if (rs.spec) rs.spec.replicas = newReplicas;
  setNewReplicaSetAnnotations(d, rs, newRevision, false);

  let created: ReplicaSet;
  try {
    created = await deps.rsClient.namespace(ns).create(rs);
  } catch (err) {
    if (!isAlreadyExists(err)) {
      if (hasProgressDeadline(d)) {
        const status = { ...d.status };
        const msg = `Failed to create new replica set "${name}": ${err instanceof Error ? err.message : String(err)}`;
        setCondition(status, newCondition('Progressing', 'False', 'ReplicaSetCreateError', msg, deps.now()));
        d.status = status;
        await updateStatus(deps, d).catch(() => {});
      }
      throw err;
    }
    // Someone made an RS of that name: ours (an informer lag) or a hash collision.
    let other: ReplicaSet;
    try {
      other = await deps.rsClient.namespace(ns).get(name);
    } catch (e) {
      if (isNotFound(e)) throw err;
      throw e;
    }
    const ours = other.metadata?.ownerReferences?.some((r) => r.controller && r.uid === d.metadata?.uid);
    if (ours && equalIgnoreHash(other.spec?.template, d.spec?.template)) return other;
    const status = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
    d.status = status;
    await updateStatus(deps, d);
    throw new Error(`found a hash collision for deployment "${d.metadata?.name ?? ''}" - bumping collisionCount to ${status.collisionCount}`);
  }
  if (newReplicas > 0) {
    deps.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} to ${newReplicas}`);
  }
  await updateDeploymentRevision(deps, d, newRevision);
  if (hasProgressDeadline(d)) {
    const status = { ...d.status };
    setCondition(status, newCondition('Progressing', 'True', NewReplicaSetReason, `Created new replica set "${name}"`, deps.now()));
    d.status = status;
    await updateStatus(deps, d);
  }
  all.push(created);
  return created;
}

/** Scales an RS (and refreshes its replicas annotations); `rs` is updated in place. */
export async function scaleReplicaSet(deps: SyncDeps, rs: ReplicaSet, newScale: number, d: Deployment, operation: string): Promise<boolean> {
  const sizeChanged = rsReplicas(rs) !== newScale;
  const copy = structuredClone(rs);
  const annotationsChanged = setReplicasAnnotations(copy, replicasOf(d), replicasOf(d) + maxSurge(d));
  if (!sizeChanged && !annotationsChanged) return false;
  const from = rsReplicas(rs);
  // A merge patch rather than upstream's Update: the RS controller writes status concurrently, and
  // a stale resourceVersion would only cost a retry for the same result.
  const updated = await deps.rsClient.namespace(rs.metadata?.namespace ?? '').patch(rs.metadata?.name ?? '', 'merge', {
    metadata: { uid: rs.metadata?.uid, annotations: copy.metadata?.annotations },
    spec: { replicas: newScale },
  });
  Object.assign(rs, updated);
  if (sizeChanged) {
    deps.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata?.name ?? ''} to ${newScale} from ${from}`);
  }
  return sizeChanged;
}

export async function scaleReplicaSetAndRecordEvent(deps: SyncDeps, rs: ReplicaSet, newScale: number, d: Deployment): Promise<boolean> {
  if (rsReplicas(rs) === newScale) return false;
  return scaleReplicaSet(deps, rs, newScale, d, rsReplicas(rs) < newScale ? 'up' : 'down');
}

/** Deletes old RSes beyond revisionHistoryLimit that have nothing left (upstream cleanupDeployment). */
export async function cleanupDeployment(deps: SyncDeps, oldRSs: ReplicaSet[], d: Deployment): Promise<void> {
  const limit = d.spec?.revisionHistoryLimit;
  if (limit === undefined) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if (!rs) break;
    if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    try {
      await deps.rsClient.namespace(rs.metadata?.namespace ?? '').delete(rs.metadata?.name ?? '', { preconditions: { uid: rs.metadata?.uid } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

export { filterActive, revisionOf };
