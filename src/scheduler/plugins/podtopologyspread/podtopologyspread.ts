// PodTopologySpread (upstream podtopologyspread): DoNotSchedule constraints filter nodes whose
// domain would exceed maxSkew over the least loaded domain; ScheduleAnyway constraints (and the
// cluster defaults: hostname maxSkew 3, zone maxSkew 5) score nodes with fewer matching pods higher.

import type {
  ClusterEvent, CycleState, EnqueueExtensions, FilterPlugin, Handle, PreFilterExtensions, PreFilterPlugin, PreScorePlugin, ScorePlugin,
} from '../../framework/interface.ts';
import { MaxNodeScore } from '../../framework/interface.ts';
import { skip, unresolvable, unschedulable } from '../../framework/status.ts';
import type { MaybeStatus, Status } from '../../framework/status.ts';
import type { NodeInfo, PodInfo } from '../../framework/types.ts';
import { matches, selectorOf } from '../../../api/selectors/labels.ts';
import type { Selector } from '../../../api/selectors/labels.ts';
import { requiredNodeAffinityOf } from '../nodeaffinity/node_affinity.ts';
import { Names } from '../names.ts';
import { HostnameLabel, constraintsFor, countMatching, nodeIncluded, systemDefaultConstraints } from './common.ts';
import type { Constraint, DefaultConstraint } from './common.ts';

export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + ' (missing required label)';

const preFilterKey = 'PreFilter' + Names.PodTopologySpread;
const preScoreKey = 'PreScore' + Names.PodTopologySpread;

export interface PodTopologySpreadArgs {
  defaultConstraints?: DefaultConstraint[];
  defaultingType?: 'System' | 'List';
}

class PreFilterState {
  constraints: Constraint[] = [];
  /** Per constraint: topology value → matching pods. */
  counts: Map<string, number>[] = [];
  mins: number[] = [];
  recomputeMins(): void {
    this.mins = this.constraints.map((c, i) => {
      const m = this.counts[i] as Map<string, number>;
      if (m.size < c.minDomains) return 0;
      let min = Infinity;
      for (const v of m.values()) if (v < min) min = v;
      return min === Infinity ? 0 : min;
    });
  }
  clone(): PreFilterState {
    const c = new PreFilterState();
    c.constraints = this.constraints;
    c.counts = this.counts.map((m) => new Map(m));
    c.mins = [...this.mins];
    return c;
  }
}

interface PreScoreState {
  constraints: Constraint[];
  counts: Map<string, number>[];
  weights: number[];
  ignored: Set<string>;
}

