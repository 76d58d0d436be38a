// Wire-format table (field numbers, wire types, JSON names) of k8s.io scheduling.v1alpha3 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const schedulingV1alpha3: MessageTable = {
  'scheduling.v1alpha3.TopologyConstraint': [
    [1, 'key', 'string', 0],
  ],
  'scheduling.v1alpha3.WorkloadPodGroupAllDisruptionMode': [
  ],
  'scheduling.v1alpha3.WorkloadPodGroupBasicSchedulingPolicy': [
  ],
  'scheduling.v1alpha3.WorkloadPodGroupDisruptionMode': [
    [1, 'single', 'scheduling.v1alpha3.WorkloadPodGroupSingleDisruptionMode', 3],
    [2, 'all', 'scheduling.v1alpha3.WorkloadPodGroupAllDisruptionMode', 3],
  ],
  'scheduling.v1alpha3.WorkloadPodGroupGangSchedulingPolicy': [
    [1, 'minCount', 'int32', 3],
  ],
  'scheduling.v1alpha3.WorkloadPodGroupResourceClaim': [
    [1, 'name', 'string', 0], [2, 'resourceClaimName', 'string', 3],
    [3, 'resourceClaimTemplateName', 'string', 3],
  ],
  'scheduling.v1alpha3.WorkloadPodGroupSchedulingConstraints': [
    [1, 'topology', 'scheduling.v1alpha3.TopologyConstraint', 18],
  ],
  'scheduling.v1alpha3.WorkloadPodGroupSchedulingPolicy': [
    [1, 'basic', 'scheduling.v1alpha3.WorkloadPodGroupBasicSchedulingPolicy', 3],
    [2, 'gang', 'scheduling.v1alpha3.WorkloadPodGroupGangSchedulingPolicy', 3],
  ],
  'scheduling.v1alpha3.WorkloadPodGroupSingleDisruptionMode': [
  ],
};
