// Taints and tolerations as the node lifecycle controller uses them (upstream
// pkg/apis/core/v1/helper and pkg/controller/tainteviction): which taint a node's Ready
// condition calls for, whether a pod tolerates a taint, and how long it may stay.

import type { Node, NodeCondition, Pod, Taint, Toleration } from 'kubernetes-types/core/v1.js';

export const TaintNodeNotReady = 'node.kubernetes.io/not-ready';
export const TaintNodeUnreachable = 'node.kubernetes.io/unreachable';

export function readyCondition(n: Node): NodeCondition | undefined {
  return n.status?.conditions?.find((c) => c.type === 'Ready');
}

/** The NoExecute/NoSchedule taint key the node's Ready condition calls for (none when Ready). */
export function taintKeyFor(n: Node): string | undefined {
  const s = readyCondition(n)?.status;
  if (s === 'False') return TaintNodeNotReady;
  if (s === 'Unknown' || s === undefined) return TaintNodeUnreachable;
  return undefined;
}

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if ((t.operator ?? 'Equal') === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

/**
 * How long the pod may stay on a node with these NoExecute taints, in ms: 0 = evict now,
 * Infinity = never (upstream getMinTolerationTime over the tolerations that match).
 */
export function tolerationTimeMs(p: Pod, taints: Taint[]): number {
  const tols = p.spec?.tolerations ?? [];
  let min = Infinity;
  for (const taint of taints) {
    const matching = tols.filter((t) => tolerates(t, taint));
    if (matching.length === 0) return 0;
    for (const t of matching) {
      if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
      min = Math.min(min, Math.max(0, t.tolerationSeconds) * 1000);
    }
  }
  return min;
}

export function noExecuteTaints(n: Node | undefined): Taint[] {
  return (n?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/** Upstream GetZoneKey: region and zone labels joined. */
export function zoneOf(n: Node): string {
  const l = n.metadata?.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? '';
  return region || zone ? `${region}:\x00:${zone}` : '';
}

/** Returns the taints with `key` set for `effect` (and the other lifecycle key of that effect removed). */
export function withLifecycleTaint(taints: Taint[], key: string | undefined, effect: 'NoExecute' | 'NoSchedule', nowIso: string): Taint[] {
  const others = taints.filter((t) => !(t.effect === effect && (t.key === TaintNodeNotReady || t.key === TaintNodeUnreachable) && t.key !== key));
  if (key && !others.some((t) => t.key === key && t.effect === effect)) {
    others.push({ key, effect, ...(effect === 'NoExecute' ? { timeAdded: nowIso } : {}) });
  }
  return others;
}
