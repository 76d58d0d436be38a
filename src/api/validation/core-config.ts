// core/v1 Namespace, ConfigMap, Secret, Binding, PodTemplate, Node.

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { arr, enumField, has, nameErrors, nonNegativeQuantity, obj, str, strMap } from './common.ts';
import { deepEqual, validateImmutableField } from './meta.ts';
import { isConfigMapKey, isQualifiedName, isValidCIDR, isValidLabelValue } from './names.ts';
import { validatePodTemplateSpec, TAINT_EFFECTS } from './pod-spec.ts';

export const MAX_SECRET_SIZE = 1024 * 1024;

export function validateNamespace(ns: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  arr(obj(ns, 'spec'), 'finalizers').forEach((f) => {
    const v = String(f);
    if (!v.includes('/')) {
      if (v !== 'kubernetes') errs.push(field.invalid('spec.finalizers', v, 'name is neither a standard finalizer name nor is it fully qualified'));
    } else {
      errs.push(...nameErrors(isQualifiedName, v, 'spec.finalizers'));
    }
  });
  return errs;
}

export function validateNamespaceStatus(ns: KubeObject): FieldError[] {
  return enumField(str(obj(ns, 'status'), 'phase'), ['Active', 'Terminating'], 'status.phase');
}

function decodedLength(b64: string): number | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) return undefined;
  return Buffer.from(b64, 'base64').length;
}

function validateDataBags(o: KubeObject, bags: [string, boolean][]): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  const keys = new Map<string, string>();
  for (const [bag, base64] of bags) {
    for (const [k, v] of Object.entries(strMap(o, bag) ?? {})) {
      const p = `${bag}[${k}]`;
      errs.push(...nameErrors(isConfigMapKey, k, p));
      const other = keys.get(k);
      if (other !== undefined && other !== bag) errs.push(field.invalid(p, k, `duplicate of key present in ${other}`));
      keys.set(k, bag);
      if (typeof v !== 'string') {
        errs.push(field.invalid(p, v, 'must be a string'));
        continue;
      }
      if (base64) {
        const n = decodedLength(v);
        if (n === undefined) errs.push(field.invalid(p, '<value omitted>', 'illegal base64 data'));
        else size += n;
      } else {
        size += Buffer.byteLength(v);
      }
    }
  }
  if (size > MAX_SECRET_SIZE) errs.push(field.tooLong('', MAX_SECRET_SIZE));
  return errs;
}

export function validateConfigMap(cm: KubeObject): FieldError[] {
  return validateDataBags(cm, [['data', false], ['binaryData', true]]);
}

