// TaintToleration: filters out nodes with untolerated NoSchedule/NoExecute taints, and prefers
// nodes with fewer untolerated PreferNoSchedule taints.

import type { Toleration } from 'kubernetes-types/core/v1.js';
import type { ClusterEvent, CycleState, EnqueueExtensions, FilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interface.ts';
import { unresolvable } from '../../framework/status.ts';
import type { MaybeStatus } from '../../framework/status.ts';
import type { NodeInfo, PodInfo } from '../../framework/types.ts';
import { defaultNormalizeScore } from '../helper/normalize.ts';
import { findUntoleratedTaint, tolerationsTolerateTaint } from '../helper/taints.ts';
import { Names } from '../names.ts';

const preScoreKey = 'PreScore' + Names.TaintToleration;
const hard = (e: string): boolean => e === 'NoSchedule' || e === 'NoExecute';

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Names.TaintToleration;

  filter(_s: CycleState, pi: PodInfo, ni: NodeInfo): MaybeStatus {
    if (ni.taintCount === 0) return undefined;
    const taint = findUntoleratedTaint(ni.taints, pi.pod.spec?.tolerations, hard);
    if (!taint) return undefined;
    return unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  }

  preScore(s: CycleState, pi: PodInfo): MaybeStatus {
    const ts = (pi.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    s.write(preScoreKey, ts);
    return undefined;
  }

  score(s: CycleState, _pi: PodInfo, ni: NodeInfo): number {
    if (ni.taintCount === 0) return 0;
    const ts = s.read<Toleration[]>(preScoreKey) ?? [];
    let n = 0;
    for (const taint of ni.taints) if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(ts, taint)) n++;
    return n;
  }

  normalizeScore(_s: CycleState, _pi: PodInfo, scores: Float64Array): MaybeStatus {
    defaultNormalizeScore(scores, true);
    return undefined;
  }

  eventsToRegister(): ClusterEvent[] { return [{ resource: 'Node', actions: ['Add', 'Update'] }]; }
}
