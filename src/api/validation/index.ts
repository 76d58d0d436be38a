// Per-kind validators keyed by '<group>/<Kind>' ('' for core). They check the kind-specific parts;
// the apiserver validates metadata itself with validateObjectMeta / validateObjectMetaUpdate.

import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { validateTokenRequest } from './authn.ts';
import { validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerStatus } from './autoscaling.ts';
import { validateCronJob, validateCronJobUpdate, validateJob, validateJobStatus, validateJobUpdate } from './batch.ts';
import {
  validateBinding, validateConfigMap, validateConfigMapUpdate, validateNamespace, validateNamespaceStatus, validateNode,
  validateNodeStatusUpdate, validateNodeUpdate, validatePodTemplate, validateSecret, validateSecretUpdate,
} from './core-config.ts';
import { validateLimitRange, validateResourceQuota, validateResourceQuotaStatus } from './core-quota.ts';
import { validateEndpoints, validateService, validateServiceUpdate } from './core-service.ts';
import {
  validatePersistentVolume, validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate, validatePersistentVolumeUpdate,
} from './core-storage.ts';
import { validateFlowControlStatus, validateFlowSchema, validatePriorityLevelConfiguration } from './flowcontrol.ts';
import { validateCoreEvent, validateCoreEventUpdate, validateEventsEvent, validateEventsEventUpdate } from './events.ts';
import {
  validateLease, validatePodDisruptionBudget, validatePodDisruptionBudgetStatus, validatePriorityClass, validatePriorityClassUpdate,
  validateStorageClass, validateStorageClassUpdate,
} from './misc.ts';
import {
  validateEndpointSlice, validateEndpointSliceUpdate, validateIngress, validateIngressClass, validateIngressClassUpdate,
  validateNetworkPolicy,
} from './networking.ts';
import { validatePod, validatePodStatusUpdate, validatePodUpdate } from './pod.ts';
import {
  validateClusterRole, validateClusterRoleBinding, validateClusterRoleBindingUpdate, validateRole, validateRoleBinding, validateRoleBindingUpdate,
} from './rbac.ts';
import {
  validateControllerRevision, validateControllerRevisionUpdate, validateDaemonSet, validateDaemonSetStatus, validateDaemonSetUpdate,
  validateDeployment, validateDeploymentUpdate, validateReplicaSet, validateReplicaSetUpdate, validateReplicaStatus,
  validateReplicationController, validateStatefulSet, validateStatefulSetUpdate,
} from './workloads.ts';

export interface KindValidator {
  create(obj: KubeObject): FieldError[];
  update?(obj: KubeObject, old: KubeObject): FieldError[];
  status?(obj: KubeObject, old: KubeObject): FieldError[];
}

const same = (f: (o: KubeObject) => FieldError[]) => (o: KubeObject): FieldError[] => f(o);
const none = (): FieldError[] => [];

const REPLICA_FIELDS = ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'];
// upstream checks these against replicas; unavailableReplicas may exceed it during a rollout.
const DEPLOYMENT_FIELDS = ['updatedReplicas', 'readyReplicas', 'availableReplicas'];
const STATEFULSET_FIELDS = ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas'];

