// autoscaling/v2 HorizontalPodAutoscaler (pkg/apis/autoscaling/validation).

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { quantitySign } from '../quantity.ts';
import { arr, enumField, has, nameErrors, num, obj, quantityAt, str, validateLabelSelector } from './common.ts';
import type { Obj } from './common.ts';
import { isValidPathSegmentName } from './names.ts';

const SOURCE_FIELDS: Record<string, string> = {
  Object: 'object', Pods: 'pods', Resource: 'resource', External: 'external', ContainerResource: 'containerResource',
};

function validateRef(ref: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['kind', 'name']) {
    const v = str(ref, k);
    if (!v) errs.push(field.required(`${path}.${k}`, ''));
    else errs.push(...nameErrors((x) => isValidPathSegmentName(x), v, `${path}.${k}`));
  }
  return errs;
}

function validateTarget(t: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(t, 'type');
  if (!type) errs.push(field.required(`${path}.type`, 'must specify a metric target type'));
  else if (!['Utilization', 'Value', 'AverageValue'].includes(type)) errs.push(field.invalid(`${path}.type`, type, 'must be either Utilization, Value, or AverageValue'));
  for (const k of ['value', 'averageValue']) {
    if (!has(t, k)) continue;
    const q = quantityAt(t[k], `${path}.${k}`, errs);
    if (q && quantitySign(q) !== 1) errs.push(field.invalid(`${path}.${k}`, t[k], 'must be positive'));
  }
  const u = num(t, 'averageUtilization');
  if (u !== undefined && u < 1) errs.push(field.invalid(`${path}.averageUtilization`, u, 'must be greater than 0'));
  return errs;
}

function validateMetricIdentifier(m: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(m, 'name')) errs.push(field.required(`${path}.name`, 'must specify a metric name'));
  if (has(m, 'selector')) errs.push(...validateLabelSelector(m['selector'], `${path}.selector`));
  return errs;
}

function validateSource(type: string, src: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (type === 'Resource' || type === 'ContainerResource') {
    if (!str(src, 'name')) errs.push(field.required(`${path}.name`, 'must specify a resource name'));
    if (type === 'ContainerResource' && !str(src, 'container')) errs.push(field.required(`${path}.container`, 'must specify a container'));
    const t = obj(src, 'target');
    if (!has(t, 'averageUtilization') && !has(t, 'averageValue')) errs.push(field.required(`${path}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
    if (has(t, 'averageUtilization') && has(t, 'averageValue')) errs.push(field.forbidden(`${path}.target.averageValue`, 'may not set both a target raw value and a target utilization'));
  } else {
    errs.push(...validateMetricIdentifier(obj(src, 'metric'), `${path}.metric`));
    if (type === 'Object') errs.push(...validateRef(obj(src, 'describedObject'), `${path}.describedObject`));
  }
  errs.push(...validateTarget(obj(src, 'target'), `${path}.target`));
  return errs;
}

function validateMetrics(metrics: unknown[], path: string, minReplicas: number | undefined): FieldError[] {
  const errs: FieldError[] = [];
  let scalesToZero = false;
  metrics.forEach((m, i) => {
    const ip = `${path}[${i}]`;
    const type = str(m, 'type') ?? '';
    if (!type) errs.push(field.required(`${ip}.type`, 'must specify a metric source type'));
    else if (!SOURCE_FIELDS[type]) errs.push(field.notSupported(`${ip}.type`, type, Object.keys(SOURCE_FIELDS)));
    if (type === 'Object' || type === 'External') scalesToZero = true;
    const present = Object.entries(SOURCE_FIELDS).filter(([, f]) => has(m, f));
    const expected = SOURCE_FIELDS[type];
    if (expected && !has(m, expected)) errs.push(field.required(`${ip}.${expected}`, 'must populate information for the given metric source'));
    for (const [t, f] of present) {
      if (t !== type) errs.push(field.forbidden(`${ip}.${f}`, 'must populate the given metric source only'));
    }
    if (expected && has(m, expected)) errs.push(...validateSource(type, obj(m, expected), `${ip}.${expected}`));
  });
  if (minReplicas === 0 && !scalesToZero) {
    errs.push(field.forbidden(path, 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  return errs;
}

function validateRules(rules: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const w = num(rules, 'stabilizationWindowSeconds');
  if (w !== undefined && w < 0) errs.push(field.invalid(`${path}.stabilizationWindowSeconds`, w, 'must be greater than or equal to zero'));
  if (w !== undefined && w > 3600) errs.push(field.invalid(`${path}.stabilizationWindowSeconds`, w, 'must be less than or equal to 3600'));
  errs.push(...enumField(str(rules, 'selectPolicy'), ['Max', 'Min', 'Disabled'], `${path}.selectPolicy`));
  const policies = arr(rules, 'policies');
  if (has(rules, 'policies') && policies.length === 0) errs.push(field.required(`${path}.policies`, 'must specify at least one Policy'));
  policies.forEach((p, i) => {
    const ip = `${path}.policies[${i}]`;
    errs.push(...enumField(str(p, 'type'), ['Pods', 'Percent'], `${ip}.type`, true));
    const v = num(p, 'value') ?? 0;
    if (v <= 0) errs.push(field.invalid(`${ip}.value`, v, 'must be greater than zero'));
    const per = num(p, 'periodSeconds') ?? 0;
    if (per <= 0) errs.push(field.invalid(`${ip}.periodSeconds`, per, 'must be greater than zero'));
    if (per > 1800) errs.push(field.invalid(`${ip}.periodSeconds`, per, 'must be less than or equal to 1800'));
  });
  return errs;
}

export function validateHorizontalPodAutoscaler(hpa: KubeObject): FieldError[] {
  const spec = obj(hpa, 'spec');
  const errs: FieldError[] = [];
  const min = num(spec, 'minReplicas');
  const max = num(spec, 'maxReplicas') ?? 0;
  // Scaling to zero (HPAScaleToZero) is alpha; minReplicas must be ≥ 1 as upstream's default gate.
  if (min !== undefined && min < 1) errs.push(field.invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (max < 1) errs.push(field.invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (min !== undefined && max < min) errs.push(field.invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateRef(obj(spec, 'scaleTargetRef'), 'spec.scaleTargetRef'));
  errs.push(...validateMetrics(arr(spec, 'metrics'), 'spec.metrics', min));
  const behavior = obj(spec, 'behavior');
  for (const k of ['scaleUp', 'scaleDown']) {
    if (has(behavior, k)) errs.push(...validateRules(obj(behavior, k), `spec.behavior.${k}`));
  }
  return errs;
}

export function validateHorizontalPodAutoscalerStatus(hpa: KubeObject): FieldError[] {
  const status = obj(hpa, 'status');
  const errs: FieldError[] = [];
  for (const k of ['currentReplicas', 'desiredReplicas']) {
    const v = num(status, k);
    if (v !== undefined && v < 0) errs.push(field.invalid(`status.${k}`, v, 'must be greater than or equal to 0'));
  }
  return errs;
}
