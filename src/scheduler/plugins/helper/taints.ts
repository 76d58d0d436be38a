// Toleration matching (upstream v1helper.TolerationsTolerateTaint).

import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';

export function toleratesTaint(t: Toleration, taint: Pick<Taint, 'key' | 'effect' | 'value'>): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  // An empty key with Exists tolerates everything.
  switch (t.operator ?? 'Equal') {
    case 'Exists': return true;
    case 'Equal': return (t.value ?? '') === (taint.value ?? '');
    default: return false;
  }
}

export function tolerationsTolerateTaint(ts: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (!ts) return false;
  for (const t of ts) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first taint with one of the effects that no toleration tolerates. */
export function findUntoleratedTaint(taints: readonly Taint[], ts: readonly Toleration[] | undefined, effects: (e: string) => boolean): Taint | undefined {
  for (const taint of taints) {
    if (!effects(taint.effect)) continue;
    if (!tolerationsTolerateTaint(ts, taint)) return taint;
  }
  return undefined;
}
