// The two strategies (upstream rolling.go and recreate.go): RollingUpdate scales the new RS up
// within maxSurge and old ones down within maxUnavailable; Recreate scales every old RS to zero,
// waits for their pods to go, then scales the new one up.

import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ReconcileResult } from '../common/loop.ts';
import { syncRolloutStatus } from './progress.ts';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, newRSNewReplicas, scaleReplicaSetAndRecordEvent } from './replicasets.ts';
import type { SyncDeps } from './replicasets.ts';
import type { Deployment, ReplicaSet } from './types.ts';
import {
  availableReplicaCount, byCreation, deploymentComplete, filterActive, maxUnavailable, replicaCount, replicasOf, rsReplicas,
} from './util.ts';

export async function rolloutRolling(deps: SyncDeps, d: Deployment, rss: ReplicaSet[]): Promise<ReconcileResult | void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(deps, d, rss, true);
  const all = newRS ? [...oldRSs, newRS] : oldRSs;
  if (await reconcileNewReplicaSet(deps, all, newRS, d)) return syncRolloutStatus(deps, all, newRS, d);
  if (await reconcileOldReplicaSets(deps, all, filterActive(oldRSs), newRS, d)) return syncRolloutStatus(deps, all, newRS, d);
  if (d.status && deploymentComplete(d, d.status)) await cleanupDeployment(deps, oldRSs, d);
  return syncRolloutStatus(deps, all, newRS, d);
}

async function reconcileNewReplicaSet(deps: SyncDeps, all: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): Promise<boolean> {
  if (!newRS) return false;
  if (rsReplicas(newRS) === replicasOf(d)) return false;
  if (rsReplicas(newRS) > replicasOf(d)) return scaleReplicaSetAndRecordEvent(deps, newRS, replicasOf(d), d);
  return scaleReplicaSetAndRecordEvent(deps, newRS, newRSNewReplicas(d, all, newRS), d);
}

async function reconcileOldReplicaSets(deps: SyncDeps, all: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): Promise<boolean> {
  if (replicaCount(oldRSs) === 0) return false;
  const allPods = replicaCount(all);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = rsReplicas(newRS) - (newRS?.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  // First the old RSes' unhealthy replicas, which cost no availability.
  const cleaned = await cleanupUnhealthyReplicas(deps, oldRSs, d, maxScaledDown);
  const allAfter = newRS ? [...oldRSs, newRS] : oldRSs;
  const scaledDown = await scaleDownOldForRollingUpdate(deps, allAfter, oldRSs, d);
  return cleaned + scaledDown > 0;
}

async function cleanupUnhealthyReplicas(deps: SyncDeps, oldRSs: ReplicaSet[], d: Deployment, maxCleanup: number): Promise<number> {
  let total = 0;
  for (const rs of oldRSs.slice().sort(byCreation)) {
    if (total >= maxCleanup) break;
    if (rsReplicas(rs) === 0) continue;
    const available = rs.status?.availableReplicas ?? 0;
    if (rsReplicas(rs) === available) continue;
    const down = Math.min(maxCleanup - total, rsReplicas(rs) - available);
    await scaleReplicaSetAndRecordEvent(deps, rs, rsReplicas(rs) - down, d);
    total += down;
  }
  return total;
}

async function scaleDownOldForRollingUpdate(deps: SyncDeps, all: ReplicaSet[], oldRSs: ReplicaSet[], d: Deployment): Promise<number> {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = availableReplicaCount(all);
  if (available <= minAvailable) return 0;
  const totalDown = available - minAvailable;
  let done = 0;
  for (const rs of oldRSs.slice().sort(byCreation)) {
    if (done >= totalDown) break;
    if (rsReplicas(rs) === 0) continue;
    const down = Math.min(rsReplicas(rs), totalDown - done);
    await scaleReplicaSetAndRecordEvent(deps, rs, rsReplicas(rs) - down, d);
    done += down;
  }
  return done;
}

/** Pods of old RSes that still run (or may): Recreate waits for them (upstream oldPodsRunning). */
function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podsByRS: Map<string, Pod[]>): boolean {
  let n = 0;
  for (const rs of oldRSs) n += rs.status?.replicas ?? 0;
  if (n > 0) return true;
  for (const [uid, pods] of podsByRS) {
    if (newRS && uid === newRS.metadata?.uid) continue;
    for (const p of pods) {
      const phase = p.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}

export async function rolloutRecreate(deps: SyncDeps, d: Deployment, rss: ReplicaSet[], podsByRS: Map<string, Pod[]>): Promise<ReconcileResult | void> {
  let { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(deps, d, rss, false);
  let all = newRS ? [...oldRSs, newRS] : oldRSs;
  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) {
    if (await scaleReplicaSetAndRecordEvent(deps, rs, 0, d)) scaledDown = true;
  }
  if (scaledDown) return syncRolloutStatus(deps, all, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podsByRS)) return syncRolloutStatus(deps, all, newRS, d);
  if (!newRS) {
    ({ newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(deps, d, rss, true));
    all = newRS ? [...oldRSs, newRS] : oldRSs;
  }
  if (newRS && await scaleReplicaSetAndRecordEvent(deps, newRS, replicasOf(d), d)) return syncRolloutStatus(deps, all, newRS, d);
  if (d.status && deploymentComplete(d, d.status)) await cleanupDeployment(deps, oldRSs, d);
  return syncRolloutStatus(deps, all, newRS, d);
}
