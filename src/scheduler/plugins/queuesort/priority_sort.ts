// PrioritySort: higher priority first, then earlier queue time (upstream queuesort).

import type { QueueSortPlugin, QueuedPodInfo } from '../../framework/interface.ts';
import { podPriority } from '../../framework/types.ts';
import { Names } from '../names.ts';

export class PrioritySort implements QueueSortPlugin {
  readonly name = Names.PrioritySort;
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
    const pa = podPriority(a.podInfo.pod);
    const pb = podPriority(b.podInfo.pod);
    return pa > pb || (pa === pb && a.timestamp < b.timestamp);
  }
}
