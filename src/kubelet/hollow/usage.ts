// Simulated resource usage of pods on hollow nodes, for the metrics pipeline (what a kubelet's
// summary API would report): from the hollow.coxswain.io/cpu-usage and memory-usage annotations,
// else each container's requests (limits when no request) × a factor. Only running pods use
// anything.

import type { Pod } from 'kubernetes-types/core/v1.js';
import { milliValue, parseQuantity, value } from '../../api/quantity.ts';
import { Annotations } from './config.ts';

export interface ContainerUsage {
  name: string;
  /** CPU in millicores. */
  cpuMillis: number;
  memoryBytes: number;
}

export interface PodUsage {
  cpuMillis: number;
  memoryBytes: number;
  containers: ContainerUsage[];
}

function quantity(v: string | number | undefined, milli: boolean): number | undefined {
  if (v === undefined) return undefined;
  try {
    const q = parseQuantity(v);
    return Number(milli ? milliValue(q) : value(q));
  } catch {
    return undefined;
  }
}

/** The pod's simulated usage (zero unless it is Running). */
export function usageFor(pod: Pod, factor = 0.5): PodUsage {
  const containers = pod.spec?.containers ?? [];
  if (pod.status?.phase !== 'Running' || containers.length === 0) {
    return { cpuMillis: 0, memoryBytes: 0, containers: containers.map((c) => ({ name: c.name, cpuMillis: 0, memoryBytes: 0 })) };
  }
  const a = pod.metadata?.annotations ?? {};
  const cpuTotal = quantity(a[Annotations.cpuUsage], true);
  const memTotal = quantity(a[Annotations.memoryUsage], false);
  const perContainer = containers.map((c) => {
    const r = c.resources ?? {};
    const cpu = quantity(r.requests?.['cpu'] ?? r.limits?.['cpu'], true) ?? 0;
    const mem = quantity(r.requests?.['memory'] ?? r.limits?.['memory'], false) ?? 0;
    return { name: c.name, cpuMillis: Math.round(cpu * factor), memoryBytes: Math.round(mem * factor) };
  });
  // An annotated pod total is split evenly over its containers.
  const n = containers.length;
  const out = perContainer.map((c) => ({
    name: c.name,
    cpuMillis: cpuTotal !== undefined ? Math.round(cpuTotal / n) : c.cpuMillis,
    memoryBytes: memTotal !== undefined ? Math.round(memTotal / n) : c.memoryBytes,
  }));
  return {
    cpuMillis: cpuTotal ?? out.reduce((s, c) => s + c.cpuMillis, 0),
    memoryBytes: memTotal ?? out.reduce((s, c) => s + c.memoryBytes, 0),
    containers: out,
  };
}
