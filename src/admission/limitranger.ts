// LimitRanger: default requests and limits of containers from the namespace's LimitRanges, and
// min / max / maxLimitRequestRatio per Container, Pod and PersistentVolumeClaim
// (plugin/pkg/admission/limitranger).

import { compareQuantity, milliValue } from '../api/quantity.ts';
import type { Quantity } from '../api/quantity.ts';
import { child, isObj, obj, objs } from '../api/kinds/access.ts';
import type { Obj } from '../api/kinds/access.ts';
import type { KubeObject } from '../api/types.ts';
import { aggregateMessage } from './aggregate.ts';
import type { AdmissionAttributes, AdmissionPlugin } from './interface.ts';
import { admissionForbidden, isPod } from './reader.ts';
import type { ObjectReader } from './reader.ts';
import { containerResources, podResources, q, resourceList } from './resources.ts';
import type { ResourceList } from './resources.ts';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

export class LimitRanger implements AdmissionPlugin {
  readonly name = 'LimitRanger';
  private readonly reader: ObjectReader;
  constructor(reader: ObjectReader) { this.reader = reader; }

  private handles(a: AdmissionAttributes): 'pod' | 'pvc' | undefined {
    if (a.subresource || !a.object) return undefined;
    if (isPod(a) && a.operation === 'CREATE') return 'pod';
    if (a.type.group === '' && a.type.resource === 'persistentvolumeclaims' && (a.operation === 'CREATE' || a.operation === 'UPDATE')) return 'pvc';
    return undefined;
  }

  private limitRanges(namespace: string): KubeObject[] {
    return this.reader.list('', 'limitranges', namespace).sort((x, y) => (x.metadata.name ?? '').localeCompare(y.metadata.name ?? ''));
  }

  admit(a: AdmissionAttributes): void {
    if (this.handles(a) !== 'pod' || !a.object) return;
    for (const lr of this.limitRanges(a.namespace)) applyDefaults(a.object, lr);
  }

  validate(a: AdmissionAttributes): void {
    const kind = this.handles(a);
    if (!kind || !a.object) return;
    const errs: string[] = [];
    for (const lr of this.limitRanges(a.namespace)) {
      errs.push(...(kind === 'pod' ? validatePod(a.object, lr) : validateClaim(a.object, lr)));
    }
    if (errs.length > 0) throw admissionForbidden(a, aggregateMessage(errs));
  }
}

function items(lr: KubeObject): Obj[] { return objs(obj(lr.spec).limits); }

/** The default requests and limits for containers a LimitRange declares. */
function containerDefaults(lr: KubeObject): { requests: Obj; limits: Obj } {
  const requests: Obj = {};
  const limits: Obj = {};
  for (const item of items(lr)) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, obj(item.defaultRequest));
    Object.assign(limits, obj(item.default));
  }
  return { requests, limits };
}

