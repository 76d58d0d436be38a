// coordination Lease, policy PodDisruptionBudget, scheduling PriorityClass, storage StorageClass.

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { intOrPercent, enumField, nameErrors, nonNegative, num, obj, percentOver100, str, validateLabelSelector } from './common.ts';
import { deepEqual, validateImmutableField } from './meta.ts';
import { isQualifiedName } from './names.ts';

export function validateLease(lease: KubeObject): FieldError[] {
  const spec = obj(lease, 'spec');
  const errs: FieldError[] = [];
  const d = num(spec, 'leaseDurationSeconds');
  if (d !== undefined && d <= 0) errs.push(field.invalid('spec.leaseDurationSeconds', d, 'must be greater than 0'));
  errs.push(...nonNegative(num(spec, 'leaseTransitions'), 'spec.leaseTransitions'));
  const strategy = str(spec, 'strategy');
  if (strategy !== undefined) errs.push(...nameErrors(isQualifiedName, strategy, 'spec.strategy'));
  return errs;
}

export function validatePodDisruptionBudget(pdb: KubeObject): FieldError[] {
  const spec = obj(pdb, 'spec');
  const errs: FieldError[] = [];
  const min = spec['minAvailable'];
  const max = spec['maxUnavailable'];
  if (min !== undefined && min !== null && max !== undefined && max !== null) {
    errs.push(field.invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  errs.push(...intOrPercent(min, 'spec.minAvailable'), ...percentOver100(min, 'spec.minAvailable'));
  errs.push(...intOrPercent(max, 'spec.maxUnavailable'), ...percentOver100(max, 'spec.maxUnavailable'));
  errs.push(...validateLabelSelector(spec['selector'], 'spec.selector'));
  errs.push(...enumField(str(spec, 'unhealthyPodEvictionPolicy'), ['IfHealthyBudget', 'AlwaysAllow'], 'spec.unhealthyPodEvictionPolicy'));
  return errs;
}

export function validatePodDisruptionBudgetStatus(pdb: KubeObject): FieldError[] {
  const status = obj(pdb, 'status');
  const errs: FieldError[] = [];
  for (const k of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods', 'observedGeneration']) {
    errs.push(...nonNegative(num(status, k), `status.${k}`));
  }
  return errs;
}

export const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

export function validatePriorityClass(pc: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const name = pc.metadata.name ?? '';
  const value = typeof pc['value'] === 'number' ? pc['value'] : 0;
  const system = SYSTEM_PRIORITY_CLASSES[name];
  if (system !== undefined) {
    if (value !== system) errs.push(field.forbidden('metadata.name', `priority class ${name} is reserved for system use only and must have value ${system}`));
  } else if (name.startsWith('system-')) {
    errs.push(field.forbidden('metadata.name', "priority class names with 'system-' prefix are reserved for system use only"));
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(field.forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  const pp = typeof pc['preemptionPolicy'] === 'string' ? pc['preemptionPolicy'] : undefined;
  errs.push(...enumField(pp, ['Never', 'PreemptLowerPriority'], 'preemptionPolicy'));
  return errs;
}

export function validatePriorityClassUpdate(pc: KubeObject, old: KubeObject): FieldError[] {
  const errs = validatePriorityClass(pc);
  if (pc['value'] !== old['value']) errs.push(field.forbidden('value', 'may not be changed in an update.'));
  errs.push(...validateImmutableField(pc['preemptionPolicy'], old['preemptionPolicy'], 'preemptionPolicy'));
  return errs;
}

const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;

export function validateStorageClass(sc: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = typeof sc['provisioner'] === 'string' ? sc['provisioner'] : '';
  if (!provisioner) errs.push(field.required('provisioner', ''));
  else errs.push(...isQualifiedName(provisioner.toLowerCase()).map((m) => field.invalid('provisioner', provisioner, m)));
  const params = obj(sc, 'parameters');
  const entries = Object.entries(params);
  if (entries.length > MAX_PARAMETERS) errs.push({ type: 'FieldValueTooMany', field: 'parameters', value: entries.length, detail: `must have at most ${MAX_PARAMETERS} items` });
  let size = 0;
  for (const [k, v] of entries) {
    if (!k) errs.push(field.invalid('parameters', k, 'field can not be empty.'));
    size += k.length + String(v).length;
  }
  if (size > MAX_PARAMETERS_SIZE) errs.push(field.tooLong('parameters', MAX_PARAMETERS_SIZE));
  const rp = typeof sc['reclaimPolicy'] === 'string' ? sc['reclaimPolicy'] : undefined;
  errs.push(...enumField(rp, ['Delete', 'Retain'], 'reclaimPolicy'));
  const vbm = typeof sc['volumeBindingMode'] === 'string' ? sc['volumeBindingMode'] : undefined;
  errs.push(...enumField(vbm, ['Immediate', 'WaitForFirstConsumer'], 'volumeBindingMode'));
  return errs;
}

export function validateStorageClassUpdate(sc: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateStorageClass(sc);
  if (!deepEqual(sc['parameters'] ?? {}, old['parameters'] ?? {})) errs.push(field.forbidden('parameters', 'updates to parameters are forbidden.'));
  if (sc['provisioner'] !== old['provisioner']) errs.push(field.forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if ((sc['reclaimPolicy'] ?? 'Delete') !== (old['reclaimPolicy'] ?? 'Delete')) errs.push(field.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  errs.push(...validateImmutableField(sc['volumeBindingMode'], old['volumeBindingMode'], 'volumeBindingMode'));
  return errs;
}