export const validators: Record<string, KindValidator> = {
  '/Namespace': { create: validateNamespace, update: same(validateNamespace), status: same(validateNamespaceStatus) },
  '/Pod': { create: validatePod, update: validatePodUpdate, status: validatePodStatusUpdate },
  '/Node': { create: validateNode, update: validateNodeUpdate, status: same(validateNodeStatusUpdate) },
  '/Service': { create: validateService, update: validateServiceUpdate, status: none },
  '/Endpoints': { create: validateEndpoints, update: same(validateEndpoints) },
  '/ConfigMap': { create: validateConfigMap, update: validateConfigMapUpdate },
  '/Secret': { create: validateSecret, update: validateSecretUpdate },
  '/ServiceAccount': { create: none, update: none },
  '/Event': { create: validateCoreEvent, update: validateCoreEventUpdate },
  '/ReplicationController': {
    create: validateReplicationController, update: same(validateReplicationController),
    status: (o) => validateReplicaStatus(o, REPLICA_FIELDS),
  },
  '/ResourceQuota': { create: validateResourceQuota, update: same(validateResourceQuota), status: same(validateResourceQuotaStatus) },
  '/LimitRange': { create: validateLimitRange, update: same(validateLimitRange) },
  '/PersistentVolume': { create: validatePersistentVolume, update: validatePersistentVolumeUpdate, status: none },
  '/PersistentVolumeClaim': { create: validatePersistentVolumeClaim, update: validatePersistentVolumeClaimUpdate, status: none },
  '/PodTemplate': { create: validatePodTemplate, update: same(validatePodTemplate) },
  '/Binding': { create: validateBinding },
  'apps/Deployment': { create: validateDeployment, update: validateDeploymentUpdate, status: (o) => validateReplicaStatus(o, DEPLOYMENT_FIELDS) },
  'apps/ReplicaSet': { create: validateReplicaSet, update: validateReplicaSetUpdate, status: (o) => validateReplicaStatus(o, REPLICA_FIELDS) },
  'apps/DaemonSet': { create: validateDaemonSet, update: validateDaemonSetUpdate, status: same(validateDaemonSetStatus) },
  'apps/StatefulSet': { create: validateStatefulSet, update: validateStatefulSetUpdate, status: (o) => validateReplicaStatus(o, STATEFULSET_FIELDS) },
  'apps/ControllerRevision': { create: validateControllerRevision, update: validateControllerRevisionUpdate },
  'batch/Job': { create: validateJob, update: validateJobUpdate, status: same(validateJobStatus) },
  'batch/CronJob': { create: (o) => validateCronJob(o), update: validateCronJobUpdate, status: none },
  'authentication.k8s.io/TokenRequest': { create: validateTokenRequest },
  'autoscaling/HorizontalPodAutoscaler': {
    create: validateHorizontalPodAutoscaler, update: same(validateHorizontalPodAutoscaler), status: same(validateHorizontalPodAutoscalerStatus),
  },
  'coordination.k8s.io/Lease': { create: validateLease, update: same(validateLease) },
  'discovery.k8s.io/EndpointSlice': { create: validateEndpointSlice, update: validateEndpointSliceUpdate },
  'networking.k8s.io/Ingress': { create: validateIngress, update: same(validateIngress), status: none },
  'networking.k8s.io/IngressClass': { create: validateIngressClass, update: validateIngressClassUpdate },
  'networking.k8s.io/NetworkPolicy': { create: validateNetworkPolicy, update: same(validateNetworkPolicy) },
  'policy/PodDisruptionBudget': {
    create: validatePodDisruptionBudget, update: same(validatePodDisruptionBudget), status: same(validatePodDisruptionBudgetStatus),
  },
  'scheduling.k8s.io/PriorityClass': { create: validatePriorityClass, update: validatePriorityClassUpdate },
  'events.k8s.io/Event': { create: validateEventsEvent, update: validateEventsEventUpdate },
  'rbac.authorization.k8s.io/Role': { create: validateRole, update: same(validateRole) },
  'rbac.authorization.k8s.io/ClusterRole': { create: validateClusterRole, update: same(validateClusterRole) },
  'rbac.authorization.k8s.io/RoleBinding': { create: validateRoleBinding, update: validateRoleBindingUpdate },
  'rbac.authorization.k8s.io/ClusterRoleBinding': { create: validateClusterRoleBinding, update: validateClusterRoleBindingUpdate },
  'flowcontrol.apiserver.k8s.io/FlowSchema': { create: validateFlowSchema, update: same(validateFlowSchema), status: same(validateFlowControlStatus) },
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration': {
    create: validatePriorityLevelConfiguration, update: same(validatePriorityLevelConfiguration), status: same(validateFlowControlStatus),
  },
  'storage.k8s.io/StorageClass': { create: validateStorageClass, update: validateStorageClassUpdate },
};

export { validateObjectMeta, validateObjectMetaUpdate, validateLabels, validateAnnotations } from './meta.ts';
export type { ObjectMetaOptions, ObjectMetaUpdateOptions } from './meta.ts';
export {
  isDNS1123Subdomain, isDNS1123Label, isDNS1035Label, isQualifiedName, isValidLabelValue, isValidPathSegmentName,
} from './names.ts';
export type { NameRule } from './names.ts';
export { validatePodSpec, validatePodTemplateSpec } from './pod-spec.ts';
