// ReplicaSet status as upstream's calculateStatus computes it: replicas, fullyLabeledReplicas,
// readyReplicas, availableReplicas (after minReadySeconds), observedGeneration and the
// ReplicaFailure condition while creating or deleting pods fails.

import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodAvailable, isPodReady } from '../common/pods.ts';
import type { ReplicaStatus, ReplicatedObject } from './kinds.ts';

export function calculateStatus(rs: ReplicatedObject, pods: Pod[], manageError: unknown, nowMs: number): ReplicaStatus {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    const labels = p.metadata?.labels ?? {};
    if (Object.entries(templateLabels).every(([k, v]) => labels[k] === v)) fullyLabeled++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, nowMs)) available++;
    }
  }
  const conditions = (rs.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
  const existing = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  if (manageError !== undefined) {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : 'FailedDelete';
    const message = manageError instanceof Error ? manageError.message : String(manageError);
    conditions.push({
      type: 'ReplicaFailure', status: 'True', reason, message,
      lastTransitionTime: existing?.status === 'True' ? existing.lastTransitionTime : new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  }
  const status: ReplicaStatus = {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.metadata?.generation ?? 0,
  };
  if (conditions.length) status.conditions = conditions;
  return status;
}

/** Equal in every field the API keeps (zero counts are omitted by the server). */
export function statusEqual(a: ReplicaStatus | undefined, b: ReplicaStatus): boolean {
  const n = (v: number | undefined): number => v ?? 0;
  const x = a ?? {};
  return n(x.replicas) === n(b.replicas) && n(x.fullyLabeledReplicas) === n(b.fullyLabeledReplicas)
    && n(x.readyReplicas) === n(b.readyReplicas) && n(x.availableReplicas) === n(b.availableReplicas)
    && n(x.observedGeneration) === n(b.observedGeneration)
    && JSON.stringify(x.conditions ?? []) === JSON.stringify(b.conditions ?? []);
}
