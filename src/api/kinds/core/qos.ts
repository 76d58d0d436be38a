// A pod's QoS class (Guaranteed / Burstable / BestEffort), as upstream's qos.GetPodQOS.

import { addQuantities, compareQuantity, parseQuantity, quantitySign, type Quantity } from '../../quantity.ts';
import { obj, objs, type Obj } from '../access.ts';

const QOS_RESOURCES = new Set(['cpu', 'memory']);

function positive(v: unknown): Quantity | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  try {
    const q = parseQuantity(v);
    return quantitySign(q) > 0 ? q : undefined;
  } catch {
    return undefined; // invalid quantities are rejected by validation
  }
}

function addTo(sum: Map<string, Quantity>, name: string, q: Quantity): void {
  const prev = sum.get(name);
  sum.set(name, prev ? addQuantities(prev, q) : q);
}

export function podQOSClass(spec: Obj): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const c of [...objs(spec.containers), ...objs(spec.initContainers)]) {
    const res = obj(c.resources);
    for (const [name, v] of Object.entries(obj(res.requests))) {
      const q = QOS_RESOURCES.has(name) ? positive(v) : undefined;
      if (q) addTo(requests, name, q);
    }
    const found = new Set<string>();
    for (const [name, v] of Object.entries(obj(res.limits))) {
      const q = QOS_RESOURCES.has(name) ? positive(v) : undefined;
      if (!q) continue;
      found.add(name);
      addTo(limits, name, q);
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantity(lim, req) !== 0) { guaranteed = false; break; }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
