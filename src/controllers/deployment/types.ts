// The Deployment and ReplicaSet shapes this controller reads and writes, and upstream's names.

import type { Deployment, DeploymentCondition } from 'kubernetes-types/apps/v1.js';
import type { ReplicatedObject } from '../replicaset/kinds.ts';

export type { Deployment, DeploymentCondition };
export type ReplicaSet = ReplicatedObject & { metadata?: ReplicatedObject['metadata'] & { creationTimestamp?: string } };

export const RevisionAnnotation = 'deployment.kubernetes.io/revision';
export const RevisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const DesiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const MaxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
export const DefaultPodTemplateHashLabel = 'pod-template-hash';

// Condition reasons (upstream deploymentutil).
export const NewRSAvailableReason = 'NewReplicaSetAvailable';
export const TimedOutReason = 'ProgressDeadlineExceeded';
export const PausedDeployReason = 'DeploymentPaused';
export const ResumedDeployReason = 'DeploymentResumed';
export const NewReplicaSetReason = 'NewReplicaSetCreated';
export const FoundNewRSReason = 'FoundNewReplicaSet';
export const ReplicaSetUpdatedReason = 'ReplicaSetUpdated';
export const FailedRSCreateReason = 'ReplicaSetCreateError';
export const MinimumReplicasAvailable = 'MinimumReplicasAvailable';
export const MinimumReplicasUnavailable = 'MinimumReplicasUnavailable';
