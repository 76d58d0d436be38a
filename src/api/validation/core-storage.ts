// core/v1 PersistentVolume and PersistentVolumeClaim.

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { compareQuantity, quantitySign } from '../quantity.ts';
import { arr, enumField, has, nameErrors, nonNegativeQuantity, obj, quantityAt, str, validateLabelSelector } from './common.ts';
import type { Obj } from './common.ts';
import { deepEqual, validateImmutableField } from './meta.ts';
import { isDNS1123Subdomain } from './names.ts';
import { describeDiff } from './pod.ts';
import { VOLUME_SOURCES } from './volumes.ts';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const PV_SOURCES = [...VOLUME_SOURCES.filter((s) => !['emptyDir', 'secret', 'configMap', 'downwardAPI', 'projected', 'persistentVolumeClaim', 'gitRepo', 'ephemeral', 'image'].includes(s)), 'local'];

function validateAccessModes(modes: unknown[], path: string, detail: string): FieldError[] {
  if (modes.length === 0) return [field.required(path, detail)];
  const errs = modes.flatMap((m, i) => enumField(String(m), ACCESS_MODES, `${path}[${i}]`));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) errs.push(field.forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

export function validatePersistentVolume(pv: KubeObject): FieldError[] {
  const spec = obj(pv, 'spec');
  const errs = validateAccessModes(arr(spec, 'accessModes'), 'spec.accessModes', '');
  const cap = obj(spec, 'capacity');
  const keys = Object.keys(cap);
  if (keys.length === 0) errs.push(field.required('spec.capacity', ''));
  else if (!keys.includes('storage') || keys.length > 1) errs.push(field.notSupported('spec.capacity', keys, ['storage']));
  for (const [k, v] of Object.entries(cap)) nonNegativeQuantity(v, `spec.capacity[${k}]`, errs);
  errs.push(...enumField(str(spec, 'persistentVolumeReclaimPolicy'), ['Delete', 'Recycle', 'Retain'], 'spec.persistentVolumeReclaimPolicy'));
  errs.push(...enumField(str(spec, 'volumeMode'), ['Block', 'Filesystem'], 'spec.volumeMode'));
  const sc = str(spec, 'storageClassName');
  if (sc) errs.push(...nameErrors(isDNS1123Subdomain, sc, 'spec.storageClassName'));
  const sources = PV_SOURCES.filter((s) => has(spec, s));
  if (sources.length === 0) errs.push(field.required('spec', 'must specify a volume type'));
  for (const extra of sources.slice(1)) errs.push(field.forbidden(`spec.${extra}`, 'may not specify more than 1 volume type'));
  if (has(spec, 'hostPath') && !str(obj(spec, 'hostPath'), 'path')) errs.push(field.required('spec.hostPath.path', ''));
  if (has(spec, 'local') && !str(obj(spec, 'local'), 'path')) errs.push(field.required('spec.local.path', ''));
  return errs;
}

export function validatePersistentVolumeUpdate(pv: KubeObject, old: KubeObject): FieldError[] {
  const errs = validatePersistentVolume(pv);
  const pick = (s: Obj): Obj => Object.fromEntries(PV_SOURCES.filter((k) => has(s, k)).map((k) => [k, s[k]]));
  if (!deepEqual(pick(obj(pv, 'spec')), pick(obj(old, 'spec')))) {
    errs.push(field.forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
  }
  errs.push(...validateImmutableField(str(obj(pv, 'spec'), 'volumeMode'), str(obj(old, 'spec'), 'volumeMode'), 'spec.volumeMode'));
  return errs;
}

/** A PVC spec (also used for StatefulSet volumeClaimTemplates). */
export function validatePersistentVolumeClaimSpec(spec: Obj, path: string): FieldError[] {
  const errs = validateAccessModes(arr(spec, 'accessModes'), `${path}.accessModes`, 'at least 1 access mode is required');
  errs.push(...validateLabelSelector(spec['selector'], `${path}.selector`));
  const requests = obj(obj(spec, 'resources'), 'requests');
  if (requests['storage'] === undefined) {
    errs.push(field.required(`${path}.resources[storage]`, ''));
  } else {
    const q = quantityAt(requests['storage'], `${path}.resources[storage]`, errs);
    if (q && quantitySign(q) <= 0) errs.push(field.invalid(`${path}.resources[storage]`, requests['storage'], 'must be greater than zero'));
  }
  errs.push(...enumField(str(spec, 'volumeMode'), ['Block', 'Filesystem'], `${path}.volumeMode`));
  const sc = str(spec, 'storageClassName');
  if (sc) errs.push(...nameErrors(isDNS1123Subdomain, sc, `${path}.storageClassName`));
  return errs;
}

export function validatePersistentVolumeClaim(pvc: KubeObject): FieldError[] {
  return validatePersistentVolumeClaimSpec(obj(pvc, 'spec'), 'spec');
}

export function validatePersistentVolumeClaimUpdate(pvc: KubeObject, old: KubeObject): FieldError[] {
  const errs = validatePersistentVolumeClaim(pvc);
  const spec: Obj = structuredClone(obj(pvc, 'spec'));
  const oldSpec: Obj = structuredClone(obj(old, 'spec'));
  // volumeName may be set once (binding); requests.storage may grow on bound claims.
  if (!str(oldSpec, 'volumeName')) oldSpec['volumeName'] = spec['volumeName'];
  const bound = str(obj(old, 'status'), 'phase') === 'Bound';
  const newReq = obj(obj(spec, 'resources'), 'requests');
  const oldReq = obj(obj(oldSpec, 'resources'), 'requests');
  if (bound && newReq['storage'] !== undefined && oldReq['storage'] !== undefined) {
    const scratch: FieldError[] = [];
    const a = quantityAt(newReq['storage'], '', scratch);
    const b = quantityAt(oldReq['storage'], '', scratch);
    if (a && b && compareQuantity(a, b) < 0) errs.push(field.forbidden('spec.resources.requests.storage', 'field can not be less than previous value'));
    newReq['storage'] = oldReq['storage'];
  }
  spec['volumeAttributesClassName'] = oldSpec['volumeAttributesClassName'];
  if (!deepEqual(spec, oldSpec)) {
    errs.push(field.forbidden('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${describeDiff(oldSpec, spec).join('\n')}`));
  }
  return errs;
}
