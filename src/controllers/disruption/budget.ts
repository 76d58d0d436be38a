// PodDisruptionBudget arithmetic shared by the disruption controller and the eviction handler
// (upstream pkg/controller/disruption and pkg/registry/core/pod/storage/eviction.go).

import type { Pod } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1.js';
import type { Condition } from 'kubernetes-types/meta/v1.js';
import { labelSelectorAsSelector, matches } from '../../api/selectors/labels.ts';

export const pdbDescriptor = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespaced: true, kind: 'PodDisruptionBudget' };
/** Upstream DeletionTimeout: a disrupted pod not deleted within 2 minutes counts again. */
export const DeletionTimeoutMs = 2 * 60 * 1000;
/** Upstream MaxDisruptedPodSize. */
export const MaxDisruptedPodSize = 2000;

/** Does the budget select the pod? (An empty selector selects nothing in policy/v1 only when nil.) */
export function pdbSelects(pdb: PodDisruptionBudget, p: Pod): boolean {
  if (pdb.metadata?.namespace !== p.metadata?.namespace || !pdb.spec?.selector) return false;
  return matches(labelSelectorAsSelector(pdb.spec.selector), p.metadata?.labels);
}

/** An int-or-percent scaled against total (percentages round up, as upstream GetScaledValueFromIntOrPercent with roundUp). */
export function scaled(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (m) return Math.ceil((Number(m[1]) * total) / 100);
  const n = Number(v);
  if (Number.isInteger(n)) return n;
  throw new Error(`invalid int or percent value "${v}"`);
}

export function disruptionCondition(allowed: number, now: string, prev: Condition[] | undefined, generation: number | undefined): Condition {
  const status = allowed > 0 ? 'True' : 'False';
  const reason = allowed > 0 ? 'SufficientPods' : 'InsufficientPods';
  const old = prev?.find((c) => c.type === 'DisruptionAllowed');
  return {
    type: 'DisruptionAllowed', status, reason, message: '',
    observedGeneration: generation,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
  };
}

export function statusWithAllowed(st: PodDisruptionBudgetStatus | undefined, allowed: number, now: string, generation: number | undefined): PodDisruptionBudgetStatus {
  const s = { ...(st ?? { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0 }) };
  s.disruptionsAllowed = allowed;
  const cond = disruptionCondition(allowed, now, s.conditions, generation);
  s.conditions = [...(s.conditions ?? []).filter((c) => c.type !== 'DisruptionAllowed'), cond];
  return s;
}
