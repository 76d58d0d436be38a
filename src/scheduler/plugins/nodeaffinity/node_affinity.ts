// NodeAffinity: nodeSelector and required node affinity as a filter (with a PreFilter result
// when matchFields pins metadata.name), preferred terms as a score; plus the profile's
// addedAffinity from NodeAffinityArgs.

import type { NodeAffinity as NodeAffinitySpec } from 'kubernetes-types/core/v1.js';
import type {
  ClusterEvent, CycleState, EnqueueExtensions, FilterPlugin, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScorePlugin,
} from '../../framework/interface.ts';
import { skip, unresolvable } from '../../framework/status.ts';
import type { MaybeStatus, Status } from '../../framework/status.ts';
import type { NodeInfo, PodInfo } from '../../framework/types.ts';
import { RequiredNodeAffinity, compilePreferred, termMatchesNode } from '../helper/nodeselector.ts';
import type { CompiledPreferred } from '../helper/nodeselector.ts';
import { defaultNormalizeScore } from '../helper/normalize.ts';
import { Names } from '../names.ts';

export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
export const ErrReasonEnforced = "node(s) didn't match scheduler-enforced node affinity";
const preFilterKey = 'PreFilter' + Names.NodeAffinity;
const preScoreKey = 'PreScore' + Names.NodeAffinity;

export interface NodeAffinityArgs { addedAffinity?: NodeAffinitySpec }

export function requiredNodeAffinityOf(pi: PodInfo): RequiredNodeAffinity {
  return new RequiredNodeAffinity(pi.pod.spec?.nodeSelector, pi.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
}

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Names.NodeAffinity;
  private readonly added: RequiredNodeAffinity | undefined;
  private readonly addedPreferred: CompiledPreferred[];

  constructor(args: NodeAffinityArgs = {}) {
    const a = args.addedAffinity;
    this.added = a?.requiredDuringSchedulingIgnoredDuringExecution ? new RequiredNodeAffinity(undefined, a.requiredDuringSchedulingIgnoredDuringExecution) : undefined;
    this.addedPreferred = compilePreferred(a?.preferredDuringSchedulingIgnoredDuringExecution);
  }

  preFilter(s: CycleState, pi: PodInfo): { result?: PreFilterResult; status?: Status } {
    const req = requiredNodeAffinityOf(pi);
    if (req.empty && !this.added) return { status: skip() };
    s.write(preFilterKey, req);
    const names = req.nodeNames();
    if (names && names.size === 0) return { status: unresolvable(ErrReasonPod) };
    return names ? { result: { nodeNames: names } } : {};
  }

  filter(s: CycleState, pi: PodInfo, ni: NodeInfo): MaybeStatus {
    if (this.added && !this.added.match(ni.labels, ni.name)) return unresolvable(ErrReasonEnforced);
    const req = s.read<RequiredNodeAffinity>(preFilterKey) ?? requiredNodeAffinityOf(pi);
    return req.match(ni.labels, ni.name) ? undefined : unresolvable(ErrReasonPod);
  }

  preScore(s: CycleState, pi: PodInfo): MaybeStatus {
    const pref = compilePreferred(pi.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    const all = this.addedPreferred.length ? [...pref, ...this.addedPreferred] : pref;
    if (all.length === 0) return skip();
    s.write(preScoreKey, all);
    return undefined;
  }

  score(s: CycleState, _pi: PodInfo, ni: NodeInfo): number {
    const pref = s.read<CompiledPreferred[]>(preScoreKey) ?? [];
    let sum = 0;
    for (const p of pref) if (termMatchesNode(p.term, ni.labels, ni.name)) sum += p.weight;
    return sum;
  }

  normalizeScore(_s: CycleState, _pi: PodInfo, scores: Float64Array): MaybeStatus {
    defaultNormalizeScore(scores, false);
    return undefined;
  }

  eventsToRegister(): ClusterEvent[] { return [{ resource: 'Node', actions: ['Add', 'Update'] }]; }
}