function hasAllKeys(ni: NodeInfo, cs: readonly Constraint[]): boolean {
  for (const c of cs) if (!(c.topologyKey in ni.labels)) return false;
  return true;
}

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Names.PodTopologySpread;
  private readonly handle: Handle;
  private readonly defaults: DefaultConstraint[];

  constructor(args: PodTopologySpreadArgs = {}, handle: Handle) {
    this.handle = handle;
    this.defaults = (args.defaultingType ?? 'System') === 'System' ? systemDefaultConstraints : args.defaultConstraints ?? [];
  }

  private defaultSelector(pi: PodInfo): () => Selector | undefined {
    return () => {
      const sels = this.handle.defaultSelectors(pi.pod);
      if (!sels.length) return undefined;
      return selectorOf(sels.flatMap((s) => s.requirements));
    };
  }

  preFilter(s: CycleState, pi: PodInfo): { status?: Status } | undefined {
    const cs = constraintsFor(pi.pod, 'DoNotSchedule', this.defaults, this.defaultSelector(pi));
    if (cs.length === 0) return { status: skip() };
    const st = new PreFilterState();
    st.constraints = cs;
    st.counts = cs.map(() => new Map());
    const affinity = requiredNodeAffinityOf(pi);
    const ns = pi.pod.metadata?.namespace ?? '';
    for (const ni of this.handle.snapshot.list()) {
      if (!hasAllKeys(ni, cs)) continue;
      for (let i = 0; i < cs.length; i++) {
        const c = cs[i] as Constraint;
        if (!nodeIncluded(c, pi, ni, affinity)) continue;
        const v = ni.labels[c.topologyKey] as string;
        const m = st.counts[i] as Map<string, number>;
        m.set(v, (m.get(v) ?? 0) + countMatching(ni, c.selector, ns));
      }
    }
    st.recomputeMins();
    s.write(preFilterKey, st);
    return undefined;
  }

  preFilterExtensions(): PreFilterExtensions {
    const update = (s: CycleState, pi: PodInfo, other: PodInfo, ni: NodeInfo, sign: number): MaybeStatus => {
      const st = s.read<PreFilterState>(preFilterKey);
      if (!st || other.pod.metadata?.namespace !== pi.pod.metadata?.namespace || !hasAllKeys(ni, st.constraints)) return undefined;
      const affinity = requiredNodeAffinityOf(pi);
      st.constraints.forEach((c, i) => {
        if (!nodeIncluded(c, pi, ni, affinity) || !matches(c.selector, other.pod.metadata?.labels)) return;
        const m = st.counts[i] as Map<string, number>;
        const v = ni.labels[c.topologyKey] as string;
        m.set(v, (m.get(v) ?? 0) + sign);
      });
      st.recomputeMins();
      return undefined;
    };
    return {
      addPod: (s, pi, add, ni) => update(s, pi, add, ni, 1),
      removePod: (s, pi, rm, ni) => update(s, pi, rm, ni, -1),
    };
  }

  filter(s: CycleState, pi: PodInfo, ni: NodeInfo): MaybeStatus {
    const st = s.read<PreFilterState>(preFilterKey);
    if (!st) return undefined;
    const labels = pi.pod.metadata?.labels;
    for (let i = 0; i < st.constraints.length; i++) {
      const c = st.constraints[i] as Constraint;
      const v = ni.labels[c.topologyKey];
      if (v === undefined) return unresolvable(ErrReasonNodeLabelNotMatch);
      const self = matches(c.selector, labels) ? 1 : 0;
      const cnt = (st.counts[i] as Map<string, number>).get(v) ?? 0;
      if (cnt + self - (st.mins[i] as number) > c.maxSkew) return unschedulable(ErrReasonConstraintsNotMatch);
    }
    return undefined;
  }

  preScore(s: CycleState, pi: PodInfo, nodes: NodeInfo[]): MaybeStatus {
    const cs = constraintsFor(pi.pod, 'ScheduleAnyway', this.defaults, this.defaultSelector(pi));
    if (cs.length === 0) return skip();
    const st: PreScoreState = { constraints: cs, counts: cs.map(() => new Map()), weights: [], ignored: new Set() };
    const sizes = cs.map(() => new Set<string>());
    for (const ni of nodes) {
      if (!hasAllKeys(ni, cs)) { st.ignored.add(ni.name); continue; }
      cs.forEach((c, i) => {
        if (c.topologyKey === HostnameLabel) return;
        const v = ni.labels[c.topologyKey] as string;
        (st.counts[i] as Map<string, number>).set(v, 0);
        sizes[i]?.add(v);
      });
    }
    const candidates = nodes.length - st.ignored.size;
    st.weights = cs.map((c, i) => Math.log((c.topologyKey === HostnameLabel ? candidates : (sizes[i] as Set<string>).size) + 2));
    const affinity = requiredNodeAffinityOf(pi);
    const ns = pi.pod.metadata?.namespace ?? '';
    if (cs.some((c) => c.topologyKey !== HostnameLabel)) {
      for (const ni of this.handle.snapshot.list()) {
        if (!hasAllKeys(ni, cs)) continue;
        cs.forEach((c, i) => {
          if (c.topologyKey === HostnameLabel || !nodeIncluded(c, pi, ni, affinity)) return;
          const m = st.counts[i] as Map<string, number>;
          const v = ni.labels[c.topologyKey] as string;
          const cur = m.get(v);
          if (cur !== undefined) m.set(v, cur + countMatching(ni, c.selector, ns));
        });
      }
    }
    s.write(preScoreKey, st);
    return undefined;
  }

  score(s: CycleState, pi: PodInfo, ni: NodeInfo): number {
    const st = s.read<PreScoreState>(preScoreKey);
    if (!st) return 0;
    if (st.ignored.has(ni.name)) return -1;
    const ns = pi.pod.metadata?.namespace ?? '';
    let score = 0;
    for (let i = 0; i < st.constraints.length; i++) {
      const c = st.constraints[i] as Constraint;
      const v = ni.labels[c.topologyKey];
      if (v === undefined) continue;
      const cnt = c.topologyKey === HostnameLabel ? countMatching(ni, c.selector, ns) : (st.counts[i] as Map<string, number>).get(v) ?? 0;
      score += cnt * (st.weights[i] as number) + (c.maxSkew - 1);
    }
    return Math.round(score);
  }

  /** Fewer matching pods score higher; ignored nodes (score −1) get 0. */
  normalizeScore(s: CycleState, _pi: PodInfo, scores: Float64Array): MaybeStatus {
    if (!s.read<PreScoreState>(preScoreKey)) return undefined;
    let min = Infinity;
    let max = 0;
    for (const v of scores) { if (v < 0) continue; if (v < min) min = v; if (v > max) max = v; }
    for (let i = 0; i < scores.length; i++) {
      const v = scores[i] as number;
      if (v < 0) scores[i] = 0;
      else if (max === 0) scores[i] = MaxNodeScore;
      else scores[i] = Math.trunc((MaxNodeScore * (max + min - v)) / max);
    }
    return undefined;
  }

  eventsToRegister(): ClusterEvent[] {
    return [{ resource: 'AssignedPod', actions: ['Add', 'Update', 'Delete'] }, { resource: 'Node', actions: ['Add', 'Update', 'Delete'] }];
  }
}
