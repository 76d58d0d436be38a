// core/v1 ResourceQuota and LimitRange.

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { canonicalize, compareQuantity, parseQuantity } from '../quantity.ts';
import type { Quantity } from '../quantity.ts';
import { arr, enumField, nameErrors, nonNegativeQuantity, obj, str } from './common.ts';
import type { Obj } from './common.ts';
import { isQualifiedName } from './names.ts';

const STANDARD_QUOTA = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'cpu', 'memory', 'ephemeral-storage', 'storage', 'requests.cpu',
  'requests.memory', 'requests.storage', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);
const INTEGER_QUOTA = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);
const QUOTA_SCOPES = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating'];

function validateQuotaList(list: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [name, v] of Object.entries(list)) {
    const p = `${path}[${name}]`;
    const nameErrs = nameErrors(isQualifiedName, name, p);
    errs.push(...nameErrs);
    const standard = STANDARD_QUOTA.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
    if (nameErrs.length === 0 && !name.includes('/') && !standard) errs.push(field.invalid(p, name, 'must be a standard resource type or fully qualified'));
    const q = nonNegativeQuantity(v, p, errs);
    if (q && (INTEGER_QUOTA.has(name) || name.startsWith('count/')) && q.exponent < 0) {
      errs.push(field.invalid(p, canonicalize(q), 'must be an integer'));
    }
  }
  return errs;
}

export function validateResourceQuota(rq: KubeObject): FieldError[] {
  const spec = obj(rq, 'spec');
  const errs = validateQuotaList(obj(spec, 'hard'), 'spec.hard');
  arr(spec, 'scopes').forEach((s, i) => errs.push(...enumField(String(s), QUOTA_SCOPES, `spec.scopes[${i}]`)));
  arr(obj(spec, 'scopeSelector'), 'matchExpressions').forEach((e, i) => {
    const p = `spec.scopeSelector.matchExpressions[${i}]`;
    errs.push(...enumField(str(e, 'scopeName'), QUOTA_SCOPES, `${p}.scopeName`, true));
    errs.push(...enumField(str(e, 'operator'), ['In', 'NotIn', 'Exists', 'DoesNotExist'], `${p}.operator`, true));
  });
  return errs;
}

export function validateResourceQuotaStatus(rq: KubeObject): FieldError[] {
  const status = obj(rq, 'status');
  return [...validateQuotaList(obj(status, 'hard'), 'status.hard'), ...validateQuotaList(obj(status, 'used'), 'status.used')];
}

const LIMIT_TYPES = ['Container', 'PersistentVolumeClaim', 'Pod'];

export function validateLimitRange(lr: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const seenTypes = new Set<string>();
  arr(obj(lr, 'spec'), 'limits').forEach((item, i) => {
    const ip = `spec.limits[${i}]`;
    const type = str(item, 'type') ?? '';
    errs.push(...enumField(type, LIMIT_TYPES, `${ip}.type`, true));
    if (seenTypes.has(type)) errs.push(field.duplicate(`${ip}.type`, type));
    seenTypes.add(type);
    const bags: Record<string, Map<string, Quantity>> = {};
    for (const bag of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
      const m = new Map<string, Quantity>();
      for (const [name, v] of Object.entries(obj(item, bag))) {
        const p = `${ip}.${bag}[${name}]`;
        errs.push(...nameErrors(isQualifiedName, name, p));
        const q = nonNegativeQuantity(v, p, errs);
        if (q) m.set(name, q);
      }
      bags[bag] = m;
      if (type === 'Pod' && (bag === 'default' || bag === 'defaultRequest') && m.size > 0) {
        errs.push(field.forbidden(`${ip}.${bag}`, "may not be specified when `type` is 'Pod'"));
      }
    }
    const get = (bag: string, k: string): Quantity | undefined => bags[bag]?.get(k);
    const s = canonicalize;
    const names = new Set(Object.values(bags).flatMap((m) => [...m.keys()]));
    for (const k of names) {
      const min = get('min', k);
      const max = get('max', k);
      const def = get('default', k);
      const req = get('defaultRequest', k);
      const ratio = get('maxLimitRequestRatio', k);
      if (min && max && compareQuantity(min, max) > 0) errs.push(field.invalid(`${ip}.min[${k}]`, s(min), `min value ${s(min)} is greater than max value ${s(max)}`));
      if (req && min && compareQuantity(min, req) > 0) errs.push(field.invalid(`${ip}.defaultRequest[${k}]`, s(req), `min value ${s(min)} is greater than default request value ${s(req)}`));
      if (req && max && compareQuantity(req, max) > 0) errs.push(field.invalid(`${ip}.defaultRequest[${k}]`, s(req), `default request value ${s(req)} is greater than max value ${s(max)}`));
      if (req && def && compareQuantity(req, def) > 0) errs.push(field.invalid(`${ip}.defaultRequest[${k}]`, s(req), `default request value ${s(req)} is greater than default limit value ${s(def)}`));
      if (def && min && compareQuantity(min, def) > 0) errs.push(field.invalid(`${ip}.default[${k}]`, s(min), `min value ${s(min)} is greater than default value ${s(def)}`));
      if (def && max && compareQuantity(def, max) > 0) errs.push(field.invalid(`${ip}.default[${k}]`, s(max), `default value ${s(def)} is greater than max value ${s(max)}`));
      if (ratio && compareQuantity(ratio, parseQuantity('1')) < 0) errs.push(field.invalid(`${ip}.maxLimitRequestRatio[${k}]`, s(ratio), `ratio ${s(ratio)} is less than 1`));
    }
    if (type === 'PersistentVolumeClaim' && !get('min', 'storage') && !get('max', 'storage')) {
      errs.push(field.required(`${ip}.limits`, 'either minimum or maximum storage value is required, but neither was provided'));
    }
  });
  return errs;
}
