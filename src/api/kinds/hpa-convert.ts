// autoscaling/v1 ↔ autoscaling/v2 HorizontalPodAutoscaler (pkg/apis/autoscaling/v1/conversion.go):
// v1's targetCPUUtilizationPercentage is v2's cpu Utilization resource metric; v2 conditions
// ride in v1 in the annotation upstream uses.

import type { KubeObject } from '../types.ts';
import { isObj, num, obj, objs, type Obj } from './access.ts';

export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';

function cpuMetric(metrics: unknown, key: 'target' | 'current'): number | undefined {
  for (const m of objs(metrics)) {
    if (m.type !== 'Resource') continue;
    const r = obj(m.resource);
    if (r.name !== 'cpu') continue;
    const t = obj(r[key]);
    if (key === 'target' && t.type !== 'Utilization') continue;
    const u = num(t.averageUtilization);
    if (u !== undefined) return u;
  }
  return undefined;
}

function setIf(o: Obj, key: string, v: unknown): void {
  if (v !== undefined) o[key] = structuredClone(v);
}

export function hpaV1ToV2(v1: KubeObject): KubeObject {
  const metadata = structuredClone(v1.metadata);
  const spec = obj(v1.spec);
  const status = isObj(v1.status) ? v1.status : undefined;
  const outSpec: Obj = {};
  setIf(outSpec, 'scaleTargetRef', spec.scaleTargetRef);
  setIf(outSpec, 'minReplicas', spec.minReplicas);
  setIf(outSpec, 'maxReplicas', spec.maxReplicas);
  const target = num(spec.targetCPUUtilizationPercentage);
  if (target !== undefined) {
    outSpec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }];
  }
  const out: KubeObject = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata, spec: outSpec };
  let conditions: unknown;
  const annotations = metadata.annotations;
  if (annotations && CONDITIONS_ANNOTATION in annotations) {
    try { conditions = JSON.parse(annotations[CONDITIONS_ANNOTATION] ?? ''); } catch { conditions = undefined; }
    delete annotations[CONDITIONS_ANNOTATION];
    if (Object.keys(annotations).length === 0) delete metadata.annotations;
  }
  if (status) {
    const s: Obj = {};
    setIf(s, 'observedGeneration', status.observedGeneration);
    setIf(s, 'lastScaleTime', status.lastScaleTime);
    setIf(s, 'currentReplicas', status.currentReplicas);
    s.desiredReplicas = num(status.desiredReplicas) ?? 0;
    const current = num(status.currentCPUUtilizationPercentage);
    if (current !== undefined) s.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }];
    if (Array.isArray(conditions)) s.conditions = conditions;
    out.status = s;
  }
  return out;
}

export function hpaV2ToV1(v2: KubeObject): KubeObject {
  const metadata = structuredClone(v2.metadata);
  const spec = obj(v2.spec);
  const outSpec: Obj = {};
  setIf(outSpec, 'scaleTargetRef', spec.scaleTargetRef);
  setIf(outSpec, 'minReplicas', spec.minReplicas);
  setIf(outSpec, 'maxReplicas', spec.maxReplicas);
  setIf(outSpec, 'targetCPUUtilizationPercentage', cpuMetric(spec.metrics, 'target'));
  const out: KubeObject = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata, spec: outSpec };
  if (isObj(v2.status)) {
    const status = v2.status;
    const s: Obj = {};
    setIf(s, 'observedGeneration', status.observedGeneration);
    setIf(s, 'lastScaleTime', status.lastScaleTime);
    s.currentReplicas = num(status.currentReplicas) ?? 0;
    s.desiredReplicas = num(status.desiredReplicas) ?? 0;
    setIf(s, 'currentCPUUtilizationPercentage', cpuMetric(status.currentMetrics, 'current'));
    out.status = s;
    const conditions = objs(status.conditions);
    if (conditions.length > 0) metadata.annotations = { ...(metadata.annotations ?? {}), [CONDITIONS_ANNOTATION]: JSON.stringify(conditions) };
  }
  return out;
}
