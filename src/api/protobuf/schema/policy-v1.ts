// Wire-format table (field numbers, wire types, JSON names) of k8s.io policy.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const policyV1: MessageTable = {
  'policy.v1.Eviction': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'deleteOptions', 'meta.v1.DeleteOptions', 3],
  ],
  'policy.v1.PodDisruptionBudget': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'policy.v1.PodDisruptionBudgetSpec', 2],
    [3, 'status', 'policy.v1.PodDisruptionBudgetStatus', 2],
  ],
  'policy.v1.PodDisruptionBudgetList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'policy.v1.PodDisruptionBudget', 16],
  ],
  'policy.v1.PodDisruptionBudgetSpec': [
    [1, 'minAvailable', 'intstr.IntOrString', 3], [2, 'selector', 'meta.v1.LabelSelector', 3],
    [3, 'maxUnavailable', 'intstr.IntOrString', 3], [4, 'unhealthyPodEvictionPolicy', 'string', 3],
  ],
  'policy.v1.PodDisruptionBudgetStatus': [
    [1, 'observedGeneration', 'int64', 2], [2, 'disruptedPods', 'map', 2, 'string', 'meta.v1.Time'],
    [3, 'disruptionsAllowed', 'int32', 0], [4, 'currentHealthy', 'int32', 0],
    [5, 'desiredHealthy', 'int32', 0], [6, 'expectedPods', 'int32', 0],
    [7, 'conditions', 'meta.v1.Condition', 18],
  ],
};
