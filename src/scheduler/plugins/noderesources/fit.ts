// NodeResourcesFit: the node must have room for the pod's requests (cpu, memory,
// ephemeral-storage, extended resources) and one more pod; scored by LeastAllocated,
// MostAllocated or RequestedToCapacityRatio.

import type { ClusterEvent, CycleState, EnqueueExtensions, FilterPlugin, PreFilterPlugin, ScorePlugin } from '../../framework/interface.ts';
import { unschedulable } from '../../framework/status.ts';
import type { MaybeStatus, Status } from '../../framework/status.ts';
import type { NodeInfo, PodInfo } from '../../framework/types.ts';
import { Names } from '../names.ts';
import { leastAllocatedScorer, mostAllocatedScorer, requestedToCapacityRatioScorer } from './scoring.ts';
import type { ResourceSpec, Scorer, UtilizationShapePoint } from './scoring.ts';

export interface NodeResourcesFitArgs {
  ignoredResources?: string[];
  ignoredResourceGroups?: string[];
  scoringStrategy?: {
    type?: 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';
    resources?: ResourceSpec[];
    requestedToCapacityRatio?: { shape?: UtilizationShapePoint[] };
  };
}

export const defaultResources: ResourceSpec[] = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];

/** Why the pod does not fit the node (empty when it does), as upstream's fitsRequest. */
export function insufficientResources(pi: PodInfo, ni: NodeInfo, ignored?: (name: string) => boolean): string[] {
  const out: string[] = [];
  if (ni.pods.length + 1 > ni.allocatable.allowedPodNumber) out.push('Too many pods');
  const r = pi.requests;
  if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0 && r.scalar.size === 0) return out;
  const a = ni.allocatable;
  const u = ni.requested;
  if (r.milliCPU > 0 && r.milliCPU > a.milliCPU - u.milliCPU) out.push('Insufficient cpu');
  if (r.memory > 0 && r.memory > a.memory - u.memory) out.push('Insufficient memory');
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > a.ephemeralStorage - u.ephemeralStorage) out.push('Insufficient ephemeral-storage');
  for (const [name, q] of r.scalar) {
    if (q === 0 || ignored?.(name)) continue;
    if (q > (a.scalar.get(name) ?? 0) - (u.scalar.get(name) ?? 0)) out.push(`Insufficient ${name}`);
  }
  return out;
}

/** Fills requested/allocatable per resource for scoring (non-zero defaults for cpu and memory). */
export function fillAllocation(pi: PodInfo, ni: NodeInfo, resources: readonly ResourceSpec[], requested: Float64Array, allocatable: Float64Array, nonZero: boolean): void {
  for (let i = 0; i < resources.length; i++) {
    const name = (resources[i] as ResourceSpec).name;
    if (name === 'cpu') {
      allocatable[i] = ni.allocatableMilliCPU;
      requested[i] = nonZero ? ni.nonZeroMilliCPU + pi.nonZeroCPU : ni.requestedMilliCPU + pi.requests.milliCPU;
    } else if (name === 'memory') {
      allocatable[i] = ni.allocatableMemory;
      requested[i] = nonZero ? ni.nonZeroMemory + pi.nonZeroMemory : ni.requestedMemory + pi.requests.memory;
    } else if (name === 'ephemeral-storage') {
      allocatable[i] = ni.allocatableEphemeralStorage;
      requested[i] = ni.requestedEphemeralStorage + pi.requests.ephemeralStorage;
    } else {
      allocatable[i] = ni.allocatable.scalar.get(name) ?? 0;
      requested[i] = (ni.requested.scalar.get(name) ?? 0) + (pi.requests.scalar.get(name) ?? 0);
    }
  }
}

export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Names.NodeResourcesFit;
  private readonly ignored: (name: string) => boolean;
  private readonly resources: ResourceSpec[];
  private readonly scorer: Scorer;
  private readonly requested: Float64Array;
  private readonly allocatable: Float64Array;
  private readonly weights: Float64Array;

  constructor(args: NodeResourcesFitArgs = {}) {
    const ignored = new Set(args.ignoredResources ?? []);
    const groups = new Set(args.ignoredResourceGroups ?? []);
    this.ignored = (n) => ignored.has(n) || (n.includes('/') && groups.has(n.slice(0, n.indexOf('/'))));
    const st = args.scoringStrategy ?? {};
    this.resources = st.resources?.length ? st.resources : defaultResources;
    switch (st.type ?? 'LeastAllocated') {
      case 'MostAllocated': this.scorer = mostAllocatedScorer; break;
      case 'RequestedToCapacityRatio': {
        const shape = st.requestedToCapacityRatio?.shape ?? [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }];
        this.scorer = requestedToCapacityRatioScorer([...shape].sort((a, b) => a.utilization - b.utilization));
        break;
      }
      case 'LeastAllocated': this.scorer = leastAllocatedScorer; break;
      default: throw new Error(`NodeResourcesFit: unknown scoring strategy ${String(st.type)}`);
    }
    this.requested = new Float64Array(this.resources.length);
    this.allocatable = new Float64Array(this.resources.length);
    this.weights = Float64Array.from(this.resources.map((r) => r.weight || 1));
  }

  preFilter(): { status?: Status } | undefined { return undefined; }

  filter(_s: CycleState, pi: PodInfo, ni: NodeInfo): MaybeStatus {
    // The common case (it fits) without allocating.
    const r = pi.requests;
    if (ni.podCount + 1 <= ni.allowedPodNumber && r.milliCPU <= ni.allocatableMilliCPU - ni.requestedMilliCPU &&
      r.memory <= ni.allocatableMemory - ni.requestedMemory &&
      r.ephemeralStorage <= ni.allocatableEphemeralStorage - ni.requestedEphemeralStorage && r.scalar.size === 0) return undefined;
    const reasons = insufficientResources(pi, ni, this.ignored);
    return reasons.length ? unschedulable(...reasons) : undefined;
  }

  score(_s: CycleState, pi: PodInfo, ni: NodeInfo): number {
    fillAllocation(pi, ni, this.resources, this.requested, this.allocatable, true);
    return this.scorer(this.requested, this.allocatable, this.weights);
  }

  eventsToRegister(): ClusterEvent[] {
    return [{ resource: 'AssignedPod', actions: ['Delete', 'Update'] }, { resource: 'Node', actions: ['Add', 'Update'] }];
  }
}
