// The scheduler's per-pod and per-node views (upstream framework/types.go): PodInfo with
// precomputed requests and parsed affinity terms, and NodeInfo aggregating what is on a node.

import type { Node, Pod, PodAffinityTerm, Taint, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1.js';
import { labelSelectorAsSelector, matches, nothing } from '../../api/selectors/labels.ts';
import type { Selector } from '../../api/selectors/labels.ts';
import { addResource, addResourceList, emptyResource, podNonZeroRequests, podRequests, quantityNumber } from './resource.ts';
import type { Resource } from './resource.ts';

export interface AffinityTerm {
  namespaces: Set<string>;
  selector: Selector;
  topologyKey: string;
  /** undefined: no namespaceSelector; an empty selector matches every namespace. */
  namespaceSelector: Selector | undefined;
}

export interface WeightedAffinityTerm extends AffinityTerm { weight: number }

export interface PodInfo {
  pod: Pod;
  key: string;
  requests: Resource;
  nonZeroCPU: number;
  nonZeroMemory: number;
  requiredAffinityTerms: AffinityTerm[];
  requiredAntiAffinityTerms: AffinityTerm[];
  preferredAffinityTerms: WeightedAffinityTerm[];
  preferredAntiAffinityTerms: WeightedAffinityTerm[];
  /** hostPort entries as "protocol/ip/port". */
  hostPorts: { protocol: string; ip: string; port: number }[];
}

export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

function toSelector(ls: PodAffinityTerm['labelSelector']): Selector {
  try { return labelSelectorAsSelector(ls); } catch { return nothing(); }
}

export function affinityTerm(pod: Pod, t: PodAffinityTerm): AffinityTerm {
  const namespaces = new Set(t.namespaces ?? []);
  let nsSel: Selector | undefined;
  if (t.namespaceSelector) nsSel = toSelector(t.namespaceSelector);
  // No namespaces and no namespaceSelector: the pod's own namespace.
  if (namespaces.size === 0 && !t.namespaceSelector) namespaces.add(pod.metadata?.namespace ?? '');
  let selector = toSelector(t.labelSelector);
  // matchLabelKeys / mismatchLabelKeys merge the incoming pod's label values into the selector.
  const labels = pod.metadata?.labels ?? {};
  const extra = [
    ...(t.matchLabelKeys ?? []).filter((k) => k in labels).map((k) => ({ key: k, operator: 'in' as const, values: [labels[k] ?? ''] })),
    ...(t.mismatchLabelKeys ?? []).filter((k) => k in labels).map((k) => ({ key: k, operator: 'notin' as const, values: [labels[k] ?? ''] })),
  ];
  if (extra.length && !selector.nothing) selector = { ...selector, requirements: [...selector.requirements, ...extra] };
  return { namespaces, selector, topologyKey: t.topologyKey, namespaceSelector: nsSel };
}

function weighted(pod: Pod, ts: WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (ts ?? []).map((w) => ({ ...affinityTerm(pod, w.podAffinityTerm), weight: w.weight }));
}

export function newPodInfo(pod: Pod): PodInfo {
  const nz = podNonZeroRequests(pod);
  const aff = pod.spec?.affinity;
  const hostPorts: PodInfo['hostPorts'] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.hostPort) hostPorts.push({ protocol: p.protocol ?? 'TCP', ip: p.hostIP || '0.0.0.0', port: p.hostPort });
    }
  }
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) {
      if (p.hostPort) hostPorts.push({ protocol: p.protocol ?? 'TCP', ip: p.hostIP || '0.0.0.0', port: p.hostPort });
    }
  }
  return {
    pod,
    key: podKey(pod),
    requests: podRequests(pod),
    nonZeroCPU: nz.milliCPU,
    nonZeroMemory: nz.memory,
    requiredAffinityTerms: (aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t)),
    requiredAntiAffinityTerms: (aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t)),
    preferredAffinityTerms: weighted(pod, aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinityTerms: weighted(pod, aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    hostPorts,
  };
}

/** Whether the term selects `pod` (namespace and labels); nsLabels resolves namespaceSelector. */
export function termMatches(term: AffinityTerm, pod: Pod, nsLabels: ((ns: string) => Record<string, string> | undefined) | undefined): boolean {
  const ns = pod.metadata?.namespace ?? '';
  if (!term.namespaces.has(ns)) {
    if (!term.namespaceSelector || !nsLabels) return false;
    if (!matches(term.namespaceSelector, nsLabels(ns) ?? {})) return false;
  }
  return matches(term.selector, pod.metadata?.labels);
}

/** An image on a node; summary is shared by every node holding the image. */
export interface ImageState { size: number; summary: { numNodes: number } }

