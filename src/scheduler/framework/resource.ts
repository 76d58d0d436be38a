// Resource arithmetic as upstream's framework.Resource: cpu in millicores, memory and
// ephemeral storage in bytes, and scalar (extended, hugepages) resources by name, as plain
// numbers so per-node comparisons do not allocate.

import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { milliValue, parseQuantity, value } from '../../api/quantity.ts';

export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** Extended and hugepages resources; usually empty. */
  scalar: Map<string, number>;
}

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: new Map() };
}

export function cloneResource(r: Resource): Resource {
  return { ...r, scalar: new Map(r.scalar) };
}

/** Upstream's defaults for containers without requests, used for scoring only. */
export const DefaultMilliCPURequest = 100;
export const DefaultMemoryRequest = 200 * 1024 * 1024;

const qtyCache = new Map<string, number>();
/** Parses a quantity to a number (milli for cpu); cached because the same strings repeat. */
export function quantityNumber(q: string | number | undefined, milli: boolean): number {
  if (q === undefined) return 0;
  const key = milli ? `m${q}` : String(q);
  let v = qtyCache.get(key);
  if (v === undefined) {
    const parsed = parseQuantity(q);
    v = Number(milli ? milliValue(parsed) : value(parsed));
    if (qtyCache.size > 10_000) qtyCache.clear();
    qtyCache.set(key, v);
  }
  return v;
}

/** Whether a resource name is a scalar one the scheduler counts (extended or hugepages). */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-')) return true;
  if (name.startsWith('requests.')) return false;
  // Extended resources are domain-prefixed outside kubernetes.io.
  const slash = name.indexOf('/');
  if (slash < 0) return false;
  const domain = name.slice(0, slash);
  return domain !== 'kubernetes.io' && !domain.endsWith('.kubernetes.io');
}

/** Adds a ResourceList (requests or capacity) into r. */
export function addResourceList(r: Resource, list: Record<string, string | number> | undefined): void {
  if (!list) return;
  for (const name in list) {
    const q = list[name];
    switch (name) {
      case 'cpu': r.milliCPU += quantityNumber(q, true); break;
      case 'memory': r.memory += quantityNumber(q, false); break;
      case 'ephemeral-storage': r.ephemeralStorage += quantityNumber(q, false); break;
      case 'pods': r.allowedPodNumber += quantityNumber(q, false); break;
      default:
        if (isScalarResourceName(name)) r.scalar.set(name, (r.scalar.get(name) ?? 0) + quantityNumber(q, false));
    }
  }
}

function setMax(r: Resource, o: Resource): void {
  r.milliCPU = Math.max(r.milliCPU, o.milliCPU);
  r.memory = Math.max(r.memory, o.memory);
  r.ephemeralStorage = Math.max(r.ephemeralStorage, o.ephemeralStorage);
  for (const [k, v] of o.scalar) r.scalar.set(k, Math.max(r.scalar.get(k) ?? 0, v));
}

export function addResource(r: Resource, o: Resource, sign = 1): void {
  r.milliCPU += sign * o.milliCPU;
  r.memory += sign * o.memory;
  r.ephemeralStorage += sign * o.ephemeralStorage;
  r.allowedPodNumber += sign * o.allowedPodNumber;
  for (const [k, v] of o.scalar) r.scalar.set(k, (r.scalar.get(k) ?? 0) + sign * v);
}

function containerRequests(c: Container): Resource {
  const r = emptyResource();
  // Limits stand in for missing requests, as API defaulting does.
  const req = { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) } as Record<string, string>;
  addResourceList(r, req);
  return r;
}

/**
 * A pod's effective request as upstream's resource.PodRequests: the sum of its containers
 * (plus restartable init containers, i.e. sidecars), or the largest init container plus the
 * sidecars started before it, whichever is larger; plus the pod overhead.
 */
export function podRequests(pod: Pod): Resource {
  const sum = emptyResource();
  for (const c of pod.spec?.containers ?? []) addResource(sum, containerRequests(c));
  const sidecars = emptyResource();
  const initMax = emptyResource();
  for (const c of pod.spec?.initContainers ?? []) {
    const r = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      addResource(sum, r);
      addResource(sidecars, r);
      setMax(initMax, sidecars);
    } else {
      addResource(r, sidecars);
      setMax(initMax, r);
    }
  }
  setMax(sum, initMax);
  addResourceList(sum, pod.spec?.overhead as Record<string, string> | undefined);
  sum.allowedPodNumber = 0;
  return sum;
}

/** cpu and memory requests with upstream's non-zero defaults per container, for scoring. */
export function podNonZeroRequests(pod: Pod): { milliCPU: number; memory: number } {
  let cpu = 0;
  let mem = 0;
  const one = (c: Container): { cpu: number; mem: number } => {
    const req = c.resources?.requests as Record<string, string> | undefined;
    const lim = c.resources?.limits as Record<string, string> | undefined;
    const cq = req?.cpu ?? lim?.cpu;
    const mq = req?.memory ?? lim?.memory;
    return { cpu: cq === undefined ? DefaultMilliCPURequest : quantityNumber(cq, true), mem: mq === undefined ? DefaultMemoryRequest : quantityNumber(mq, false) };
  };
  for (const c of pod.spec?.containers ?? []) { const r = one(c); cpu += r.cpu; mem += r.mem; }
  let sideCpu = 0;
  let sideMem = 0;
  for (const c of pod.spec?.initContainers ?? []) {
    const r = one(c);
    if (c.restartPolicy === 'Always') {
      cpu += r.cpu; mem += r.mem; sideCpu += r.cpu; sideMem += r.mem;
    } else {
      cpu = Math.max(cpu, r.cpu + sideCpu);
      mem = Math.max(mem, r.mem + sideMem);
    }
  }
  const oh = pod.spec?.overhead as Record<string, string> | undefined;
  if (oh) { cpu += quantityNumber(oh.cpu, true); mem += quantityNumber(oh.memory, false); }
  return { milliCPU: cpu, memory: mem };
}