function applyDefaults(pod: KubeObject, lr: KubeObject): void {
  const d = containerDefaults(lr);
  if (Object.keys(d.requests).length === 0 && Object.keys(d.limits).length === 0) return;
  const spec = obj(pod.spec);
  const notes: string[] = [];
  const merge = (c: Obj, prefix: string): void => {
    const res = child(c, 'resources');
    const set = (which: 'requests' | 'limits', defaults: Obj): void => {
      const names: string[] = [];
      for (const [k, v] of Object.entries(defaults)) {
        const list = child(res, which);
        if (list[k] === undefined) { list[k] = v; names.push(k); }
      }
      if (names.length > 0) notes.push(`${names.sort().join(', ')} ${which === 'requests' ? 'request' : 'limit'} for ${prefix} ${String(c.name ?? '')}`);
    };
    set('requests', d.requests);
    set('limits', d.limits);
  };
  for (const c of objs(spec.containers)) merge(c, 'container');
  for (const c of objs(spec.initContainers)) merge(c, 'init container');
  if (notes.length > 0) {
    pod.metadata.annotations = { ...pod.metadata.annotations, [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

function sortedEntries(v: unknown): [string, Quantity][] {
  return [...resourceList(v)].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

function minConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  if (!req) return `minimum ${name} usage per ${type} is ${q(enforced)}.  No request is specified`;
  if (compareQuantity(req, enforced) < 0) return `minimum ${name} usage per ${type} is ${q(enforced)}, but request is ${q(req)}`;
  if (lim && compareQuantity(lim, enforced) < 0) return `minimum ${name} usage per ${type} is ${q(enforced)}, but limit is ${q(lim)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  if (!lim) return `maximum ${name} usage per ${type} is ${q(enforced)}.  No limit is specified`;
  if (compareQuantity(lim, enforced) > 0) return `maximum ${name} usage per ${type} is ${q(enforced)}, but limit is ${q(lim)}`;
  if (req && compareQuantity(req, enforced) > 0) return `maximum ${name} usage per ${type} is ${q(enforced)}, but request is ${q(req)}`;
  return undefined;
}

function maxRequestConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList): string | undefined {
  const req = requests.get(name);
  if (!req) return `maximum ${name} usage per ${type} is ${q(enforced)}.  No request is specified`;
  if (compareQuantity(req, enforced) > 0) return `maximum ${name} usage per ${type} is ${q(enforced)}, but request is ${q(req)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const reqMilli = req ? milliValue(req) : 0n;
  const limMilli = lim ? milliValue(lim) : 0n;
  if (reqMilli === 0n) return `${name} max limit to request ratio per ${type} is ${q(enforced)}, but no request is specified or request is 0`;
  if (limMilli === 0n) return `${name} max limit to request ratio per ${type} is ${q(enforced)}, but no limit is specified or limit is 0`;
  // limit / request > enforced, compared exactly in integers.
  if (limMilli * 1000n > milliValue(enforced) * reqMilli) {
    const ratio = Number(limMilli) / Number(reqMilli);
    return `${name} max limit to request ratio per ${type} is ${q(enforced)}, but provided ratio is ${ratio.toFixed(6)}`;
  }
  return undefined;
}

function checkItem(item: Obj, type: string, requests: ResourceList, limits: ResourceList): string[] {
  const errs: (string | undefined)[] = [];
  for (const [k, v] of sortedEntries(item.min)) errs.push(minConstraint(type, k, v, requests, limits));
  for (const [k, v] of sortedEntries(item.max)) errs.push(maxConstraint(type, k, v, requests, limits));
  for (const [k, v] of sortedEntries(item.maxLimitRequestRatio)) errs.push(ratioConstraint(type, k, v, requests, limits));
  return errs.filter((e): e is string => e !== undefined);
}

function validatePod(pod: KubeObject, lr: KubeObject): string[] {
  const spec = obj(pod.spec);
  const errs: string[] = [];
  for (const item of items(lr)) {
    if (item.type === 'Container') {
      for (const c of [...objs(spec.containers), ...objs(spec.initContainers)]) {
        errs.push(...checkItem(item, 'Container', containerResources(c, 'requests'), containerResources(c, 'limits')));
      }
    } else if (item.type === 'Pod') {
      errs.push(...checkItem(item, 'Pod', podResources(spec, 'requests'), podResources(spec, 'limits')));
    }
  }
  return errs;
}

function validateClaim(pvc: KubeObject, lr: KubeObject): string[] {
  const spec = obj(pvc.spec);
  const requests = resourceList(isObj(spec.resources) ? spec.resources.requests : undefined);
  const errs: (string | undefined)[] = [];
  for (const item of items(lr)) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [k, v] of sortedEntries(item.min)) errs.push(minConstraint('PersistentVolumeClaim', k, v, requests, new Map()));
    for (const [k, v] of sortedEntries(item.max)) errs.push(maxRequestConstraint('PersistentVolumeClaim', k, v, requests));
  }
  return errs.filter((e): e is string => e !== undefined);
}
