// coordination.k8s.io/v1 Lease.

import type { ResourceType } from '../registry.ts';
import { get, str } from './access.ts';
import { age, ageColumn, col, nameColumn } from './printers.ts';
import { validation } from './wiring.ts';

export const leases: ResourceType = {
  group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', resource: 'leases', singular: 'lease', namespaced: true,
  columns: [nameColumn(), col('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.'), ageColumn()],
  row: (o, now) => [o.metadata.name ?? '', str(get(o, 'spec.holderIdentity')), age(o, now)],
  ...validation('coordination.k8s.io/Lease'),
  allowCreateOnUpdate: true,
  tracksGeneration: false,
};
