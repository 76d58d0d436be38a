// The pods a Job creates (upstream's pod template handling in the job controller): the tracking
// finalizer, the controllerRef, and for Indexed Jobs the completion index annotation and label,
// hostname <job>-<index> and JOB_COMPLETION_INDEX from the downward API.

import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { newControllerRef } from '../common/controller-ref.ts';
import { CompletionIndexAnnotation, CompletionIndexLabel } from './indexes.ts';

export const JobTrackingFinalizer = 'batch.kubernetes.io/job-tracking';

function withIndexEnv(c: Container): Container {
  if (c.env?.some((e) => e.name === 'JOB_COMPLETION_INDEX')) return c;
  return {
    ...c,
    env: [...(c.env ?? []), {
      name: 'JOB_COMPLETION_INDEX',
      valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${CompletionIndexAnnotation}']` } },
    }],
  };
}

export function newJobPod(job: Job, index: number | undefined): Pod {
  const t = structuredClone(job.spec?.template ?? {});
  const name = job.metadata?.name ?? '';
  const labels = { ...t.metadata?.labels };
  const annotations = { ...t.metadata?.annotations };
  const spec = t.spec ?? { containers: [] };
  let generateName = `${name}-`;
  if (index !== undefined) {
    annotations[CompletionIndexAnnotation] = String(index);
    labels[CompletionIndexLabel] = String(index);
    generateName = `${name}-${index}-`;
    spec.hostname ??= `${name}-${index}`;
    spec.containers = spec.containers.map(withIndexEnv);
    if (spec.initContainers) spec.initContainers = spec.initContainers.map(withIndexEnv);
  }
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      generateName, namespace: job.metadata?.namespace, labels, annotations,
      finalizers: [...(t.metadata?.finalizers ?? []), JobTrackingFinalizer],
      ownerReferences: [newControllerRef(job, 'batch/v1', 'Job')],
    },
    spec,
  };
}

export function hasTrackingFinalizer(p: Pod): boolean {
  return p.metadata?.finalizers?.includes(JobTrackingFinalizer) ?? false;
}

/** Strategic merge patch removing only our finalizer (others' finalizers stay), guarded by uid. */
export function removeFinalizerPatch(p: Pod): unknown {
  return { metadata: { uid: p.metadata?.uid, '$deleteFromPrimitiveList/finalizers': [JobTrackingFinalizer] } };
}

/** Failed for the Job's accounting (upstream isPodFailed). */
export function isPodFailedForJob(p: Pod, job: Job): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (job.spec?.podFailurePolicy || job.spec?.podReplacementPolicy === 'Failed') return false;
  // Deleted pods that never reach a phase count as failures (they may never get one).
  return !!p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

/** When the pod finished (latest container termination), else its deletion or now. */
export function podFinishedAt(p: Pod, nowMs: number): number {
  let t = 0;
  for (const s of p.status?.containerStatuses ?? []) {
    const f = Date.parse(s.state?.terminated?.finishedAt ?? '');
    if (Number.isFinite(f)) t = Math.max(t, f);
  }
  if (t) return t;
  const d = Date.parse(p.metadata?.deletionTimestamp ?? '');
  return Number.isFinite(d) ? d : nowMs;
}
