// autoscaling/v2 HorizontalPodAutoscaler (the storage form) and autoscaling/v1 (converted).

import { canonicalQuantityString } from '../quantity.ts';
import type { PrinterColumn, ResourceType } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { child, isObj, num, obj, objs, setDefault, str, type Obj } from './access.ts';
import { age, ageColumn, col, int, nameColumn, specOf, statusOf } from './printers.ts';
import { statusStrategy } from './strategy.ts';
import { validation } from './wiring.ts';
import { hpaV1ToV2, hpaV2ToV1 } from './hpa-convert.ts';

function q(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') return '0';
  try { return canonicalQuantityString(v); } catch { return String(v); }
}

function valueOrAverage(spec: Obj, status: Obj | undefined): string {
  const target = obj(spec.target);
  const current = obj(status?.current);
  if (target.averageValue !== undefined) {
    const cur = status && current.averageValue !== undefined ? q(current.averageValue) : '<unknown>';
    return `${cur}/${q(target.averageValue)} (avg)`;
  }
  const cur = status ? q(current.value) : '<unknown>';
  return `${cur}/${q(target.value)}`;
}

function resourceTarget(spec: Obj, status: Obj | undefined): string {
  const target = obj(spec.target);
  const current = obj(status?.current);
  if (target.averageValue !== undefined) {
    const cur = status ? q(current.averageValue) : '<unknown>';
    return `${str(spec.name)}: ${cur}/${q(target.averageValue)}`;
  }
  const cur = status && num(current.averageUtilization) !== undefined ? `${num(current.averageUtilization)}%` : '<unknown>';
  const tgt = num(target.averageUtilization) !== undefined ? `${num(target.averageUtilization)}%` : '<auto>';
  return `${str(spec.name)}: ${cur}/${tgt}`;
}

/** The TARGETS cell (formatHPAMetrics): at most two metrics, then "+ N more...". */
export function formatHPAMetrics(specs: unknown, statuses: unknown): string {
  const list = objs(specs);
  if (list.length === 0) return '<none>';
  const st = objs(statuses);
  const cells = list.map((m, i) => {
    const s = st[i];
    switch (m.type) {
      case 'External': return valueOrAverage(obj(m.external), isObj(s?.external) ? s.external : undefined);
      case 'Pods': {
        const cur = isObj(s?.pods) ? q(obj(s.pods.current).averageValue) : '<unknown>';
        return `${cur}/${q(obj(obj(m.pods).target).averageValue)}`;
      }
      case 'Object': return valueOrAverage(obj(m.object), isObj(s?.object) ? s.object : undefined);
      case 'Resource': return resourceTarget(obj(m.resource), isObj(s?.resource) ? s.resource : undefined);
      case 'ContainerResource': return resourceTarget(obj(m.containerResource), isObj(s?.containerResource) ? s.containerResource : undefined);
      default: return '<unknown type>';
    }
  });
  const shown = cells.slice(0, 2).join(', ');
  return cells.length > 2 ? `${shown} + ${cells.length - 2} more...` : shown;
}

const hpaColumns: PrinterColumn[] = [
  nameColumn(),
  col('Reference', 'string', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
  col('Targets', 'string', 'metrics contains the specifications for which to use to calculate the desired replica count.'),
  col('MinPods', 'string', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'),
  col('MaxPods', 'string', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.'),
  col('Replicas', 'string', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
  ageColumn(),
];

function hpaRow(o: KubeObject, now: number): unknown[] {
  const spec = specOf(o);
  const status = statusOf(o);
  const ref = obj(spec.scaleTargetRef);
  const min = num(spec.minReplicas);
  return [
    o.metadata.name ?? '', `${str(ref.kind)}/${str(ref.name)}`, formatHPAMetrics(spec.metrics, status.currentMetrics),
    min === undefined ? '<unset>' : String(min), int(spec.maxReplicas), int(status.currentReplicas), age(o, now),
  ];
}

function defaultRules(rules: Obj, stabilization: number, policies: Obj[]): void {
  setDefault(rules, 'stabilizationWindowSeconds', stabilization);
  setDefault(rules, 'selectPolicy', 'Max');
  setDefault(rules, 'policies', policies);
}

export function defaultHPAv2(o: KubeObject): void {
  const spec = child(o, 'spec');
  setDefault(spec, 'minReplicas', 1);
  if (objs(spec.metrics).length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  if (isObj(spec.behavior)) {
    defaultRules(child(spec.behavior, 'scaleUp'), 0, [
      { type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 },
    ]);
    defaultRules(child(spec.behavior, 'scaleDown'), 300, [{ type: 'Percent', value: 100, periodSeconds: 15 }]);
  }
}

function hpaBase(version: string): Pick<ResourceType, 'group' | 'version' | 'kind' | 'resource' | 'singular' | 'namespaced' | 'shortNames' | 'categories' | 'subresources' | 'columns'> {
  return {
    group: 'autoscaling', version, kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers',
    singular: 'horizontalpodautoscaler', namespaced: true, shortNames: ['hpa'], categories: ['all'],
    subresources: { status: true }, columns: hpaColumns,
  };
}

export const hpaV2: ResourceType = {
  ...hpaBase('v2'),
  row: hpaRow,
  defaults: defaultHPAv2,
  prepareForCreate: (o) => { o.status = { desiredReplicas: 0 }; },
  prepareForUpdate: statusStrategy.prepareForUpdate,
  ...validation('autoscaling/HorizontalPodAutoscaler'),
};

export const hpaV1: ResourceType = {
  ...hpaBase('v1'),
  storage: { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', toStorage: hpaV1ToV2, fromStorage: hpaV2ToV1 },
  row: (o, now) => hpaRow(hpaV1ToV2(o), now),
  defaults: (o) => setDefault(child(o, 'spec'), 'minReplicas', 1),
  prepareForCreate: (o) => { o.status = { currentReplicas: 0, desiredReplicas: 0 }; },
  prepareForUpdate: statusStrategy.prepareForUpdate,
  // The validators check the v2 form, which is what gets stored.
  ...validation('autoscaling/HorizontalPodAutoscaler', hpaV1ToV2),
};
