// NodeUnschedulable: nodes with spec.unschedulable take only pods tolerating
// node.kubernetes.io/unschedulable:NoSchedule.

import type { ClusterEvent, EnqueueExtensions, FilterPlugin } from '../../framework/interface.ts';
import { unresolvable } from '../../framework/status.ts';
import type { MaybeStatus } from '../../framework/status.ts';
import type { NodeInfo, PodInfo } from '../../framework/types.ts';
import { toleratesTaint } from '../helper/taints.ts';
import { Names } from '../names.ts';

export const ErrReasonUnschedulable = 'node(s) were unschedulable';
const unschedulableTaint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {
  readonly name = Names.NodeUnschedulable;
  filter(_s: unknown, pi: PodInfo, ni: NodeInfo): MaybeStatus {
    if (!ni.unschedulable) return undefined;
    for (const t of pi.pod.spec?.tolerations ?? []) if (toleratesTaint(t, unschedulableTaint)) return undefined;
    return unresolvable(ErrReasonUnschedulable);
  }
  eventsToRegister(): ClusterEvent[] { return [{ resource: 'Node', actions: ['Add', 'Update'] }]; }
}
