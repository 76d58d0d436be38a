// Pods nominated to nodes by preemption, so that other pods do not take the room freed for
// them (upstream nominator in the scheduling queue).

import type { PodNominator } from '../framework/interface.ts';
import type { PodInfo } from '../framework/types.ts';

export class Nominator implements PodNominator {
  private readonly byNode = new Map<string, PodInfo[]>();
  private readonly nodeOf = new Map<string, string>();

  /** Records or moves a nomination; an empty node name removes it. */
  add(pi: PodInfo, nodeName: string): void {
    this.delete(pi.key);
    if (!nodeName) return;
    this.nodeOf.set(pi.key, nodeName);
    let l = this.byNode.get(nodeName);
    if (!l) { l = []; this.byNode.set(nodeName, l); }
    l.push(pi);
  }

  delete(key: string): void {
    const n = this.nodeOf.get(key);
    if (n === undefined) return;
    this.nodeOf.delete(key);
    const l = this.byNode.get(n);
    if (!l) return;
    const i = l.findIndex((p) => p.key === key);
    if (i >= 0) l.splice(i, 1);
    if (l.length === 0) this.byNode.delete(n);
  }

  nominatedNodeOf(key: string): string | undefined { return this.nodeOf.get(key); }

  nominatedPodsForNode(nodeName: string): PodInfo[] {
    return this.byNode.get(nodeName) ?? [];
  }

  get size(): number { return this.nodeOf.size; }
}