/** Everything the scheduler knows about one node. */
export class NodeInfo {
  // The numbers every filter and score reads for every node, kept flat at the front of the
  // object (copies of requested/allocatable/pods/taints, refreshed by syncHot): at 5,000 nodes
  // the filter loop is bound by memory loads, and following four objects per node cost more
  // than the comparisons.
  podCount = 0;
  allowedPodNumber = 0;
  allocatableMilliCPU = 0;
  allocatableMemory = 0;
  allocatableEphemeralStorage = 0;
  requestedMilliCPU = 0;
  requestedMemory = 0;
  requestedEphemeralStorage = 0;
  nonZeroMilliCPU = 0;
  nonZeroMemory = 0;
  taintCount = 0;
  unschedulable = false;
  node: Node | undefined;
  name: string;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** "protocol/port" → host IPs in use. */
  usedPorts = new Map<string, Set<string>>();
  requested: Resource = emptyResource();
  nonZeroRequested: Resource = emptyResource();
  allocatable: Resource = emptyResource();
  /** Image name → state, for images present on this node. */
  imageStates = new Map<string, ImageState>();
  labels: Record<string, string> = {};
  taints: Taint[] = [];
  /** Bumped on every change; the snapshot copies only changed nodes. */
  generation = 0;

  constructor(name: string, node?: Node) {
    this.name = name;
    if (node) this.setNode(node);
  }

  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata?.labels ?? {};
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = node.spec?.unschedulable === true;
    const a = emptyResource();
    addResourceList(a, (node.status?.allocatable ?? node.status?.capacity) as Record<string, string> | undefined);
    this.allocatable = a;
    this.syncHot();
  }

  /** Refreshes the flat copies after requested, allocatable, pods or taints changed. */
  syncHot(): void {
    const a = this.allocatable;
    const r = this.requested;
    this.podCount = this.pods.length;
    this.allowedPodNumber = a.allowedPodNumber;
    this.allocatableMilliCPU = a.milliCPU;
    this.allocatableMemory = a.memory;
    this.allocatableEphemeralStorage = a.ephemeralStorage;
    this.requestedMilliCPU = r.milliCPU;
    this.requestedMemory = r.memory;
    this.requestedEphemeralStorage = r.ephemeralStorage;
    this.nonZeroMilliCPU = this.nonZeroRequested.milliCPU;
    this.nonZeroMemory = this.nonZeroRequested.memory;
    this.taintCount = this.taints.length;
  }

  addPod(pi: PodInfo): void {
    this.pods.push(pi);
    if (pi.requiredAffinityTerms.length || pi.requiredAntiAffinityTerms.length || pi.preferredAffinityTerms.length || pi.preferredAntiAffinityTerms.length) {
      this.podsWithAffinity.push(pi);
    }
    if (pi.requiredAntiAffinityTerms.length) this.podsWithRequiredAntiAffinity.push(pi);
    addResource(this.requested, pi.requests);
    this.nonZeroRequested.milliCPU += pi.nonZeroCPU;
    this.nonZeroRequested.memory += pi.nonZeroMemory;
    for (const p of pi.hostPorts) {
      const k = `${p.protocol}/${p.port}`;
      let s = this.usedPorts.get(k);
      if (!s) { s = new Set(); this.usedPorts.set(k, s); }
      s.add(p.ip);
    }
    this.syncHot();
    this.generation++;
  }

  /** Removes the pod with this key; false when it was not here. */
  removePod(key: string): boolean {
    const i = this.pods.findIndex((p) => p.key === key);
    if (i < 0) return false;
    const pi = this.pods[i] as PodInfo;
    this.pods.splice(i, 1);
    const rm = (list: PodInfo[]): void => { const j = list.findIndex((p) => p.key === key); if (j >= 0) list.splice(j, 1); };
    rm(this.podsWithAffinity);
    rm(this.podsWithRequiredAntiAffinity);
    addResource(this.requested, pi.requests, -1);
    this.nonZeroRequested.milliCPU -= pi.nonZeroCPU;
    this.nonZeroRequested.memory -= pi.nonZeroMemory;
    for (const p of pi.hostPorts) this.usedPorts.get(`${p.protocol}/${p.port}`)?.delete(p.ip);
    this.syncHot();
    this.generation++;
    return true;
  }

  /** A copy whose pod lists and totals can be changed without touching this one (preemption). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.node = this.node;
    c.labels = this.labels;
    c.taints = this.taints;
    c.unschedulable = this.unschedulable;
    c.allocatable = this.allocatable;
    c.imageStates = this.imageStates;
    c.pods = [...this.pods];
    c.podsWithAffinity = [...this.podsWithAffinity];
    c.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity];
    c.usedPorts = new Map([...this.usedPorts].map(([k, v]) => [k, new Set(v)]));
    c.requested = { ...this.requested, scalar: new Map(this.requested.scalar) };
    c.nonZeroRequested = { ...this.nonZeroRequested, scalar: new Map() };
    c.syncHot();
    c.generation = this.generation;
    return c;
  }
}

export { quantityNumber };
