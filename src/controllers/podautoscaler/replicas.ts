// Upstream's replica calculator (pkg/controller/podautoscaler/replica_calculator.go) for Resource
// metrics, as pure functions: pods are grouped into ready / unready / missing-metrics / ignored,
// the usage ratio against the target decides, and missing or unready pods are assumed to use
// whatever would dampen the change, so a rescale never flips direction because of them.

/** One pod's metric: value in milli-units, sampled at `timestamp` over `windowMs`. */
export interface PodMetric { timestamp: number; windowMs: number; value: number }
export type PodMetricsInfo = Map<string, PodMetric>;

/** What the calculator needs of a pod. */
export interface PodInfo {
  name: string;
  phase?: string;
  deleted?: boolean;
  /** status.startTime (ms), if set. */
  startTime?: number;
  /** The Ready condition, if present. */
  ready?: { status: string; lastTransitionTime: number };
  /** Sum over the pod's containers of the resource's request (milli-units); undefined when a container states none. */
  request?: number;
}

export interface CalculatorOptions {
  tolerance: number;
  cpuInitializationPeriodMs: number;
  delayOfInitialReadinessStatusMs: number;
  now: number;
}

/** Upstream's defaults: --horizontal-pod-autoscaler-tolerance, -cpu-initialization-period, -initial-readiness-delay. */
export const DefaultCalculatorOptions: Omit<CalculatorOptions, 'now'> = {
  tolerance: 0.1, cpuInitializationPeriodMs: 5 * 60_000, delayOfInitialReadinessStatusMs: 30_000,
};

export interface PodGroups { readyCount: number; unready: Set<string>; missing: Set<string>; ignored: Set<string> }

export function groupPods(pods: readonly PodInfo[], metrics: PodMetricsInfo, resource: string, o: CalculatorOptions): PodGroups {
  const g: PodGroups = { readyCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    if (pod.deleted || pod.phase === 'Failed') { g.ignored.add(pod.name); continue; }
    if (pod.phase === 'Pending') { g.unready.add(pod.name); continue; }
    const metric = metrics.get(pod.name);
    if (!metric) { g.missing.add(pod.name); continue; }
    if (resource === 'cpu') {
      let unready: boolean;
      const cond = pod.ready;
      if (!cond || pod.startTime === undefined) {
        unready = true;
      } else if (pod.startTime + o.cpuInitializationPeriodMs > o.now) {
        // Young pod: its sample counts only once it is ready and a full window has passed since.
        unready = cond.status === 'False' || metric.timestamp < cond.lastTransitionTime + metric.windowMs;
      } else {
        // Older pod: ignored only if unready and never ready since it started.
        unready = cond.status === 'False' && pod.startTime + o.delayOfInitialReadinessStatusMs > cond.lastTransitionTime;
      }
      if (unready) { g.unready.add(pod.name); continue; }
    }
    g.readyCount++;
  }
  return g;
}

export class ReplicaCalculationError extends Error {}

export interface UtilizationRatio { ratio: number; utilization: number; rawAverage: number }