function validateImmutableData(o: KubeObject, old: KubeObject, bags: string[]): FieldError[] {
  if (old['immutable'] !== true) return [];
  const errs: FieldError[] = [];
  if (o['immutable'] !== true) errs.push(field.forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const bag of bags) {
    if (!deepEqual(o[bag] ?? {}, old[bag] ?? {})) errs.push(field.forbidden(bag, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

export function validateConfigMapUpdate(cm: KubeObject, old: KubeObject): FieldError[] {
  return [...validateConfigMap(cm), ...validateImmutableData(cm, old, ['data', 'binaryData'])];
}

const SECRET_REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

export function validateSecret(s: KubeObject): FieldError[] {
  // stringData is merged into data by the apiserver before storage; both count here.
  const errs = validateDataBags(s, [['data', true], ['stringData', false]]);
  const type = typeof s['type'] === 'string' ? s['type'] : 'Opaque';
  const keys = new Set([...Object.keys(strMap(s, 'data') ?? {}), ...Object.keys(strMap(s, 'stringData') ?? {})]);
  for (const k of SECRET_REQUIRED_KEYS[type] ?? []) {
    if (!keys.has(k)) errs.push(field.required(`data[${k}]`, ''));
  }
  if (type === 'kubernetes.io/basic-auth' && !keys.has('username') && !keys.has('password')) {
    errs.push(field.required('data[username]', ''), field.required('data[password]', ''));
  }
  if (type === 'kubernetes.io/service-account-token' && !s.metadata.annotations?.['kubernetes.io/service-account.name']) {
    errs.push(field.required('metadata.annotations[kubernetes.io/service-account.name]', ''));
  }
  return errs;
}

export function validateSecretUpdate(s: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateSecret(s);
  errs.push(...validateImmutableField(s['type'] ?? 'Opaque', old['type'] ?? 'Opaque', 'type'));
  errs.push(...validateImmutableData(s, old, ['data']));
  return errs;
}

export function validateBinding(b: KubeObject): FieldError[] {
  const target = obj(b, 'target');
  const errs: FieldError[] = [];
  const kind = str(target, 'kind');
  if (kind && kind !== 'Node') errs.push(field.notSupported('target.kind', kind, ['Node', '<empty>']));
  if (!str(target, 'name')) errs.push(field.required('target.name', ''));
  return errs;
}

export function validatePodTemplate(pt: KubeObject): FieldError[] {
  return validatePodTemplateSpec(pt['template'], 'template');
}

function validateTaints(taints: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((t, i) => {
    const ip = `${path}[${i}]`;
    const key = str(t, 'key') ?? '';
    errs.push(...nameErrors(isQualifiedName, key, `${ip}.key`));
    const value = str(t, 'value') ?? '';
    errs.push(...nameErrors(isValidLabelValue, value, `${ip}.value`));
    const effect = str(t, 'effect');
    errs.push(...enumField(effect, TAINT_EFFECTS, `${ip}.effect`, true));
    const k = `${key}:${effect ?? ''}`;
    if (seen.has(k)) errs.push({ type: 'FieldValueDuplicate', field: ip, value: t, detail: 'taints must be unique by key and effect pair' });
    seen.add(k);
  });
  return errs;
}

export function validateNode(node: KubeObject): FieldError[] {
  const spec = obj(node, 'spec');
  const errs = validateTaints(arr(spec, 'taints'), 'spec.taints');
  const cidrs = arr(spec, 'podCIDRs').map(String);
  cidrs.forEach((c, i) => errs.push(...isValidCIDR(c).map((m) => field.invalid(`spec.podCIDRs[${i}]`, c, m))));
  if (cidrs.length > 2) errs.push({ type: 'FieldValueTooMany', field: 'spec.podCIDRs', value: cidrs, detail: 'must have at most 2 items' });
  const podCIDR = str(spec, 'podCIDR');
  if (podCIDR && cidrs.length > 0 && cidrs[0] !== podCIDR) errs.push(field.invalid('spec.podCIDRs', cidrs, 'first entry must match spec.podCIDR'));
  errs.push(...validateNodeStatus(node));
  return errs;
}

function validateNodeStatus(node: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const status = obj(node, 'status');
  for (const k of ['capacity', 'allocatable']) {
    for (const [name, v] of Object.entries(obj(status, k))) {
      errs.push(...nameErrors(isQualifiedName, name, `status.${k}[${name}]`));
      nonNegativeQuantity(v, `status.${k}[${name}]`, errs);
    }
  }
  return errs;
}

export function validateNodeUpdate(node: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateNode(node);
  const spec = obj(node, 'spec');
  const oldSpec = obj(old, 'spec');
  const oldCIDRs = arr(oldSpec, 'podCIDRs');
  if (oldCIDRs.length > 0 && !deepEqual(arr(spec, 'podCIDRs'), oldCIDRs)) {
    errs.push(field.forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  }
  const oldProvider = str(oldSpec, 'providerID');
  if (oldProvider && str(spec, 'providerID') !== oldProvider) {
    errs.push(field.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  return errs;
}

export function validateNodeStatusUpdate(node: KubeObject): FieldError[] {
  const errs = validateNodeStatus(node);
  arr(obj(node, 'status'), 'conditions').forEach((c, i) => {
    if (!str(c, 'type')) errs.push(field.required(`status.conditions[${i}].type`, ''));
  });
  if (has(node, 'status') && arr(obj(node, 'status'), 'addresses').some((a) => !str(a, 'type'))) {
    errs.push(field.required('status.addresses', 'address type is required'));
  }
  return errs;
}
