// NodeName: a pod with spec.nodeName fits only that node.

import type { ClusterEvent, EnqueueExtensions, FilterPlugin } from '../../framework/interface.ts';
import { unresolvable } from '../../framework/status.ts';
import type { MaybeStatus } from '../../framework/status.ts';
import type { NodeInfo, PodInfo } from '../../framework/types.ts';
import { Names } from '../names.ts';

export const ErrReasonNodeName = "node(s) didn't match the requested node name";

export class NodeName implements FilterPlugin, EnqueueExtensions {
  readonly name = Names.NodeName;
  filter(_s: unknown, pi: PodInfo, ni: NodeInfo): MaybeStatus {
    const want = pi.pod.spec?.nodeName;
    if (want && want !== ni.name) return unresolvable(ErrReasonNodeName);
    return undefined;
  }
  eventsToRegister(): ClusterEvent[] { return [{ resource: 'Node', actions: ['Add', 'Update'] }]; }
}
