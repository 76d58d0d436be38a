// Pod create, update and status validation (ValidatePod, ValidatePodUpdate, ValidatePodStatusUpdate).

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { deepCopy, isPlainObject } from '../types.ts';
import { arr, enumField, inRange, MAX_INT32, nameErrors, num, obj, str } from './common.ts';
import type { Obj } from './common.ts';
import { deepEqual } from './meta.ts';
import { isDNS1123Subdomain, isQualifiedName, isValidIP } from './names.ts';
import { validatePodSpec, validateTolerations } from './pod-spec.ts';

export const POD_UPDATE_FORBIDDEN = 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';


export function validatePod(pod: KubeObject): FieldError[] {
  return validatePodSpec(obj(pod, 'spec'), 'spec');
}

function validateContainerUpdates(now: unknown[], old: unknown[], path: string): { errs: FieldError[]; stop: boolean } {
  if (now.length !== old.length) return { errs: [field.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  now.forEach((c, i) => {
    const image = str(c, 'image') ?? '';
    if (!image) errs.push(field.required(`${path}[${i}].image`, ''));
    else if (image.trim() !== image) errs.push(field.invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(now: unknown[], old: unknown[], path: string): FieldError[] {
  for (const o of old) {
    const found = now.some((n) => {
      // tolerationSeconds may change; everything else of an existing toleration must stay.
      const a: Obj = { ...(isPlainObject(o) ? o : {}), tolerationSeconds: undefined };
      const b: Obj = { ...(isPlainObject(n) ? n : {}), tolerationSeconds: undefined };
      return deepEqual(a, b);
    });
    if (!found) return [field.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(now, path);
}

/** A short listing of the differing paths, standing in for upstream's cmp.Diff output. */
export function describeDiff(old: unknown, now: unknown, path = ''): string[] {
  if (deepEqual(old, now)) return [];
  if (isPlainObject(old) && isPlainObject(now)) {
    const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])].sort();
    return keys.flatMap((k) => describeDiff(old[k], now[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(old) && Array.isArray(now) && old.length === now.length) {
    return old.flatMap((x, i) => describeDiff(x, now[i], `${path}[${i}]`));
  }
  return [`-\t${path}: ${JSON.stringify(old)}`, `+\t${path}: ${JSON.stringify(now)}`];
}

export function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const spec = obj(pod, 'spec');
  const oldSpec = obj(old, 'spec');
  const errs = validatePodSpec(spec, 'spec');
  for (const k of ['containers', 'initContainers']) {
    const r = validateContainerUpdates(arr(spec, k), arr(oldSpec, k), `spec.${k}`);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = num(spec, 'activeDeadlineSeconds');
  const oldAds = num(oldSpec, 'activeDeadlineSeconds');
  if (ads !== undefined) {
    if (ads < 0 || ads > MAX_INT32) return [...errs, field.invalid('spec.activeDeadlineSeconds', ads, `must be between 0 and ${MAX_INT32}, inclusive`)];
    if (oldAds !== undefined && oldAds < ads) return [...errs, field.invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value')];
  } else if (oldAds !== undefined) {
    errs.push(field.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(arr(spec, 'tolerations'), arr(oldSpec, 'tolerations'), 'spec.tolerations'));
  const oldGates = arr(oldSpec, 'schedulingGates').map((g) => str(g, 'name'));
  arr(spec, 'schedulingGates').forEach((g, i) => {
    if (!oldGates.includes(str(g, 'name'))) errs.push(field.forbidden(`spec.schedulingGates[${i}]`, 'only deletion is allowed, but found new scheduling gate \'' + (str(g, 'name') ?? '') + '\''));
  });

  // Copy the mutable fields from old onto new; whatever still differs is forbidden.
  const munged: Obj = deepCopy(spec);
  for (const k of ['containers', 'initContainers']) {
    const list = arr(munged, k);
    const oldList = arr(oldSpec, k);
    list.forEach((c, i) => {
      if (isPlainObject(c)) c['image'] = str(oldList[i], 'image');
    });
  }
  munged['activeDeadlineSeconds'] = oldSpec['activeDeadlineSeconds'];
  munged['tolerations'] = oldSpec['tolerations'];
  munged['schedulingGates'] = oldSpec['schedulingGates'];
  const oldTgp = num(oldSpec, 'terminationGracePeriodSeconds');
  if (oldTgp !== undefined && oldTgp < 0 && num(spec, 'terminationGracePeriodSeconds') === 1) munged['terminationGracePeriodSeconds'] = oldTgp;
  if (!deepEqual(munged, oldSpec)) {
    const diff = describeDiff(oldSpec, munged).join('\n');
    errs.push(field.forbidden('spec', `${POD_UPDATE_FORBIDDEN}\n${diff}`));
  }
  return errs;
}

const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];
const CONDITION_STATUSES = ['True', 'False', 'Unknown'];

function validateStatusConditions(conds: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  conds.forEach((c, i) => {
    const t = str(c, 'type') ?? '';
    if (!t) errs.push(field.required(`${path}[${i}].type`, ''));
    else errs.push(...nameErrors(isQualifiedName, t, `${path}[${i}].type`));
    errs.push(...enumField(str(c, 'status'), CONDITION_STATUSES, `${path}[${i}].status`, true));
  });
  return errs;
}

function isTerminated(cs: unknown): boolean {
  return isPlainObject(obj(cs, 'state')['terminated']);
}

export function validatePodStatusUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const status = obj(pod, 'status');
  const oldStatus = obj(old, 'status');
  const errs = enumField(str(status, 'phase'), POD_PHASES, 'status.phase');
  const nominated = str(status, 'nominatedNodeName');
  if (nominated) errs.push(...nameErrors(isDNS1123Subdomain, nominated, 'status.nominatedNodeName'));
  errs.push(...validateStatusConditions(arr(status, 'conditions'), 'status.conditions'));
  const oldPhase = str(oldStatus, 'phase');
  const phase = str(status, 'phase');
  if ((oldPhase === 'Succeeded' || oldPhase === 'Failed') && phase !== oldPhase) {
    errs.push(field.forbidden('status.phase', `cannot transition from a terminal phase ${oldPhase} to ${phase ?? '""'}`));
  }
  const podIPs = arr(status, 'podIPs').map((p) => str(p, 'ip') ?? '');
  podIPs.forEach((ip, i) => errs.push(...isValidIP(ip).map((m) => field.invalid(`status.podIPs[${i}].ip`, ip, m))));
  const podIP = str(status, 'podIP');
  if (podIP && podIPs.length > 0 && podIPs[0] !== podIP) errs.push(field.invalid('status.podIPs[0].ip', podIPs[0], 'must be equal to podIP'));
  if (new Set(podIPs).size !== podIPs.length) errs.push(field.duplicate('status.podIPs', podIPs));
  const hostIP = str(status, 'hostIP');
  if (hostIP) errs.push(...isValidIP(hostIP).map((m) => field.invalid('status.hostIP', hostIP, m)));
  // With restartPolicy Never, a terminated container may not come back.
  if (str(obj(pod, 'spec'), 'restartPolicy') === 'Never') {
    const oldByName = new Map(arr(oldStatus, 'containerStatuses').map((c) => [str(c, 'name'), c]));
    arr(status, 'containerStatuses').forEach((c, i) => {
      const prev = oldByName.get(str(c, 'name'));
      if (prev && isTerminated(prev) && !isTerminated(c)) {
        errs.push(field.forbidden(`status.containerStatuses[${i}].state`, 'may not be transitioned to non-terminated state'));
      }
    });
  }
  for (const k of ['containerStatuses', 'initContainerStatuses']) {
    arr(status, k).forEach((c, i) => {
      if (!str(c, 'name')) errs.push(field.required(`status.${k}[${i}].name`, ''));
      errs.push(...inRange(num(c, 'restartCount'), 0, MAX_INT32, `status.${k}[${i}].restartCount`));
    });
  }
  return errs;
}
