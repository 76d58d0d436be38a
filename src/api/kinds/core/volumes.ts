// core/v1 PersistentVolume and PersistentVolumeClaim.

import { canonicalQuantityString } from '../../quantity.ts';
import type { ResourceType } from '../../registry.ts';
import type { KubeObject } from '../../types.ts';
import { child, get, obj, setDefaultString, str, strs } from '../access.ts';
import { age, ageColumn, col, nameColumn, specOf, statusOf } from '../printers.ts';
import { keepStatus } from '../strategy.ts';
import { validation } from '../wiring.ts';

const ACCESS_MODES: [string, string][] = [
  ['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP'],
];

/** "RWO,RWX" in upstream's fixed order (helper.GetAccessModesAsString). */
export function accessModesString(modes: unknown): string {
  const set = new Set(strs(modes));
  return ACCESS_MODES.filter(([m]) => set.has(m)).map(([, s]) => s).join(',');
}

function quantityString(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') return '0';
  try { return canonicalQuantityString(v); } catch { return String(v); }
}

/** The beta annotation wins over spec.storageClassName, as upstream's helpers. */
function storageClassOf(o: KubeObject): string {
  return o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? str(specOf(o).storageClassName);
}

function phaseOf(o: KubeObject): string {
  return o.metadata.deletionTimestamp ? 'Terminating' : str(statusOf(o).phase);
}

const VOLUME_MODE_DOC = 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.';

export const persistentVolumes: ResourceType = {
  group: '', version: 'v1', kind: 'PersistentVolume', resource: 'persistentvolumes', singular: 'persistentvolume',
  namespaced: false, shortNames: ['pv'],
  subresources: { status: true },
  columns: [
    nameColumn(),
    col('Capacity', 'string', "capacity is the description of the persistent volume's resources and capacity."),
    col('Access Modes', 'string', 'accessModes contains all ways the volume can be mounted.'),
    col('Reclaim Policy', 'string', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.'),
    col('Status', 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'),
    col('Claim', 'string', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'),
    col('StorageClass', 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    col('Reason', 'string', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'),
    ageColumn(),
    col('VolumeMode', 'string', VOLUME_MODE_DOC, 1),
  ],
  row(o, now) {
    const spec = specOf(o);
    const claim = obj(spec.claimRef);
    const claimText = spec.claimRef ? `${str(claim.namespace)}/${str(claim.name)}` : '';
    return [
      o.metadata.name ?? '', quantityString(obj(spec.capacity).storage), accessModesString(spec.accessModes),
      str(spec.persistentVolumeReclaimPolicy), phaseOf(o), claimText, storageClassOf(o),
      str(spec.volumeAttributesClassName) || '<unset>', str(statusOf(o).reason), age(o, now),
      str(spec.volumeMode) || '<unset>',
    ];
  },
  defaults(o) {
    const spec = child(o, 'spec');
    setDefaultString(spec, 'persistentVolumeReclaimPolicy', 'Retain');
    setDefaultString(spec, 'volumeMode', 'Filesystem');
  },
  prepareForCreate(o) {
    o.status = { phase: 'Pending', lastPhaseTransitionTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
  },
  prepareForUpdate: (o, old) => keepStatus(o, old),
  ...validation('/PersistentVolume'),
  tracksGeneration: false,
};

export const persistentVolumeClaims: ResourceType = {
  group: '', version: 'v1', kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim', namespaced: true, shortNames: ['pvc'],
  subresources: { status: true },
  columns: [
    nameColumn(),
    col('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
    col('Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    col('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
    col('Access Modes', 'string', 'accessModes contains the actual access modes the volume backing the PVC has.'),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageColumn(),
    col('VolumeMode', 'string', VOLUME_MODE_DOC, 1),
  ],
  row(o, now) {
    const spec = specOf(o);
    const status = statusOf(o);
    const bound = str(spec.volumeName) !== '';
    return [
      o.metadata.name ?? '', phaseOf(o), str(spec.volumeName),
      bound ? quantityString(get(status, 'capacity.storage')) : '', bound ? accessModesString(status.accessModes) : '',
      storageClassOf(o), str(spec.volumeAttributesClassName) || '<unset>', age(o, now), str(spec.volumeMode) || '<unset>',
    ];
  },
  defaults: (o) => setDefaultString(child(o, 'spec'), 'volumeMode', 'Filesystem'),
  prepareForCreate: (o) => { o.status = { phase: 'Pending' }; },
  prepareForUpdate: (o, old) => keepStatus(o, old),
  ...validation('/PersistentVolumeClaim'),
  tracksGeneration: false,
};