/** Upstream's GetResourceUtilizationRatio: integer percent of request, over pods with both a metric and a request. */
export function resourceUtilizationRatio(metrics: PodMetricsInfo, requests: Map<string, number>, targetUtilization: number): UtilizationRatio {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let n = 0;
  for (const [pod, m] of metrics) {
    const req = requests.get(pod);
    if (req === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += req;
    n++;
  }
  if (requestsTotal === 0) throw new ReplicaCalculationError('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(metricsTotal / n) };
}

function averageRatio(metrics: PodMetricsInfo, target: number): { ratio: number; usage: number } {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / target, usage };
}

function withoutPods(metrics: PodMetricsInfo, ...sets: Set<string>[]): PodMetricsInfo {
  const out = new Map(metrics);
  for (const s of sets) for (const p of s) out.delete(p);
  return out;
}

function oldestTimestamp(metrics: PodMetricsInfo): number {
  let t = Infinity;
  for (const m of metrics.values()) t = Math.min(t, m.timestamp);
  return Number.isFinite(t) ? t : 0;
}

export interface ResourceReplicas { replicas: number; utilization: number; rawAverage: number; timestamp: number }

/** Replicas for a target average utilization (percent of request). */
export function resourceReplicas(currentReplicas: number, targetUtilization: number, resource: string, pods: readonly PodInfo[], allMetrics: PodMetricsInfo, o: CalculatorOptions): ResourceReplicas {
  if (pods.length === 0) throw new ReplicaCalculationError('no pods returned by selector while calculating replica count');
  const g = groupPods(pods, allMetrics, resource, o);
  const metrics = withoutPods(allMetrics, g.ignored, g.unready);
  if (metrics.size === 0) throw new ReplicaCalculationError('did not receive metrics for targeted pods (pods might be unready)');
  const requests = new Map<string, number>();
  for (const p of pods) {
    if (p.request === undefined) throw new ReplicaCalculationError(`missing request for ${resource} in Pod ${p.name}`);
    requests.set(p.name, p.request);
  }
  const timestamp = oldestTimestamp(metrics);
  const first = resourceUtilizationRatio(metrics, requests, targetUtilization);
  const result = (replicas: number): ResourceReplicas => ({ replicas, utilization: first.utilization, rawAverage: first.rawAverage, timestamp });
  const scaleUpWithUnready = g.unready.size > 0 && first.ratio > 1;
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (Math.abs(1 - first.ratio) <= o.tolerance) return result(currentReplicas);
    return result(Math.ceil(first.ratio * g.readyCount));
  }
  if (g.missing.size > 0) {
    // Scale-down: missing pods count as using 100% of their request (or the target above 100%);
    // scale-up: as using nothing.
    const fallback = Math.max(100, targetUtilization);
    for (const p of g.missing) {
      metrics.set(p, { timestamp, windowMs: 0, value: first.ratio < 1 ? Math.trunc(((requests.get(p) ?? 0) * fallback) / 100) : 0 });
    }
  }
  if (scaleUpWithUnready) for (const p of g.unready) metrics.set(p, { timestamp, windowMs: 0, value: 0 });
  const next = resourceUtilizationRatio(metrics, requests, targetUtilization).ratio;
  if (Math.abs(1 - next) <= o.tolerance || (first.ratio < 1 && next > 1) || (first.ratio > 1 && next < 1)) return result(currentReplicas);
  const replicas = Math.ceil(next * metrics.size);
  if ((next < 1 && replicas > currentReplicas) || (next > 1 && replicas < currentReplicas)) return result(currentReplicas);
  return result(replicas);
}

export interface AverageValueReplicas { replicas: number; usage: number; timestamp: number }

/** Replicas for a target average value per pod (milli-units), upstream's calcPlainMetricReplicas. */
export function averageValueReplicas(currentReplicas: number, targetAverage: number, resource: string, pods: readonly PodInfo[], allMetrics: PodMetricsInfo, o: CalculatorOptions): AverageValueReplicas {
  if (pods.length === 0) throw new ReplicaCalculationError('no pods returned by selector while calculating replica count');
  const g = groupPods(pods, allMetrics, resource, o);
  const metrics = withoutPods(allMetrics, g.ignored, g.unready);
  if (metrics.size === 0) throw new ReplicaCalculationError('did not receive metrics for targeted pods (pods might be unready)');
  const timestamp = oldestTimestamp(metrics);
  const first = averageRatio(metrics, targetAverage);
  const result = (replicas: number): AverageValueReplicas => ({ replicas, usage: first.usage, timestamp });
  const scaleUpWithUnready = g.unready.size > 0 && first.ratio > 1;
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (Math.abs(1 - first.ratio) <= o.tolerance) return result(currentReplicas);
    return result(Math.ceil(first.ratio * g.readyCount));
  }
  for (const p of g.missing) metrics.set(p, { timestamp, windowMs: 0, value: first.ratio < 1 ? targetAverage : 0 });
  if (scaleUpWithUnready) for (const p of g.unready) metrics.set(p, { timestamp, windowMs: 0, value: 0 });
  const next = averageRatio(metrics, targetAverage).ratio;
  if (Math.abs(1 - next) <= o.tolerance || (first.ratio < 1 && next > 1) || (first.ratio > 1 && next < 1)) return result(currentReplicas);
  const replicas = Math.ceil(next * metrics.size);
  if ((next < 1 && replicas > currentReplicas) || (next > 1 && replicas < currentReplicas)) return result(currentReplicas);
  return result(replicas);
}
