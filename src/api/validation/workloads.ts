// Replicated workloads: core/v1 ReplicationController; apps/v1 ReplicaSet, Deployment, DaemonSet,
// StatefulSet, ControllerRevision (pkg/apis/apps/validation).

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { labelSelectorAsSelector, matches } from '../selectors/labels.ts';
import {
  arr, enumField, has, intOrPercent, intOrPercentValue, isEmptyLabelSelector, nonNegative, num, obj, percentOver100, str,
  strMap, validateLabelSelector,
} from './common.ts';
import type { Obj } from './common.ts';
import { deepEqual, validateImmutableField, validateLabels } from './meta.ts';
import { validatePersistentVolumeClaimSpec } from './core-storage.ts';
import { validatePodTemplateSpec } from './pod-spec.ts';

export const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

/** Template labels must satisfy the selector (when the selector is valid and non-empty). */
export function templateMatchesSelector(selector: unknown, tmpl: unknown, path: string): FieldError[] {
  if (isEmptyLabelSelector(selector)) return [];
  const labels = strMap(obj(tmpl, 'metadata'), 'labels') ?? {};
  try {
    const sel = labelSelectorAsSelector(selector as Parameters<typeof labelSelectorAsSelector>[0]);
    return matches(sel, labels) ? [] : [field.invalid(`${path}.metadata.labels`, labels, SELECTOR_MISMATCH)];
  } catch {
    return [field.invalid('spec.selector', selector, 'invalid label selector')];
  }
}

function validateSelectorAndTemplate(spec: Obj, emptyMsg: string): FieldError[] {
  const errs: FieldError[] = [];
  const sel = spec['selector'];
  if (sel === undefined || sel === null) errs.push(field.required('spec.selector', ''));
  else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    if (isEmptyLabelSelector(sel)) errs.push(field.invalid('spec.selector', sel, emptyMsg));
  }
  errs.push(...templateMatchesSelector(sel, spec['template'], 'spec.template'));
  errs.push(...validatePodTemplateSpec(spec['template'], 'spec.template', { restartPolicies: ['Always'] }));
  return errs;
}

export function validateReplicationController(rc: KubeObject): FieldError[] {
  const spec = obj(rc, 'spec');
  const errs = nonNegative(num(spec, 'minReadySeconds'), 'spec.minReadySeconds');
  const selector = strMap(spec, 'selector') ?? {};
  if (Object.keys(selector).length === 0) errs.push(field.required('spec.selector', ''));
  errs.push(...validateLabels(selector, 'spec.selector'));
  errs.push(...nonNegative(num(spec, 'replicas'), 'spec.replicas'));
  errs.push(...templateMatchesSelector({ matchLabels: selector }, spec['template'], 'spec.template'));
  errs.push(...validatePodTemplateSpec(spec['template'], 'spec.template', { restartPolicies: ['Always'] }).map((e) => (
    e.field === 'spec.template.spec.activeDeadlineSeconds' ? field.forbidden(e.field, 'activeDeadlineSeconds in ReplicationController is not Supported') : e)));
  return errs;
}

export function validateReplicaSet(rs: KubeObject): FieldError[] {
  const spec = obj(rs, 'spec');
  const errs = nonNegative(num(spec, 'replicas'), 'spec.replicas');
  errs.push(...nonNegative(num(spec, 'minReadySeconds'), 'spec.minReadySeconds'));
  errs.push(...validateSelectorAndTemplate(spec, 'empty selector is invalid for deployment'));
  return errs;
}

function selectorImmutable(o: KubeObject, old: KubeObject): FieldError[] {
  return validateImmutableField(obj(o, 'spec')['selector'], obj(old, 'spec')['selector'], 'spec.selector');
}

export function validateReplicaSetUpdate(rs: KubeObject, old: KubeObject): FieldError[] {
  return [...validateReplicaSet(rs), ...selectorImmutable(rs, old)];
}

