// Spread constraints as PodTopologySpread evaluates them: the pod's own (or the cluster
// defaults when it has none), with selectors compiled and node inclusion policies resolved.

import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import { labelSelectorAsSelector, matches, nothing } from '../../../api/selectors/labels.ts';
import type { Selector } from '../../../api/selectors/labels.ts';
import type { NodeInfo, PodInfo } from '../../framework/types.ts';
import type { RequiredNodeAffinity } from '../helper/nodeselector.ts';
import { findUntoleratedTaint } from '../helper/taints.ts';

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorTaints: boolean;
}

export interface DefaultConstraint { maxSkew: number; topologyKey: string; whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway' }

export const systemDefaultConstraints: DefaultConstraint[] = [
  { topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

export const HostnameLabel = 'kubernetes.io/hostname';

function compile(pod: Pod, c: TopologySpreadConstraint): Constraint {
  let selector: Selector;
  try { selector = labelSelectorAsSelector(c.labelSelector); } catch { selector = nothing(); }
  const labels = pod.metadata?.labels ?? {};
  const keys = (c.matchLabelKeys ?? []).filter((k) => k in labels);
  if (keys.length && !selector.nothing) {
    selector = { ...selector, requirements: [...selector.requirements, ...keys.map((k) => ({ key: k, operator: 'in' as const, values: [labels[k] ?? ''] }))] };
  }
  return {
    maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector, minDomains: c.minDomains ?? 1,
    honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor', honorTaints: c.nodeTaintsPolicy === 'Honor',
  };
}

/** The pod's constraints with the given whenUnsatisfiable, or the defaults for a pod without any. */
export function constraintsFor(
  pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway', defaults: readonly DefaultConstraint[], defaultSelector: () => Selector | undefined,
): Constraint[] {
  const own = pod.spec?.topologySpreadConstraints ?? [];
  if (own.length) return own.filter((c) => c.whenUnsatisfiable === action).map((c) => compile(pod, c));
  const ds = defaults.filter((d) => d.whenUnsatisfiable === action);
  if (!ds.length) return [];
  const sel = defaultSelector();
  if (!sel || sel.requirements.length === 0) return [];
  return ds.map((d) => ({ maxSkew: d.maxSkew, topologyKey: d.topologyKey, selector: sel, minDomains: 1, honorNodeAffinity: true, honorTaints: false }));
}

/** Whether a node counts for a constraint under its node inclusion policies. */
export function nodeIncluded(c: Constraint, pi: PodInfo, ni: NodeInfo, affinity: RequiredNodeAffinity): boolean {
  if (c.honorNodeAffinity && !affinity.match(ni.labels, ni.name)) return false;
  if (c.honorTaints && findUntoleratedTaint(ni.taints, pi.pod.spec?.tolerations, (e) => e === 'NoSchedule' || e === 'NoExecute')) return false;
  return true;
}

/** Pods on the node in the namespace matching the selector, not being deleted. */
export function countMatching(ni: NodeInfo, sel: Selector, ns: string): number {
  let n = 0;
  for (const p of ni.pods) {
    const m = p.pod.metadata;
    if (m?.namespace !== ns || m.deletionTimestamp) continue;
    if (matches(sel, m.labels)) n++;
  }
  return n;
}
