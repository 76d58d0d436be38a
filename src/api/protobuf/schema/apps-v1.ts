// Wire-format table (field numbers, wire types, JSON names) of k8s.io apps.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const appsV1: MessageTable = {
  'apps.v1.ControllerRevision': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'data', 'runtime.RawExtension', 0],
    [3, 'revision', 'int64', 0],
  ],
  'apps.v1.ControllerRevisionList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'apps.v1.ControllerRevision', 16],
  ],
  'apps.v1.DaemonSet': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'apps.v1.DaemonSetSpec', 2],
    [3, 'status', 'apps.v1.DaemonSetStatus', 2],
  ],
  'apps.v1.DaemonSetCondition': [
    [1, 'type', 'string', 0], [2, 'status', 'string', 0], [3, 'lastTransitionTime', 'meta.v1.Time', 2],
    [4, 'reason', 'string', 2], [5, 'message', 'string', 2],
  ],
  'apps.v1.DaemonSetList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'apps.v1.DaemonSet', 16],
  ],
  'apps.v1.DaemonSetSpec': [
    [1, 'selector', 'meta.v1.LabelSelector', 1], [2, 'template', 'core.v1.PodTemplateSpec', 0],
    [3, 'updateStrategy', 'apps.v1.DaemonSetUpdateStrategy', 2], [4, 'minReadySeconds', 'int32', 2],
    [6, 'revisionHistoryLimit', 'int32', 3],
  ],
  'apps.v1.DaemonSetStatus': [
    [1, 'currentNumberScheduled', 'int32', 0], [2, 'numberMisscheduled', 'int32', 0],
    [3, 'desiredNumberScheduled', 'int32', 0], [4, 'numberReady', 'int32', 0],
    [5, 'observedGeneration', 'int64', 2], [6, 'updatedNumberScheduled', 'int32', 2],
    [7, 'numberAvailable', 'int32', 2], [8, 'numberUnavailable', 'int32', 2],
    [9, 'collisionCount', 'int32', 3], [10, 'conditions', 'apps.v1.DaemonSetCondition', 18],
  ],
  'apps.v1.DaemonSetUpdateStrategy': [
    [1, 'type', 'string', 2], [2, 'rollingUpdate', 'apps.v1.RollingUpdateDaemonSet', 3],
  ],
  'apps.v1.Deployment': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'apps.v1.DeploymentSpec', 2],
    [3, 'status', 'apps.v1.DeploymentStatus', 2],
  ],
  'apps.v1.DeploymentCondition': [
    [1, 'type', 'string', 0], [2, 'status', 'string', 0], [6, 'lastUpdateTime', 'meta.v1.Time', 2],
    [7, 'lastTransitionTime', 'meta.v1.Time', 2], [4, 'reason', 'string', 2], [5, 'message', 'string', 2],
  ],
  'apps.v1.DeploymentList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'apps.v1.Deployment', 16],
  ],
  'apps.v1.DeploymentSpec': [
    [1, 'replicas', 'int32', 3], [2, 'selector', 'meta.v1.LabelSelector', 1],
    [3, 'template', 'core.v1.PodTemplateSpec', 0], [4, 'strategy', 'apps.v1.DeploymentStrategy', 2],
    [5, 'minReadySeconds', 'int32', 2], [6, 'revisionHistoryLimit', 'int32', 3], [7, 'paused', 'bool', 2],
    [9, 'progressDeadlineSeconds', 'int32', 3],
  ],
  'apps.v1.DeploymentStatus': [
    [1, 'observedGeneration', 'int64', 2], [2, 'replicas', 'int32', 2], [3, 'updatedReplicas', 'int32', 2],
    [7, 'readyReplicas', 'int32', 2], [4, 'availableReplicas', 'int32', 2],
    [5, 'unavailableReplicas', 'int32', 2], [9, 'terminatingReplicas', 'int32', 3],
    [6, 'conditions', 'apps.v1.DeploymentCondition', 18], [8, 'collisionCount', 'int32', 3],
  ],
  'apps.v1.DeploymentStrategy': [
    [1, 'type', 'string', 2], [2, 'rollingUpdate', 'apps.v1.RollingUpdateDeployment', 3],
  ],
  'apps.v1.ReplicaSet': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'apps.v1.ReplicaSetSpec', 2],
    [3, 'status', 'apps.v1.ReplicaSetStatus', 2],
  ],
  'apps.v1.ReplicaSetCondition': [
    [1, 'type', 'string', 0], [2, 'status', 'string', 0], [3, 'lastTransitionTime', 'meta.v1.Time', 2],
    [4, 'reason', 'string', 2], [5, 'message', 'string', 2],
  ],
  'apps.v1.ReplicaSetList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'apps.v1.ReplicaSet', 16],
  ],
  'apps.v1.ReplicaSetSpec': [
    [1, 'replicas', 'int32', 3], [4, 'minReadySeconds', 'int32', 2],
    [2, 'selector', 'meta.v1.LabelSelector', 1], [3, 'template', 'core.v1.PodTemplateSpec', 2],
  ],
  'apps.v1.ReplicaSetStatus': [
    [1, 'replicas', 'int32', 0], [2, 'fullyLabeledReplicas', 'int32', 2], [4, 'readyReplicas', 'int32', 2],
    [5, 'availableReplicas', 'int32', 2], [7, 'terminatingReplicas', 'int32', 3],
    [3, 'observedGeneration', 'int64', 2], [6, 'conditions', 'apps.v1.ReplicaSetCondition', 18],
  ],
  'apps.v1.RollingUpdateDaemonSet': [
    [1, 'maxUnavailable', 'intstr.IntOrString', 3], [2, 'maxSurge', 'intstr.IntOrString', 3],
  ],
  'apps.v1.RollingUpdateDeployment': [
    [1, 'maxUnavailable', 'intstr.IntOrString', 3], [2, 'maxSurge', 'intstr.IntOrString', 3],
  ],
  'apps.v1.RollingUpdateStatefulSetStrategy': [
    [1, 'partition', 'int32', 3], [2, 'maxUnavailable', 'intstr.IntOrString', 3],
  ],
  'apps.v1.StatefulSet': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'apps.v1.StatefulSetSpec', 2],
    [3, 'status', 'apps.v1.StatefulSetStatus', 2],
  ],
  'apps.v1.StatefulSetCondition': [
    [1, 'type', 'string', 0], [2, 'status', 'string', 0], [3, 'lastTransitionTime', 'meta.v1.Time', 2],
    [4, 'reason', 'string', 2], [5, 'message', 'string', 2],
  ],
  'apps.v1.StatefulSetList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'apps.v1.StatefulSet', 16],
  ],
  'apps.v1.StatefulSetOrdinals': [
    [1, 'start', 'int32', 0],
  ],
  'apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy': [
    [1, 'whenDeleted', 'string', 2], [2, 'whenScaled', 'string', 2],
  ],
  'apps.v1.StatefulSetSpec': [
    [1, 'replicas', 'int32', 3], [2, 'selector', 'meta.v1.LabelSelector', 1],
    [3, 'template', 'core.v1.PodTemplateSpec', 0],
    [4, 'volumeClaimTemplates', 'core.v1.PersistentVolumeClaim', 18], [5, 'serviceName', 'string', 0],
    [6, 'podManagementPolicy', 'string', 2], [7, 'updateStrategy', 'apps.v1.StatefulSetUpdateStrategy', 2],
    [8, 'revisionHistoryLimit', 'int32', 3], [9, 'minReadySeconds', 'int32', 2],
    [10, 'persistentVolumeClaimRetentionPolicy', 'apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy', 3],
    [11, 'ordinals', 'apps.v1.StatefulSetOrdinals', 3],
  ],
  'apps.v1.StatefulSetStatus': [
    [1, 'observedGeneration', 'int64', 2], [2, 'replicas', 'int32', 0], [3, 'readyReplicas', 'int32', 2],
    [4, 'currentReplicas', 'int32', 2], [5, 'updatedReplicas', 'int32', 2],
    [6, 'currentRevision', 'string', 2], [7, 'updateRevision', 'string', 2],
    [9, 'collisionCount', 'int32', 3], [10, 'conditions', 'apps.v1.StatefulSetCondition', 18],
    [11, 'availableReplicas', 'int32', 0],
  ],
  'apps.v1.StatefulSetUpdateStrategy': [
    [1, 'type', 'string', 2], [2, 'rollingUpdate', 'apps.v1.RollingUpdateStatefulSetStrategy', 3],
  ],
};
