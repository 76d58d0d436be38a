// Wire-format table (field numbers, wire types, JSON names) of k8s.io batch.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const batchV1: MessageTable = {
  'batch.v1.CronJob': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'batch.v1.CronJobSpec', 2],
    [3, 'status', 'batch.v1.CronJobStatus', 2],
  ],
  'batch.v1.CronJobList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'batch.v1.CronJob', 16],
  ],
  'batch.v1.CronJobSpec': [
    [1, 'schedule', 'string', 0], [8, 'timeZone', 'string', 3], [2, 'startingDeadlineSeconds', 'int64', 3],
    [3, 'concurrencyPolicy', 'string', 2], [4, 'suspend', 'bool', 3],
    [5, 'jobTemplate', 'batch.v1.JobTemplateSpec', 0], [6, 'successfulJobsHistoryLimit', 'int32', 3],
    [7, 'failedJobsHistoryLimit', 'int32', 3],
  ],
  'batch.v1.CronJobStatus': [
    [1, 'active', 'core.v1.ObjectReference', 18], [4, 'lastScheduleTime', 'meta.v1.Time', 3],
    [5, 'lastSuccessfulTime', 'meta.v1.Time', 3],
  ],
  'batch.v1.Job': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'batch.v1.JobSpec', 2],
    [3, 'status', 'batch.v1.JobStatus', 2],
  ],
  'batch.v1.JobCondition': [
    [1, 'type', 'string', 0], [2, 'status', 'string', 0], [3, 'lastProbeTime', 'meta.v1.Time', 2],
    [4, 'lastTransitionTime', 'meta.v1.Time', 2], [5, 'reason', 'string', 2], [6, 'message', 'string', 2],
  ],
  'batch.v1.JobList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'batch.v1.Job', 16],
  ],
  'batch.v1.JobSchedulingConfiguration': [
    [1, 'schedulingPolicy', 'scheduling.v1alpha3.WorkloadPodGroupSchedulingPolicy', 3],
    [2, 'schedulingConstraints', 'scheduling.v1alpha3.WorkloadPodGroupSchedulingConstraints', 3],
    [3, 'disruptionMode', 'scheduling.v1alpha3.WorkloadPodGroupDisruptionMode', 3],
    [4, 'resourceClaims', 'scheduling.v1alpha3.WorkloadPodGroupResourceClaim', 18],
  ],
  'batch.v1.JobSpec': [
    [1, 'parallelism', 'int32', 3], [2, 'completions', 'int32', 3], [3, 'activeDeadlineSeconds', 'int64', 3],
    [11, 'podFailurePolicy', 'batch.v1.PodFailurePolicy', 3],
    [16, 'successPolicy', 'batch.v1.SuccessPolicy', 3], [7, 'backoffLimit', 'int32', 3],
    [12, 'backoffLimitPerIndex', 'int32', 3], [13, 'maxFailedIndexes', 'int32', 3],
    [4, 'selector', 'meta.v1.LabelSelector', 3], [5, 'manualSelector', 'bool', 3],
    [6, 'template', 'core.v1.PodTemplateSpec', 0], [8, 'ttlSecondsAfterFinished', 'int32', 3],
    [9, 'completionMode', 'string', 3], [10, 'suspend', 'bool', 3], [14, 'podReplacementPolicy', 'string', 3],
    [15, 'managedBy', 'string', 3], [17, 'scheduling', 'batch.v1.JobSchedulingConfiguration', 3],
  ],
  'batch.v1.JobStatus': [
    [1, 'conditions', 'batch.v1.JobCondition', 18], [2, 'startTime', 'meta.v1.Time', 3],
    [3, 'completionTime', 'meta.v1.Time', 3], [4, 'active', 'int32', 2], [5, 'succeeded', 'int32', 2],
    [6, 'failed', 'int32', 2], [11, 'terminating', 'int32', 3], [7, 'completedIndexes', 'string', 2],
    [10, 'failedIndexes', 'string', 3], [8, 'uncountedTerminatedPods', 'batch.v1.UncountedTerminatedPods', 3],
    [9, 'ready', 'int32', 3],
  ],
  'batch.v1.JobTemplateSpec': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'batch.v1.JobSpec', 2],
  ],
  'batch.v1.PodFailurePolicy': [
    [1, 'rules', 'batch.v1.PodFailurePolicyRule', 16],
  ],
  'batch.v1.PodFailurePolicyOnExitCodesRequirement': [
    [1, 'containerName', 'string', 3], [2, 'operator', 'string', 0], [3, 'values', 'int32', 16],
  ],
  'batch.v1.PodFailurePolicyOnPodConditionsPattern': [
    [1, 'type', 'string', 0], [2, 'status', 'string', 0],
  ],
  'batch.v1.PodFailurePolicyRule': [
    [1, 'action', 'string', 0], [2, 'onExitCodes', 'batch.v1.PodFailurePolicyOnExitCodesRequirement', 3],
    [3, 'onPodConditions', 'batch.v1.PodFailurePolicyOnPodConditionsPattern', 18],
  ],
  'batch.v1.SuccessPolicy': [
    [1, 'rules', 'batch.v1.SuccessPolicyRule', 16],
  ],
  'batch.v1.SuccessPolicyRule': [
    [1, 'succeededIndexes', 'string', 3], [2, 'succeededCount', 'int32', 3],
  ],
  'batch.v1.UncountedTerminatedPods': [
    [1, 'succeeded', 'string', 18], [2, 'failed', 'string', 18],
  ],
};
