// PodSpec validation (pkg/apis/core/validation ValidatePodSpec) and pod templates.

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import { isPlainObject } from '../types.ts';
import {
  arr, enumField, has, inRange, MAX_INT32, nameErrors, nonNegative, num, obj, str, strMap, validateLabelSelector,
} from './common.ts';
import type { Obj } from './common.ts';
import { validateContainer, validateSecurityContext } from './container.ts';
import { validateAnnotations, validateLabels } from './meta.ts';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidIP, isValidLabelValue } from './names.ts';
import { validateVolumes } from './volumes.ts';

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTolerations(tolerations: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const ip = `${path}[${i}]`;
    const key = str(t, 'key') ?? '';
    const op = str(t, 'operator') ?? '';
    const value = str(t, 'value') ?? '';
    const effect = str(t, 'effect') ?? '';
    if (key) errs.push(...nameErrors(isQualifiedName, key, `${ip}.key`));
    if (!key && op !== 'Exists') {
      errs.push(field.invalid(`${ip}.operator`, op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (has(t, 'tolerationSeconds') && effect !== 'NoExecute') {
      errs.push(field.invalid(`${ip}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(field.invalid(`${ip}.operator`, value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value) errs.push(field.invalid(`${ip}.operator`, t, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(field.notSupported(`${ip}.operator`, op, ['Equal', 'Exists']));
    }
    if (effect) errs.push(...enumField(effect, TAINT_EFFECTS, `${ip}.effect`));
  });
  return errs;
}

function validateNodeSelectorTerm(term: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const list of ['matchExpressions', 'matchFields']) {
    arr(term, list).forEach((r, i) => {
      const ip = `${path}.${list}[${i}]`;
      const op = str(r, 'operator') ?? '';
      const values = arr(r, 'values');
      if (op === 'In' || op === 'NotIn') {
        if (values.length === 0) errs.push(field.required(`${ip}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      } else if (op === 'Exists' || op === 'DoesNotExist') {
        if (values.length > 0) errs.push(field.forbidden(`${ip}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      } else if (op === 'Gt' || op === 'Lt') {
        if (values.length !== 1) errs.push(field.required(`${ip}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      } else {
        errs.push(field.invalid(`${ip}.operator`, op, 'not a valid selector operator'));
      }
      if (list === 'matchExpressions') errs.push(...nameErrors(isQualifiedName, str(r, 'key') ?? '', `${ip}.key`));
    });
  }
  return errs;
}

function validatePodAffinityTerm(term: unknown, path: string): FieldError[] {
  const errs = validateLabelSelector(obj(term, 'labelSelector'), `${path}.labelSelector`);
  const tk = str(term, 'topologyKey') ?? '';
  if (!tk) errs.push(field.required(`${path}.topologyKey`, 'can not be empty'));
  else errs.push(...nameErrors(isQualifiedName, tk, `${path}.topologyKey`));
  arr(term, 'namespaces').forEach((n, i) => errs.push(...nameErrors(isDNS1123Label, String(n), `${path}.namespaces[${i}]`)));
  return errs;
}

function validateWeight(w: unknown, path: string): FieldError[] {
  return typeof w === 'number' && w >= 1 && w <= 100 ? [] : [field.invalid(path, w, 'must be in the range 1-100')];
}

export function validateAffinity(aff: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const na = obj(aff, 'nodeAffinity');
  if (has(na, 'requiredDuringSchedulingIgnoredDuringExecution')) {
    const rp = `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`;
    const terms = arr(obj(na, 'requiredDuringSchedulingIgnoredDuringExecution'), 'nodeSelectorTerms');
    if (terms.length === 0) errs.push(field.required(`${rp}.nodeSelectorTerms`, 'must have at least one node selector term'));
    terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, `${rp}.nodeSelectorTerms[${i}]`)));
  }
  arr(na, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((p, i) => {
    const ip = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    errs.push(...validateWeight(isPlainObject(p) ? p['weight'] : undefined, `${ip}.weight`));
    errs.push(...validateNodeSelectorTerm(obj(p, 'preference'), `${ip}.preference`));
  });
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = obj(aff, kind);
    arr(pa, 'requiredDuringSchedulingIgnoredDuringExecution').forEach((t, i) => {
      errs.push(...validatePodAffinityTerm(t, `${path}.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`));
    });
    arr(pa, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((t, i) => {
      const ip = `${path}.${kind}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      errs.push(...validateWeight(isPlainObject(t) ? t['weight'] : undefined, `${ip}.weight`));
      errs.push(...validatePodAffinityTerm(obj(t, 'podAffinityTerm'), `${ip}.podAffinityTerm`));
    });
  }
  return errs;
}

function validatePodSecurityContext(sc: Obj, path: string): FieldError[] {
  const errs = validateSecurityContext(sc, path);
  errs.push(...inRange(num(sc, 'fsGroup'), 0, MAX_INT32, `${path}.fsGroup`));
  arr(sc, 'supplementalGroups').forEach((g, i) => {
    errs.push(...inRange(typeof g === 'number' ? g : -1, 0, MAX_INT32, `${path}.supplementalGroups[${i}]`));
  });
  arr(sc, 'sysctls').forEach((s, i) => {
    if (!str(s, 'name')) errs.push(field.required(`${path}.sysctls[${i}].name`, ''));
  });
  return errs;
}

function validateDNS(spec: Obj, path: string): FieldError[] {
  const policy = str(spec, 'dnsPolicy');
  const errs = enumField(policy, DNS_POLICIES, `${path}.dnsPolicy`);
  if (policy === 'None' && !has(spec, 'dnsConfig')) {
    errs.push(field.required(`${path}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None'));
  }
  const cfg = obj(spec, 'dnsConfig');
  const ns = arr(cfg, 'nameservers');
  if (policy === 'None' && has(spec, 'dnsConfig') && ns.length === 0) {
    errs.push(field.required(`${path}.dnsConfig.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
  }
  if (ns.length > 3) errs.push({ type: 'FieldValueTooMany', field: `${path}.dnsConfig.nameservers`, value: ns, detail: 'must have at most 3 items' });
  ns.forEach((n, i) => errs.push(...isValidIP(String(n)).map((m) => field.invalid(`${path}.dnsConfig.nameservers[${i}]`, n, m))));
  return errs;
}

/** Validates a PodSpec; path is e.g. 'spec' or 'spec.template.spec'. */
export function validatePodSpec(spec: Obj, path: string): FieldError[] {
  const { errs, names: volumes } = validateVolumes(arr(spec, 'volumes'), `${path}.volumes`);
  const containers = arr(spec, 'containers');
  const names = new Set<string>();
  if (containers.length === 0) errs.push(field.required(`${path}.containers`, ''));
  arr(spec, 'initContainers').forEach((c, i) => {
    errs.push(...validateContainer(isPlainObject(c) ? c : {}, `${path}.initContainers[${i}]`, { volumes, names, init: true }));
  });
  containers.forEach((c, i) => {
    errs.push(...validateContainer(isPlainObject(c) ? c : {}, `${path}.containers[${i}]`, { volumes, names, init: false }));
  });
  errs.push(...enumField(str(spec, 'restartPolicy'), RESTART_POLICIES, `${path}.restartPolicy`));
  errs.push(...validateDNS(spec, path));
  errs.push(...nonNegative(num(spec, 'terminationGracePeriodSeconds'), `${path}.terminationGracePeriodSeconds`));
  errs.push(...inRange(num(spec, 'activeDeadlineSeconds'), 1, MAX_INT32, `${path}.activeDeadlineSeconds`));
  errs.push(...validateLabels(strMap(spec, 'nodeSelector'), `${path}.nodeSelector`));
  for (const k of ['serviceAccountName', 'nodeName', 'priorityClassName', 'schedulerName', 'runtimeClassName']) {
    const v = str(spec, k);
    if (v) errs.push(...nameErrors(isDNS1123Subdomain, v, `${path}.${k}`));
  }
  for (const k of ['hostname', 'subdomain']) {
    const v = str(spec, k);
    if (v) errs.push(...nameErrors(isDNS1123Label, v, `${path}.${k}`));
  }
  errs.push(...validateTolerations(arr(spec, 'tolerations'), `${path}.tolerations`));
  if (has(spec, 'affinity')) errs.push(...validateAffinity(obj(spec, 'affinity'), `${path}.affinity`));
  if (has(spec, 'securityContext')) errs.push(...validatePodSecurityContext(obj(spec, 'securityContext'), `${path}.securityContext`));
  arr(spec, 'imagePullSecrets').forEach((s, i) => {
    if (!str(s, 'name')) errs.push(field.required(`${path}.imagePullSecrets[${i}].name`, ''));
  });
  arr(spec, 'hostAliases').forEach((h, i) => {
    errs.push(...isValidIP(str(h, 'ip') ?? '').map((m) => field.invalid(`${path}.hostAliases[${i}].ip`, str(h, 'ip') ?? '', m)));
  });
  arr(spec, 'schedulingGates').forEach((g, i) => errs.push(...nameErrors(isQualifiedName, str(g, 'name') ?? '', `${path}.schedulingGates[${i}].name`)));
  return errs;
}

export interface PodTemplateOptions {
  /** Allowed template restartPolicy values (e.g. ['Always'] for Deployments). */
  restartPolicies?: string[];
}

/** A PodTemplateSpec at `path` (e.g. 'spec.template'): its metadata labels/annotations and spec. */
export function validatePodTemplateSpec(tmpl: unknown, path: string, opts: PodTemplateOptions = {}): FieldError[] {
  if (!isPlainObject(tmpl)) return [field.required(path, '')];
  const meta = obj(tmpl, 'metadata');
  const errs = validateLabels(strMap(meta, 'labels'), `${path}.metadata.labels`);
  errs.push(...validateAnnotations(strMap(meta, 'annotations'), `${path}.metadata.annotations`));
  const spec = obj(tmpl, 'spec');
  errs.push(...validatePodSpec(spec, `${path}.spec`));
  const rp = str(spec, 'restartPolicy');
  if (opts.restartPolicies && rp && RESTART_POLICIES.includes(rp) && !opts.restartPolicies.includes(rp)) {
    errs.push(field.notSupported(`${path}.spec.restartPolicy`, rp, opts.restartPolicies));
  }
  if (has(spec, 'activeDeadlineSeconds') && opts.restartPolicies?.includes('Always')) {
    errs.push(field.forbidden(`${path}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}
