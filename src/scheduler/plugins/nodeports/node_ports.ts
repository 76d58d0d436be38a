// NodePorts: a pod's hostPorts must be free on the node (same protocol and port, and the same
// host IP or either being 0.0.0.0).

import type { ClusterEvent, CycleState, EnqueueExtensions, FilterPlugin, PreFilterPlugin } from '../../framework/interface.ts';
import { skip, unschedulable } from '../../framework/status.ts';
import type { MaybeStatus, Status } from '../../framework/status.ts';
import type { NodeInfo, PodInfo } from '../../framework/types.ts';
import { Names } from '../names.ts';

export const ErrReasonNodePorts = "node(s) didn't have free ports for the requested pod ports";

export function portsConflict(pi: PodInfo, ni: NodeInfo): boolean {
  for (const p of pi.hostPorts) {
    const used = ni.usedPorts.get(`${p.protocol}/${p.port}`);
    if (!used || used.size === 0) continue;
    if (p.ip === '0.0.0.0' || used.has('0.0.0.0') || used.has(p.ip)) return true;
  }
  return false;
}

export class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = Names.NodePorts;
  preFilter(_s: CycleState, pi: PodInfo): { status?: Status } {
    return pi.hostPorts.length === 0 ? { status: skip() } : {};
  }
  filter(_s: CycleState, pi: PodInfo, ni: NodeInfo): MaybeStatus {
    return portsConflict(pi, ni) ? unschedulable(ErrReasonNodePorts) : undefined;
  }
  eventsToRegister(): ClusterEvent[] {
    return [{ resource: 'AssignedPod', actions: ['Delete'] }, { resource: 'Node', actions: ['Add', 'Update'] }];
  }
}
