// Scoring strategies of NodeResourcesFit (upstream noderesources: least_allocated.go,
// most_allocated.go, requested_to_capacity_ratio.go) over [requested, allocatable] pairs.

import { MaxNodeScore } from '../../framework/interface.ts';

export interface ResourceSpec { name: string; weight: number }
export interface UtilizationShapePoint { utilization: number; score: number }

export type Scorer = (requested: Float64Array, allocatable: Float64Array, weights: Float64Array) => number;

function leastRequested(req: number, cap: number): number {
  if (cap === 0 || req > cap) return 0;
  return Math.trunc(((cap - req) * MaxNodeScore) / cap);
}

function mostRequested(req: number, cap: number): number {
  if (cap === 0) return 0;
  if (req > cap) req = cap;
  return Math.trunc((req * MaxNodeScore) / cap);
}

function weightedTrunc(per: (req: number, cap: number) => number): Scorer {
  return (requested, allocatable, weights) => {
    let score = 0;
    let wsum = 0;
    for (let i = 0; i < requested.length; i++) {
      const cap = allocatable[i] as number;
      if (cap === 0) continue;
      const w = weights[i] as number;
      score += per(requested[i] as number, cap) * w;
      wsum += w;
    }
    return wsum === 0 ? 0 : Math.trunc(score / wsum);
  };
}

export const leastAllocatedScorer: Scorer = weightedTrunc(leastRequested);
export const mostAllocatedScorer: Scorer = weightedTrunc(mostRequested);

/** Upstream's MaxCustomPriorityScore: shape scores are 0..10, scaled to 0..100. */
const MaxCustomPriorityScore = 10;
const MaxUtilization = 100;

/** A piecewise-linear function through the shape points (sorted by utilization). */
export function brokenLinear(shape: readonly UtilizationShapePoint[]): (p: number) => number {
  const pts = shape.map((s) => ({ u: s.utilization, s: (s.score * MaxNodeScore) / MaxCustomPriorityScore }));
  return (p) => {
    for (let i = 0; i < pts.length; i++) {
      const cur = pts[i] as { u: number; s: number };
      if (p <= cur.u) {
        if (i === 0) return cur.s;
        const prev = pts[i - 1] as { u: number; s: number };
        return prev.s + Math.trunc(((cur.s - prev.s) * (p - prev.u)) / (cur.u - prev.u));
      }
    }
    return (pts[pts.length - 1] ?? { s: 0 }).s;
  };
}

export function requestedToCapacityRatioScorer(shape: readonly UtilizationShapePoint[]): Scorer {
  const f = brokenLinear(shape);
  return (requested, allocatable, weights) => {
    let score = 0;
    let wsum = 0;
    for (let i = 0; i < requested.length; i++) {
      const cap = allocatable[i] as number;
      if (cap === 0) continue;
      const w = weights[i] as number;
      const util = Math.trunc((MaxUtilization * Math.min(requested[i] as number, cap)) / cap);
      score += f(util) * w;
      wsum += w;
    }
    return wsum === 0 ? 0 : Math.round(score / wsum);
  };
}
