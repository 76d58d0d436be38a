// Wire-format table (field numbers, wire types, JSON names) of k8s.io scheduling.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const schedulingV1: MessageTable = {
  'scheduling.v1.PriorityClass': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'value', 'int32', 0], [3, 'globalDefault', 'bool', 2],
    [4, 'description', 'string', 2], [5, 'preemptionPolicy', 'string', 3],
  ],
  'scheduling.v1.PriorityClassList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'scheduling.v1.PriorityClass', 16],
  ],
};
