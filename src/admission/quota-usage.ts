// What an object charges against a ResourceQuota (upstream's quota evaluators in
// pkg/quota/v1/evaluator/core): object counts, pod compute resources, service ports and claims.

import { quantityFromInt } from '../api/quantity.ts';
import { isObj, num, obj, objs, str } from '../api/kinds/access.ts';
import type { Obj } from '../api/kinds/access.ts';
import type { KubeObject } from '../api/types.ts';
import { addInto, containerResources, podResources, resourceList } from './resources.ts';
import type { ResourceList } from './resources.ts';

export interface GroupResource { group: string; resource: string }

/** Legacy names that count objects of core resources. */
const LEGACY_COUNTS: Record<string, string> = {
  pods: 'pods', services: 'services', configmaps: 'configmaps', secrets: 'secrets',
  persistentvolumeclaims: 'persistentvolumeclaims', replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

export function countName(gr: GroupResource): string {
  return `count/${gr.resource}${gr.group ? `.${gr.group}` : ''}`;
}

/** The resource whose objects a quota's hard resource name charges. */
export function resourceOfQuotaName(name: string): GroupResource | undefined {
  if (name.startsWith('count/')) {
    const rest = name.slice('count/'.length);
    const dot = rest.indexOf('.');
    return dot < 0 ? { group: '', resource: rest } : { group: rest.slice(dot + 1), resource: rest.slice(0, dot) };
  }
  const legacy = LEGACY_COUNTS[name];
  if (legacy) return { group: '', resource: legacy };
  if (name === 'services.loadbalancers' || name === 'services.nodeports') return { group: '', resource: 'services' };
  if (name === 'requests.storage' || name.includes(STORAGE_CLASS_SUFFIX)) return { group: '', resource: 'persistentvolumeclaims' };
  if (STANDARD_CONTAINER_RESOURCES.has(name) || name.startsWith('requests.') || name.startsWith('limits.') || name.startsWith('hugepages-')) {
    return { group: '', resource: 'pods' };
  }
  return undefined;
}

/** A pod still charges quota unless it finished or its deletion grace period ran out (QuotaV1Pod). */
export function podCountsForQuota(pod: KubeObject, now = Date.now()): boolean {
  const phase = str(obj(pod.status).phase);
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const del = pod.metadata.deletionTimestamp;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (del && grace !== undefined && now > Date.parse(del) + grace * 1000) return false;
  return true;
}

/** Pod compute usage: requests (as `cpu` and `requests.cpu`) and limits (`limits.cpu`). */
export function podComputeUsage(spec: Obj): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of podResources(spec, 'requests', true)) {
    if (STANDARD_CONTAINER_RESOURCES.has(k)) out.set(k, v);
    if (!k.startsWith('requests.')) out.set(`requests.${k}`, v);
    if (k.startsWith('hugepages-')) out.set(k, v);
  }
  for (const [k, v] of podResources(spec, 'limits', true)) out.set(`limits.${k}`, v);
  return out;
}

/** The resource names a container's own requests and limits give (for "must specify"). */
export function containerComputeNames(c: Obj): Set<string> {
  const names = new Set<string>();
  for (const k of containerResources(c, 'requests').keys()) { names.add(k); names.add(`requests.${k}`); }
  for (const k of containerResources(c, 'limits').keys()) names.add(`limits.${k}`);
  return names;
}

const one = (): ReturnType<typeof quantityFromInt> => quantityFromInt(1);

export function objectUsage(gr: GroupResource, o: KubeObject, now = Date.now()): ResourceList {
  const out: ResourceList = new Map([[countName(gr), one()]]);
  const legacy = gr.group === '' ? LEGACY_COUNTS[gr.resource] : undefined;
  if (gr.group === '' && gr.resource === 'pods') {
    if (!podCountsForQuota(o, now)) return out;
    out.set('pods', one());
    addInto(out, podComputeUsage(obj(o.spec)));
    return out;
  }
  if (legacy) out.set(legacy, one());
  if (gr.group === '' && gr.resource === 'services') {
    const spec = obj(o.spec);
    const ports = objs(spec.ports).length;
    if (spec.type === 'LoadBalancer') {
      out.set('services.loadbalancers', one());
      if (spec.allocateLoadBalancerNodePorts !== false) out.set('services.nodeports', quantityFromInt(ports));
    } else if (spec.type === 'NodePort') {
      out.set('services.nodeports', quantityFromInt(ports));
    }
  }
  if (gr.group === '' && gr.resource === 'persistentvolumeclaims') {
    const spec = obj(o.spec);
    const storage = resourceList(isObj(spec.resources) ? spec.resources.requests : undefined).get('storage');
    const cls = str(spec.storageClassName);
    if (storage) out.set('requests.storage', storage);
    if (cls) {
      out.set(`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, one());
      if (storage) out.set(`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
    }
  }
  return out;
}

/** Whether a quota's scopes (spec.scopes and spec.scopeSelector) select the object. */
export function quotaMatches(quota: KubeObject, gr: GroupResource, o: KubeObject): boolean {
  const spec = obj(quota.spec);
  const scopes = (Array.isArray(spec.scopes) ? spec.scopes : []).filter((s): s is string => typeof s === 'string');
  const exprs = objs(obj(spec.scopeSelector).matchExpressions);
  if (scopes.length === 0 && exprs.length === 0) return true;
  if (!(gr.group === '' && gr.resource === 'pods')) return false;
  const podSpec = obj(o.spec);
  const matchScope = (scope: string, op: string, values: string[]): boolean => {
    switch (scope) {
      case 'Terminating': return num(podSpec.activeDeadlineSeconds) !== undefined;
      case 'NotTerminating': return num(podSpec.activeDeadlineSeconds) === undefined;
      case 'BestEffort': return isBestEffort(podSpec);
      case 'NotBestEffort': return !isBestEffort(podSpec);
      case 'PriorityClass': {
        const pc = str(podSpec.priorityClassName);
        if (op === 'Exists') return pc !== '';
        if (op === 'DoesNotExist') return pc === '';
        if (op === 'In') return values.includes(pc);
        if (op === 'NotIn') return !values.includes(pc);
        return false;
      }
      default: return false;
    }
  };
  for (const s of scopes) if (!matchScope(s, 'Exists', [])) return false;
  for (const e of exprs) {
    const values = Array.isArray(e.values) ? e.values.filter((v): v is string => typeof v === 'string') : [];
    if (!matchScope(str(e.scopeName), str(e.operator), values)) return false;
  }
  return true;
}

function isBestEffort(spec: Obj): boolean {
  for (const c of [...objs(spec.initContainers), ...objs(spec.containers)]) {
    for (const which of ['requests', 'limits'] as const) {
      for (const k of containerResources(c, which).keys()) if (k === 'cpu' || k === 'memory') return false;
    }
  }
  return true;
}