/** status.replicas and friends are ≥ 0 and not above status.replicas (Deployment/ReplicaSet/RC). */
export function validateReplicaStatus(o: KubeObject, fields: string[]): FieldError[] {
  const status = obj(o, 'status');
  const errs: FieldError[] = [];
  for (const k of ['replicas', ...fields, 'observedGeneration']) errs.push(...nonNegative(num(status, k), `status.${k}`));
  const replicas = num(status, 'replicas') ?? 0;
  for (const k of fields) {
    const v = num(status, k);
    if (v !== undefined && v > replicas && k !== 'updatedReplicas') errs.push(field.invalid(`status.${k}`, v, 'cannot be greater than status.replicas'));
  }
  const ready = num(status, 'readyReplicas');
  const avail = num(status, 'availableReplicas');
  if (ready !== undefined && avail !== undefined && avail > ready) errs.push(field.invalid('status.availableReplicas', avail, 'cannot be greater than readyReplicas'));
  return errs;
}

/** upstream getIntOrPercentValue: the int, or the number before '%'. */
function rawIntOrPercent(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[0-9]+%$/.test(v)) return Number(v.slice(0, -1));
  return 0;
}

function validateRollingUpdate(ru: Obj, path: string): FieldError[] {
  // An absent rollingUpdate is filled by defaulting (25%/25%).
  if (Object.keys(ru).length === 0) return [];
  const errs = [...intOrPercent(ru['maxUnavailable'], `${path}.maxUnavailable`), ...intOrPercent(ru['maxSurge'], `${path}.maxSurge`)];
  if (rawIntOrPercent(ru['maxUnavailable']) === 0 && rawIntOrPercent(ru['maxSurge']) === 0) {
    errs.push(field.invalid(`${path}.maxUnavailable`, ru['maxUnavailable'] ?? 0, 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...percentOver100(ru['maxUnavailable'], `${path}.maxUnavailable`));
  return errs;
}

export function validateDeployment(d: KubeObject): FieldError[] {
  const spec = obj(d, 'spec');
  const errs = nonNegative(num(spec, 'replicas'), 'spec.replicas');
  errs.push(...validateSelectorAndTemplate(spec, 'empty selector is invalid for deployment'));
  const strategy = obj(spec, 'strategy');
  const type = str(strategy, 'type') ?? 'RollingUpdate';
  if (type === 'Recreate') {
    if (has(strategy, 'rollingUpdate')) errs.push(field.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    errs.push(...validateRollingUpdate(obj(strategy, 'rollingUpdate'), 'spec.strategy.rollingUpdate'));
  } else {
    errs.push(field.notSupported('spec.strategy.type', type, ['Recreate', 'RollingUpdate']));
  }
  const minReady = num(spec, 'minReadySeconds') ?? 0;
  errs.push(...nonNegative(minReady, 'spec.minReadySeconds'));
  errs.push(...nonNegative(num(spec, 'revisionHistoryLimit'), 'spec.revisionHistoryLimit'));
  const pds = num(spec, 'progressDeadlineSeconds');
  if (pds !== undefined) {
    errs.push(...nonNegative(pds, 'spec.progressDeadlineSeconds'));
    if (pds <= minReady) errs.push(field.invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export function validateDeploymentUpdate(d: KubeObject, old: KubeObject): FieldError[] {
  return [...validateDeployment(d), ...selectorImmutable(d, old)];
}

export function validateDaemonSet(ds: KubeObject): FieldError[] {
  const spec = obj(ds, 'spec');
  const errs = validateSelectorAndTemplate(spec, 'empty selector is invalid for daemonset');
  errs.push(...nonNegative(num(spec, 'minReadySeconds'), 'spec.minReadySeconds'));
  errs.push(...nonNegative(num(spec, 'revisionHistoryLimit'), 'spec.revisionHistoryLimit'));
  const us = obj(spec, 'updateStrategy');
  const type = str(us, 'type') ?? 'RollingUpdate';
  if (type === 'RollingUpdate') errs.push(...validateRollingUpdate(obj(us, 'rollingUpdate'), 'spec.updateStrategy.rollingUpdate'));
  else if (type === 'OnDelete') {
    if (has(us, 'rollingUpdate')) errs.push(field.forbidden('spec.updateStrategy.rollingUpdate', "may not be specified when strategy `type` is 'OnDelete'"));
  } else errs.push(field.notSupported('spec.updateStrategy.type', type, ['OnDelete', 'RollingUpdate']));
  return errs;
}

export function validateDaemonSetUpdate(ds: KubeObject, old: KubeObject): FieldError[] {
  return [...validateDaemonSet(ds), ...selectorImmutable(ds, old)];
}

export function validateDaemonSetStatus(ds: KubeObject): FieldError[] {
  const status = obj(ds, 'status');
  const errs: FieldError[] = [];
  for (const k of ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable']) {
    errs.push(...nonNegative(num(status, k), `status.${k}`));
  }
  return errs;
}

export function validateStatefulSet(ss: KubeObject): FieldError[] {
  const spec = obj(ss, 'spec');
  const errs: FieldError[] = [];
  const pmp = str(spec, 'podManagementPolicy');
  if (pmp && pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(field.invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = obj(spec, 'updateStrategy');
  const type = str(us, 'type');
  if (type === 'OnDelete') {
    if (has(us, 'rollingUpdate')) errs.push(field.invalid('spec.updateStrategy.rollingUpdate', us['rollingUpdate'], "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (type === 'RollingUpdate' || type === undefined) {
    const ru = obj(us, 'rollingUpdate');
    errs.push(...nonNegative(num(ru, 'partition'), 'spec.updateStrategy.rollingUpdate.partition'));
    if (has(ru, 'maxUnavailable')) {
      errs.push(...intOrPercent(ru['maxUnavailable'], 'spec.updateStrategy.rollingUpdate.maxUnavailable'));
      if (intOrPercentValue(ru['maxUnavailable'], 100, true) < 1) errs.push(field.invalid('spec.updateStrategy.rollingUpdate.maxUnavailable', ru['maxUnavailable'], 'must be greater than 0'));
    }
  } else {
    errs.push(field.invalid('spec.updateStrategy', us, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const policy = obj(spec, 'persistentVolumeClaimRetentionPolicy');
  for (const k of ['whenDeleted', 'whenScaled']) errs.push(...enumField(str(policy, k), ['Retain', 'Delete'], `spec.persistentVolumeClaimRetentionPolicy.${k}`));
  errs.push(...nonNegative(num(obj(spec, 'ordinals'), 'start'), 'spec.ordinals.start'));
  errs.push(...nonNegative(num(spec, 'replicas'), 'spec.replicas'));
  errs.push(...nonNegative(num(spec, 'minReadySeconds'), 'spec.minReadySeconds'));
  errs.push(...nonNegative(num(spec, 'revisionHistoryLimit'), 'spec.revisionHistoryLimit'));
  errs.push(...validateSelectorAndTemplate(spec, 'empty selector is invalid for statefulset'));
  arr(spec, 'volumeClaimTemplates').forEach((t, i) => {
    errs.push(...validatePersistentVolumeClaimSpec(obj(t, 'spec'), `spec.volumeClaimTemplates[${i}].spec`));
  });
  return errs;
}

const STATEFULSET_MUTABLE = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy'];

export function validateStatefulSetUpdate(ss: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateStatefulSet(ss);
  const strip = (s: Obj): Obj => Object.fromEntries(Object.entries(s).filter(([k]) => !STATEFULSET_MUTABLE.includes(k)));
  if (!deepEqual(strip(obj(ss, 'spec')), strip(obj(old, 'spec')))) {
    errs.push(field.forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
  }
  return errs;
}

export function validateControllerRevision(cr: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (cr['data'] === undefined || cr['data'] === null) errs.push(field.required('data', 'data is mandatory'));
  errs.push(...nonNegative(typeof cr['revision'] === 'number' ? cr['revision'] : undefined, 'revision'));
  return errs;
}

export function validateControllerRevisionUpdate(cr: KubeObject, old: KubeObject): FieldError[] {
  return [...validateControllerRevision(cr), ...validateImmutableField(cr['data'], old['data'], 'data')];
}
