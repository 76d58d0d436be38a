// Resource lists (name → quantity) as pods, claims, limit ranges and quotas carry them.

import { addQuantities, canonicalize, compareQuantity, parseQuantity } from '../api/quantity.ts';
import type { Quantity } from '../api/quantity.ts';
import { isObj, objs } from '../api/kinds/access.ts';
import type { Obj } from '../api/kinds/access.ts';

export type ResourceList = Map<string, Quantity>;

/** Parses a JSON resource list, skipping values that are not quantities (validation reports those). */
export function resourceList(v: unknown): ResourceList {
  const out: ResourceList = new Map();
  if (!isObj(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string' && typeof x !== 'number') continue;
    try { out.set(k, parseQuantity(x)); } catch { /* invalid: left to validation */ }
  }
  return out;
}

export function toJSON(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...list.keys()].sort()) out[k] = canonicalize(list.get(k) as Quantity);
  return out;
}

export function q(v: Quantity): string { return canonicalize(v); }

export function addInto(into: ResourceList, add: ResourceList): void {
  for (const [k, v] of add) {
    const cur = into.get(k);
    into.set(k, cur ? addQuantities(cur, v) : v);
  }
}

/** Keeps the larger value per resource (init containers run one at a time). */
export function maxInto(into: ResourceList, other: ResourceList): void {
  for (const [k, v] of other) {
    const cur = into.get(k);
    if (!cur || compareQuantity(v, cur) > 0) into.set(k, v);
  }
}

export interface ContainerRef { container: Obj; init: boolean }

export function podContainers(spec: Obj): ContainerRef[] {
  return [
    ...objs(spec.initContainers).map((container) => ({ container, init: true })),
    ...objs(spec.containers).map((container) => ({ container, init: false })),
  ];
}

export function containerResources(c: Obj, which: 'requests' | 'limits'): ResourceList {
  const res = c.resources;
  return resourceList(isObj(res) ? res[which] : undefined);
}

/** Sum over containers, raised to any single init container's value (upstream's pod requests/limits). */
export function podResources(spec: Obj, which: 'requests' | 'limits', withOverhead = false): ResourceList {
  const sum: ResourceList = new Map();
  for (const c of objs(spec.containers)) addInto(sum, containerResources(c, which));
  for (const c of objs(spec.initContainers)) maxInto(sum, containerResources(c, which));
  if (withOverhead) addInto(sum, resourceList(spec.overhead));
  return sum;
}
