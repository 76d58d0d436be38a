// Wire-format table (field numbers, wire types, JSON names) of k8s.io coordination.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const coordinationV1: MessageTable = {
  'coordination.v1.Lease': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'coordination.v1.LeaseSpec', 2],
  ],
  'coordination.v1.LeaseList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'coordination.v1.Lease', 16],
  ],
  'coordination.v1.LeaseSpec': [
    [1, 'holderIdentity', 'string', 3], [2, 'leaseDurationSeconds', 'int32', 3],
    [3, 'acquireTime', 'meta.v1.MicroTime', 3], [4, 'renewTime', 'meta.v1.MicroTime', 3],
    [5, 'leaseTransitions', 'int32', 3], [6, 'strategy', 'string', 3], [7, 'preferredHolder', 'string', 3],
  ],
};
