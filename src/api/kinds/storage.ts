// storage.k8s.io/v1 StorageClass.

import type { ResourceType } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { setDefaultString, str } from './access.ts';
import { age, ageColumn, col, nameColumn } from './printers.ts';
import { validation } from './wiring.ts';

/** Whether the class is marked default (GA or beta annotation). */
export function isDefaultClass(o: KubeObject): boolean {
  const a = o.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

export const storageClasses: ResourceType = {
  group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', resource: 'storageclasses', singular: 'storageclass',
  namespaced: false, shortNames: ['sc'],
  columns: [
    nameColumn(),
    col('Provisioner', 'string', 'provisioner indicates the type of the provisioner.'),
    col('ReclaimPolicy', 'string', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.'),
    col('VolumeBindingMode', 'string', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used.'),
    col('AllowVolumeExpansion', 'string', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
    ageColumn(),
  ],
  row: (o, now) => [
    `${o.metadata.name ?? ''}${isDefaultClass(o) ? ' (default)' : ''}`, str(o.provisioner), str(o.reclaimPolicy) || 'Delete',
    str(o.volumeBindingMode) || 'Immediate', o.allowVolumeExpansion === true, age(o, now),
  ],
  defaults(o) {
    setDefaultString(o, 'reclaimPolicy', 'Delete');
    setDefaultString(o, 'volumeBindingMode', 'Immediate');
  },
  ...validation('storage.k8s.io/StorageClass'),
  tracksGeneration: false,
};
