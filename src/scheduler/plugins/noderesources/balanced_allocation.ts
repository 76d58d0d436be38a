// NodeResourcesBalancedAllocation: prefers nodes whose resource fractions (requested /
// allocatable, including the pod) stay close to each other: score = (1 − std dev) × 100.

import type { ClusterEvent, CycleState, EnqueueExtensions, ScorePlugin } from '../../framework/interface.ts';
import { MaxNodeScore } from '../../framework/interface.ts';
import type { NodeInfo, PodInfo } from '../../framework/types.ts';
import { Names } from '../names.ts';
import { defaultResources, fillAllocation } from './fit.ts';
import type { ResourceSpec } from './scoring.ts';

export interface NodeResourcesBalancedAllocationArgs { resources?: ResourceSpec[] }

export class NodeResourcesBalancedAllocation implements ScorePlugin, EnqueueExtensions {
  readonly name = Names.NodeResourcesBalancedAllocation;
  private readonly resources: ResourceSpec[];
  private readonly requested: Float64Array;
  private readonly allocatable: Float64Array;

  constructor(args: NodeResourcesBalancedAllocationArgs = {}) {
    this.resources = args.resources?.length ? args.resources : defaultResources;
    this.requested = new Float64Array(this.resources.length);
    this.allocatable = new Float64Array(this.resources.length);
  }

  score(_s: CycleState, pi: PodInfo, ni: NodeInfo): number {
    fillAllocation(pi, ni, this.resources, this.requested, this.allocatable, false);
    let n = 0;
    let sum = 0;
    let f0 = 0;
    let f1 = 0;
    for (let i = 0; i < this.resources.length; i++) {
      const cap = this.allocatable[i] as number;
      if (cap === 0) continue;
      const f = Math.min((this.requested[i] as number) / cap, 1);
      if (n === 0) f0 = f; else if (n === 1) f1 = f;
      sum += f;
      n++;
    }
    let std = 0;
    if (n === 2) std = Math.abs(f0 - f1) / 2;
    else if (n > 2) {
      const mean = sum / n;
      let v = 0;
      for (let i = 0; i < this.resources.length; i++) {
        const cap = this.allocatable[i] as number;
        if (cap === 0) continue;
        const f = Math.min((this.requested[i] as number) / cap, 1);
        v += (f - mean) * (f - mean);
      }
      std = Math.sqrt(v / n);
    }
    return Math.trunc((1 - std) * MaxNodeScore);
  }

  eventsToRegister(): ClusterEvent[] {
    return [{ resource: 'AssignedPod', actions: ['Delete', 'Update'] }, { resource: 'Node', actions: ['Add', 'Update'] }];
  }
}
