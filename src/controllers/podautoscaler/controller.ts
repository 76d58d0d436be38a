// The horizontal pod autoscaler controller (upstream pkg/controller/podautoscaler/horizontal.go),
// autoscaling/v2 on Resource metrics: every sync period each HPA reads its target's scale
// subresource, asks the resource metrics API for its pods' usage, computes the replica count
// (replicas.ts), stabilizes and rate-limits it (behavior.ts), writes the scale and the status.

import type { CrossVersionObjectReference, HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { milliValue, parseQuantity, quantityFromMilli, canonicalize } from '../../api/quantity.ts';
import type { EventRecorder, Lister, ResourceDescriptor, RestClient, SharedInformer } from '../../client/index.ts';
import { clientFor, isNotFound, metaNamespaceKey, splitMetaNamespaceKey, resources } from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { serverPreferredResources } from '../common/discovery.ts';
import { ReconcileLoop } from '../common/loop.ts';
import { limitByBehaviorRate, recordScaleEvent, scaleDownRules, scaleUpRules, stabilizeRecommendation } from './behavior.ts';
import type { ScaleEvent, TimestampedRecommendation } from './behavior.ts';
import { RestMetricsClient } from './metrics.ts';
import type { MetricsClient } from './metrics.ts';
import { DefaultCalculatorOptions, averageValueReplicas, resourceReplicas } from './replicas.ts';
import type { CalculatorOptions, PodInfo } from './replicas.ts';

export const hpaResource: ResourceDescriptor = { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', namespaced: true, kind: 'HorizontalPodAutoscaler' };
/** Upstream's --horizontal-pod-autoscaler-sync-period. */
export const DefaultSyncPeriodMs = 15_000;

interface Scale { metadata?: { name?: string; namespace?: string; resourceVersion?: string }; spec?: { replicas?: number }; status?: { replicas?: number; selector?: string } }

export interface HPAControllerOptions {
  syncPeriodMs?: number;
  metrics?: MetricsClient;
  calculator?: Partial<Omit<CalculatorOptions, 'now'>>;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function setCondition(conds: HorizontalPodAutoscalerCondition[], type: string, status: string, reason: string, message: string, now: number): void {
  const i = conds.findIndex((c) => c.type === type);
  const prev = conds[i];
  const c = { type, status, reason, message, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : iso(now) };
  if (i >= 0) conds[i] = c; else conds.push(c);
}

function podInfo(p: Pod, resource: string, container?: string): PodInfo {
  const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
  let request: number | undefined = 0;
  for (const c of p.spec?.containers ?? []) {
    if (container && c.name !== container) continue;
    const r = c.resources?.requests?.[resource];
    if (r === undefined) { request = undefined; break; }
    request += Number(milliValue(parseQuantity(r)));
  }
  return {
    name: p.metadata?.name ?? '', phase: p.status?.phase, deleted: !!p.metadata?.deletionTimestamp, request,
    startTime: p.status?.startTime ? Date.parse(p.status.startTime) : undefined,
    ready: ready ? { status: ready.status, lastTransitionTime: Date.parse(ready.lastTransitionTime ?? '') || 0 } : undefined,
  };
}

export class HorizontalController implements Controller {
  readonly loop: ReconcileLoop;
  private readonly rest: RestClient;
  private readonly recorder: EventRecorder;
  private readonly logf: (m: string) => void;
  private readonly informer: SharedInformer<HorizontalPodAutoscaler>;
  private readonly pods: Lister<Pod>;
  private readonly metrics: MetricsClient;
  private readonly syncPeriodMs: number;
  private readonly calc: Omit<CalculatorOptions, 'now'>;
  private readonly recommendations = new Map<string, TimestampedRecommendation[]>();
  private readonly upEvents = new Map<string, ScaleEvent[]>();
  private readonly downEvents = new Map<string, ScaleEvent[]>();
  private mapping: { at: number; byKind: Map<string, ResourceDescriptor> } | undefined;

  constructor(ctx: ControllerContext, o: HPAControllerOptions = {}) {
    this.rest = ctx.rest;
    this.recorder = ctx.recorder('horizontal-pod-autoscaler');
    this.logf = ctx.log;
    this.metrics = o.metrics ?? new RestMetricsClient(ctx.rest);
    this.syncPeriodMs = o.syncPeriodMs ?? DefaultSyncPeriodMs;
    this.calc = { ...DefaultCalculatorOptions, ...o.calculator };
    this.loop = new ReconcileLoop({ name: 'horizontalpodautoscaler', reconcile: (k) => this.reconcile(k), metrics: ctx.metrics });
    this.informer = ctx.informers.informerFor<HorizontalPodAutoscaler>(hpaResource);
    this.pods = ctx.informers.listerFor<Pod>(resources.pods);
    this.informer.addEventHandler({
      onAdd: (h) => this.loop.add(metaNamespaceKey(h)),
      onUpdate: (old, h) => { if (JSON.stringify(old.spec) !== JSON.stringify(h.spec)) this.loop.add(metaNamespaceKey(h)); },
      onDelete: (h) => {
        const key = metaNamespaceKey(h);
        this.recommendations.delete(key); this.upEvents.delete(key); this.downEvents.delete(key);
      },
    });
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  /** The scale subresource's resource for a target reference (kind → resource by discovery). */
  private async scaleResource(ref: CrossVersionObjectReference): Promise<ResourceDescriptor> {
    const [group, version] = ref.apiVersion?.includes('/') ? ref.apiVersion.split('/') as [string, string] : ['', ref.apiVersion ?? 'v1'];
    const key = `${group}/${ref.kind}`;
    if (!this.mapping?.byKind.has(key) && (!this.mapping || Date.now() - this.mapping.at > 5000)) {
      const byKind = new Map<string, ResourceDescriptor>();
      for (const r of (await serverPreferredResources(this.rest)).resources) byKind.set(`${r.group}/${r.kind}`, r);
      this.mapping = { at: Date.now(), byKind };
    }
    const r = this.mapping?.byKind.get(key);
    if (!r) throw new Error(`no matches for kind "${ref.kind}" in group "${group}"`);
    return { ...r, version };
  }

  async reconcile(key: string): Promise<{ requeueAfter: number } | void> {
    const cached = this.informer.indexer.getByKey(key);
    if (!cached) return;
    const { namespace } = splitMetaNamespaceKey(key);
    const hpa = structuredClone(cached);
    const now = Date.now();
    const conds = hpa.status?.conditions ? [...hpa.status.conditions] : [];
    const ref = hpa.spec?.scaleTargetRef;
    let scale: Scale;
    let scaleRes: ResourceDescriptor;
    try {
      if (!ref) throw new Error('spec.scaleTargetRef is missing');
      scaleRes = await this.scaleResource(ref);
      scale = await this.rest.get<Scale>({ group: scaleRes.group, version: scaleRes.version, resource: scaleRes.resource, namespace, name: ref.name, subresource: 'scale' });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      this.recorder.event(hpa, 'Warning', 'FailedGetScale', msg);
      setCondition(conds, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${msg}`, now);
      await this.writeStatus(cached, { ...hpa.status, desiredReplicas: hpa.status?.desiredReplicas ?? 0, conditions: conds });
      if (isNotFound(err)) return { requeueAfter: this.syncPeriodMs };
      throw err;
    }
    setCondition(conds, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", now);
    const currentReplicas = scale.status?.replicas ?? 0;
    const specReplicas = scale.spec?.replicas ?? 0;
    const minReplicas = hpa.spec?.minReplicas ?? 1;
    const maxReplicas = hpa.spec?.maxReplicas ?? minReplicas;
    let desired = currentReplicas;
    let rescaleReason = '';
    let currentMetrics: MetricStatus[] = hpa.status?.currentMetrics ?? [];
    if (specReplicas === 0 && minReplicas !== 0) {
      desired = 0;
      setCondition(conds, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now);
    } else if (currentReplicas > maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desired = maxReplicas;
      setCondition(conds, 'ScalingLimited', 'True', 'TooManyReplicas', 'the desired replica count is more than the maximum replica count', now);
    } else if (currentReplicas < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desired = minReplicas;
      setCondition(conds, 'ScalingLimited', 'True', 'TooFewReplicas', 'the desired replica count is less than the minimum replica count', now);
    } else {
      const computed = await this.computeReplicasForMetrics(hpa, scale, currentReplicas, conds, now);
      currentMetrics = computed.statuses;
      if (computed.replicas < 0) {
        await this.writeStatus(cached, { ...hpa.status, currentReplicas, desiredReplicas: hpa.status?.desiredReplicas ?? currentReplicas, currentMetrics, conditions: conds });
        return { requeueAfter: this.syncPeriodMs };
      }
      rescaleReason = computed.reason;
      desired = this.normalize(key, hpa, currentReplicas, computed.replicas, minReplicas, maxReplicas, conds, now);
    }
    const rescale = desired !== currentReplicas;
    if (rescale) {
      try {
        await this.rest.update({ group: scaleRes.group, version: scaleRes.version, resource: scaleRes.resource, namespace, name: ref.name, subresource: 'scale' }, {
          apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: scale.metadata, spec: { replicas: desired },
        });
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        this.recorder.event(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${rescaleReason}; error: ${msg}`);
        setCondition(conds, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${msg}`, now);
        await this.writeStatus(cached, { ...hpa.status, currentReplicas, desiredReplicas: hpa.status?.desiredReplicas ?? currentReplicas, currentMetrics, conditions: conds });
        throw err;
      }
      setCondition(conds, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`, now);
      this.recorder.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${rescaleReason}`);
      this.storeScaleEvent(key, hpa, currentReplicas, desired, now);
      this.logf(`successful rescale of ${key}, old size: ${currentReplicas}, new size: ${desired}, reason: ${rescaleReason}`);
    }
    await this.writeStatus(cached, {
      ...hpa.status, currentReplicas, desiredReplicas: desired, currentMetrics, conditions: conds,
      ...(rescale ? { lastScaleTime: iso(now) } : {}),
      observedGeneration: hpa.metadata?.generation,
    });
    return { requeueAfter: this.syncPeriodMs };
  }

  private async computeReplicasForMetrics(hpa: HorizontalPodAutoscaler, scale: Scale, current: number, conds: HorizontalPodAutoscalerCondition[], now: number): Promise<{ replicas: number; reason: string; statuses: MetricStatus[] }> {
    const selector = scale.status?.selector;
    const specs: MetricSpec[] = hpa.spec?.metrics ?? [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    if (!selector) {
      const msg = 'selector is required';
      this.recorder.event(hpa, 'Warning', 'SelectorRequired', msg);
      setCondition(conds, 'ScalingActive', 'False', 'InvalidSelector', 'the HPA target\'s scale is missing a selector', now);
      return { replicas: -1, reason: '', statuses: [] };
    }
    const namespace = hpa.metadata?.namespace ?? '';
    let best = -1;
    let bestName = '';
    const statuses: MetricStatus[] = [];
    const errors: string[] = [];
    for (const spec of specs) {
      const res = spec.type === 'Resource' ? spec.resource : spec.type === 'ContainerResource' ? spec.containerResource : undefined;
      const container = spec.type === 'ContainerResource' ? spec.containerResource?.container : undefined;
      if (!res) {
        errors.push(`metric type ${spec.type} is not supported yet`);
        setCondition(conds, 'ScalingActive', 'False', 'InvalidMetricSourceType', `the HPA was unable to compute the replica count: unsupported metric source type "${spec.type}"`, now);
        statuses.push({ type: '' });
        continue;
      }
      try {
        const pods = this.pods.namespace(namespace).list(selector).map((p) => podInfo(p, res.name, container));
        const { metrics } = await this.metrics.getResourceMetric(res.name, namespace, selector, container).catch((err: unknown) => {
          throw new Error(`unable to get metrics for resource ${res.name}: ${err instanceof Error ? err.message : String(err)}`);
        });
        const o = { ...this.calc, now };
        let replicas: number;
        let value: { averageUtilization?: number; averageValue: string };
        if (res.target.type === 'Utilization' || res.target.averageUtilization !== undefined && res.target.averageValue === undefined) {
          const target = res.target.averageUtilization ?? 80;
          const r = resourceReplicas(current, target, res.name, pods, metrics, o);
          replicas = r.replicas;
          value = { averageUtilization: r.utilization, averageValue: canonicalize(quantityFromMilli(r.rawAverage)) };
        } else {
          const target = Number(milliValue(parseQuantity(res.target.averageValue ?? '0')));
          const r = averageValueReplicas(current, target, res.name, pods, metrics, o);
          replicas = r.replicas;
          value = { averageValue: canonicalize(quantityFromMilli(r.usage)) };
        }
        statuses.push(spec.type === 'Resource'
          ? { type: 'Resource', resource: { name: res.name, current: value } }
          : { type: 'ContainerResource', containerResource: { name: res.name, container: container ?? '', current: value } });
        if (replicas > best) {
          best = replicas;
          bestName = `${res.name} resource${res.target.type === 'Utilization' ? ' utilization (percentage of request)' : ''}`;
        }
      } catch (err) {
        const what = res.target.type === 'Utilization' ? 'utilization' : 'resource metric value';
        const msg = `failed to get ${res.name} ${what}: ${err instanceof Error ? err.message : String(err)}`;
        errors.push(msg);
        this.recorder.event(hpa, 'Warning', 'FailedGetResourceMetric', msg);
        setCondition(conds, 'ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${msg}`, now);
        statuses.push({ type: '' });
      }
    }
    if (best < 0 || errors.length === specs.length) {
      this.recorder.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (${errors.length} invalid out of ${specs.length}), first error is: ${errors[0] ?? ''}`);
      return { replicas: -1, reason: '', statuses: statuses.filter((s) => s.type !== '') };
    }
    setCondition(conds, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${bestName}`, now);
    const reason = best > current ? `${bestName} above target` : best < current ? 'All metrics below target' : '';
    return { replicas: best, reason, statuses: statuses.filter((s) => s.type !== '') };
  }

  private normalize(key: string, hpa: HorizontalPodAutoscaler, current: number, proposed: number, min: number, max: number, conds: HorizontalPodAutoscalerCondition[], now: number): number {
    const history = this.recommendations.get(key) ?? [];
    this.recommendations.set(key, history);
    const arg = { behavior: hpa.spec?.behavior, minReplicas: min, maxReplicas: max, currentReplicas: current, desiredReplicas: proposed };
    const stabilized = stabilizeRecommendation(arg, history, now);
    setCondition(conds, 'AbleToScale', 'True', stabilized.reason, stabilized.message, now);
    const limited = limitByBehaviorRate({ ...arg, desiredReplicas: stabilized.replicas }, this.upEvents.get(key) ?? [], this.downEvents.get(key) ?? [], now);
    setCondition(conds, 'ScalingLimited', limited.replicas === stabilized.replicas ? 'False' : 'True', limited.reason, limited.message, now);
    return limited.replicas;
  }

  private storeScaleEvent(key: string, hpa: HorizontalPodAutoscaler, prev: number, next: number, now: number): void {
    const up = next > prev;
    const rules = up ? scaleUpRules(hpa.spec?.behavior?.scaleUp) : scaleDownRules(hpa.spec?.behavior?.scaleDown);
    const longest = Math.max(0, ...rules.policies.map((p) => p.periodSeconds));
    const map = up ? this.upEvents : this.downEvents;
    const events = map.get(key) ?? [];
    map.set(key, events);
    recordScaleEvent(events, Math.abs(next - prev), longest, now);
  }

  private async writeStatus(old: HorizontalPodAutoscaler, status: NonNullable<HorizontalPodAutoscaler['status']>): Promise<void> {
    if (JSON.stringify(old.status ?? {}) === JSON.stringify(status)) return;
    try {
      await clientFor(this.rest).resource<HorizontalPodAutoscaler>(hpaResource).updateStatus({ ...old, status });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
