// Upstream's scaling behavior (horizontal.go: stabilizeRecommendationWithBehaviors,
// convertDesiredReplicasWithBehaviorRate): recommendations are stabilized over a window (300 s
// for scale-down by default), then the change is limited by the scale-up/scale-down policies
// (pods or percent per period, Max/Min/Disabled selection) and by min/maxReplicas.

import type { HPAScalingRules, HorizontalPodAutoscalerBehavior } from 'kubernetes-types/autoscaling/v2.js';

export interface TimestampedRecommendation { recommendation: number; timestamp: number }
export interface ScaleEvent { replicaChange: number; timestamp: number; outdated?: boolean }

/** The autoscaling/v2 defaults (GenerateHPAScaleUpRules / GenerateHPAScaleDownRules). */
export function scaleUpRules(r: HPAScalingRules | undefined): Required<Pick<HPAScalingRules, 'stabilizationWindowSeconds' | 'selectPolicy' | 'policies'>> {
  return {
    stabilizationWindowSeconds: r?.stabilizationWindowSeconds ?? 0,
    selectPolicy: r?.selectPolicy ?? 'Max',
    policies: r?.policies ?? [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

export function scaleDownRules(r: HPAScalingRules | undefined): Required<Pick<HPAScalingRules, 'stabilizationWindowSeconds' | 'selectPolicy' | 'policies'>> {
  return {
    stabilizationWindowSeconds: r?.stabilizationWindowSeconds ?? 300,
    selectPolicy: r?.selectPolicy ?? 'Max',
    policies: r?.policies ?? [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

export interface NormalizationArg {
  behavior?: HorizontalPodAutoscalerBehavior;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
}

export interface Limited { replicas: number; reason: string; message: string }

/**
 * Stabilizes the recommendation against the recent ones; `history` is this HPA's recommendation
 * list and is updated in place (the oldest expired entry is reused, as upstream).
 */
export function stabilizeRecommendation(arg: NormalizationArg, history: TimestampedRecommendation[], now: number): Limited {
  const up = scaleUpRules(arg.behavior?.scaleUp);
  const down = scaleDownRules(arg.behavior?.scaleDown);
  const upCutoff = now - up.stabilizationWindowSeconds * 1000;
  const downCutoff = now - down.stabilizationWindowSeconds * 1000;
  let upRec = arg.desiredReplicas;
  let downRec = arg.desiredReplicas;
  let oldIndex = -1;
  history.forEach((rec, i) => {
    if (rec.timestamp > upCutoff) upRec = Math.min(rec.recommendation, upRec);
    if (rec.timestamp > downCutoff) downRec = Math.max(rec.recommendation, downRec);
    if (rec.timestamp < upCutoff && rec.timestamp < downCutoff) oldIndex = i;
  });
  let recommendation = arg.currentReplicas;
  if (recommendation < upRec) recommendation = upRec;
  if (recommendation > downRec) recommendation = downRec;
  const entry = { recommendation: arg.desiredReplicas, timestamp: now };
  if (oldIndex >= 0) history[oldIndex] = entry; else history.push(entry);
  if (recommendation === arg.desiredReplicas) return { replicas: recommendation, reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
  return recommendation < arg.desiredReplicas
    ? { replicas: recommendation, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
    : { replicas: recommendation, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
}

function changeInPeriod(periodSeconds: number, events: readonly ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  let sum = 0;
  for (const e of events) if (e.timestamp > cutoff) sum += e.replicaChange;
  return sum;
}

export function scaleUpLimit(current: number, upEvents: readonly ScaleEvent[], downEvents: readonly ScaleEvent[], rules: HPAScalingRules | undefined, now: number): number {
  const r = scaleUpRules(rules);
  if (r.selectPolicy === 'Disabled') return current;
  const pickMin = r.selectPolicy === 'Min';
  let result = pickMin ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const p of r.policies) {
    const start = current - changeInPeriod(p.periodSeconds, upEvents, now) + changeInPeriod(p.periodSeconds, downEvents, now);
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

export function scaleDownLimit(current: number, upEvents: readonly ScaleEvent[], downEvents: readonly ScaleEvent[], rules: HPAScalingRules | undefined, now: number): number {
  const r = scaleDownRules(rules);
  if (r.selectPolicy === 'Disabled') return current;
  const pickMin = r.selectPolicy === 'Min';
  // "Min" selects the policy allowing the smallest change, i.e. the highest replica floor.
  let result = pickMin ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const p of r.policies) {
    const start = current - changeInPeriod(p.periodSeconds, upEvents, now) + changeInPeriod(p.periodSeconds, downEvents, now);
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = pickMin ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** Limits the (stabilized) desired count by the policies' rates and min/maxReplicas. */
export function limitByBehaviorRate(arg: NormalizationArg, upEvents: readonly ScaleEvent[], downEvents: readonly ScaleEvent[], now: number): Limited {
  if (arg.desiredReplicas > arg.currentReplicas) {
    const limit = Math.max(scaleUpLimit(arg.currentReplicas, upEvents, downEvents, arg.behavior?.scaleUp, now), arg.currentReplicas);
    const byRate = arg.maxReplicas > limit;
    const maximum = byRate ? limit : arg.maxReplicas;
    if (arg.desiredReplicas > maximum) {
      return byRate
        ? { replicas: maximum, reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' }
        : { replicas: maximum, reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
    }
  } else if (arg.desiredReplicas < arg.currentReplicas) {
    const limit = Math.min(scaleDownLimit(arg.currentReplicas, upEvents, downEvents, arg.behavior?.scaleDown, now), arg.currentReplicas);
    const byRate = arg.minReplicas < limit;
    const minimum = byRate ? limit : arg.minReplicas;
    if (arg.desiredReplicas < minimum) {
      return byRate
        ? { replicas: minimum, reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' }
        : { replicas: minimum, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
    }
  }
  return { replicas: arg.desiredReplicas, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/** Keeps the events within the longest policy period (upstream's markScaleEventsOutdated + reuse). */
export function recordScaleEvent(events: ScaleEvent[], change: number, longestPeriodSeconds: number, now: number): void {
  const cutoff = now - longestPeriodSeconds * 1000;
  const kept = events.filter((e) => e.timestamp > cutoff);
  events.length = 0;
  events.push(...kept, { replicaChange: change, timestamp: now });
}
