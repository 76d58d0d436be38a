// InterPodAffinity (upstream interpodaffinity): required pod affinity and anti-affinity, the
// existing pods' required anti-affinity, and preferred terms scored per topology.

import type { Pod } from 'kubernetes-types/core/v1.js';
import type {
  ClusterEvent, CycleState, EnqueueExtensions, FilterPlugin, Handle, PreFilterExtensions, PreFilterPlugin, PreScorePlugin, ScorePlugin,
} from '../../framework/interface.ts';
import { MaxNodeScore } from '../../framework/interface.ts';
import { skip, unresolvable, unschedulable } from '../../framework/status.ts';
import type { MaybeStatus, Status } from '../../framework/status.ts';
import { termMatches } from '../../framework/types.ts';
import type { AffinityTerm, NodeInfo, PodInfo } from '../../framework/types.ts';
import { Names } from '../names.ts';
import { TopologyCounts } from './counts.ts';

export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

const preFilterKey = 'PreFilter' + Names.InterPodAffinity;
const preScoreKey = 'PreScore' + Names.InterPodAffinity;

export interface InterPodAffinityArgs { hardPodAffinityWeight?: number }

class PreFilterState {
  existingAnti = new TopologyCounts();
  affinity = new TopologyCounts();
  anti = new TopologyCounts();
  clone(): PreFilterState {
    const c = new PreFilterState();
    c.existingAnti = this.existingAnti.clone();
    c.affinity = this.affinity.clone();
    c.anti = this.anti.clone();
    return c;
  }
}

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Names.InterPodAffinity;
  private readonly handle: Handle;
  private readonly hardWeight: number;
  private readonly nsLabels: (ns: string) => Record<string, string> | undefined;

  constructor(args: InterPodAffinityArgs = {}, handle: Handle) {
    this.handle = handle;
    this.hardWeight = args.hardPodAffinityWeight ?? 1;
    this.nsLabels = (ns) => handle.namespaceLabels(ns);
  }

  private matches(term: AffinityTerm, pod: Pod): boolean { return termMatches(term, pod, this.nsLabels); }

  /** Adds (sign 1) or removes (−1) an existing pod's contribution on a node to the state. */
  private update(st: PreFilterState, incoming: PodInfo, existing: PodInfo, node: NodeInfo, sign: number): void {
    const labels = node.labels;
    for (const t of existing.requiredAntiAffinityTerms) {
      const v = labels[t.topologyKey];
      if (v !== undefined && this.matches(t, incoming.pod)) st.existingAnti.add(t.topologyKey, v, sign);
    }
    for (const t of incoming.requiredAffinityTerms) {
      const v = labels[t.topologyKey];
      if (v !== undefined && this.matches(t, existing.pod)) st.affinity.add(t.topologyKey, v, sign);
    }
    for (const t of incoming.requiredAntiAffinityTerms) {
      const v = labels[t.topologyKey];
      if (v !== undefined && this.matches(t, existing.pod)) st.anti.add(t.topologyKey, v, sign);
    }
  }

  preFilter(s: CycleState, pi: PodInfo): { status?: Status } | undefined {
    const st = new PreFilterState();
    const own = pi.requiredAffinityTerms.length > 0 || pi.requiredAntiAffinityTerms.length > 0;
    const nodes = own ? this.handle.snapshot.list() : this.handle.snapshot.havePodsWithRequiredAntiAffinityList();
    for (const ni of nodes) {
      const pods = own ? ni.pods : ni.podsWithRequiredAntiAffinity;
      for (const ex of pods) {
        if (ex.key === pi.key) continue;
        if (own) this.update(st, pi, ex, ni, 1);
        else {
          for (const t of ex.requiredAntiAffinityTerms) {
            const v = ni.labels[t.topologyKey];
            if (v !== undefined && this.matches(t, pi.pod)) st.existingAnti.add(t.topologyKey, v, 1);
          }
        }
      }
    }
    if (!own && st.existingAnti.size === 0) return { status: skip() };
    s.write(preFilterKey, st);
    return undefined;
  }

  preFilterExtensions(): PreFilterExtensions {
    return {
      addPod: (s, pi, add, ni) => { const st = s.read<PreFilterState>(preFilterKey); if (st) this.update(st, pi, add, ni, 1); return undefined; },
      removePod: (s, pi, rm, ni) => { const st = s.read<PreFilterState>(preFilterKey); if (st) this.update(st, pi, rm, ni, -1); return undefined; },
    };
  }

  filter(s: CycleState, pi: PodInfo, ni: NodeInfo): MaybeStatus {
    const st = s.read<PreFilterState>(preFilterKey);
    if (!st) return undefined;
    const labels = ni.labels;
    if (pi.requiredAffinityTerms.length) {
      let exist = true;
      for (const t of pi.requiredAffinityTerms) {
        const v = labels[t.topologyKey];
        if (v === undefined) return unresolvable(ErrReasonAffinityRulesNotMatch);
        if (st.affinity.get(t.topologyKey, v) <= 0) exist = false;
      }
      // The first pod of a group that has affinity to itself may go anywhere with the keys.
      if (!exist && !(st.affinity.size === 0 && pi.requiredAffinityTerms.every((t) => this.matches(t, pi.pod)))) {
        return unresolvable(ErrReasonAffinityRulesNotMatch);
      }
    }
    for (const t of pi.requiredAntiAffinityTerms) {
      const v = labels[t.topologyKey];
      if (v !== undefined && st.anti.get(t.topologyKey, v) > 0) return unschedulable(ErrReasonAntiAffinityRulesNotMatch);
    }
    if (st.existingAnti.size) {
      for (const [k, m] of st.existingAnti.byKey) {
        const v = labels[k];
        if (v !== undefined && (m.get(v) ?? 0) > 0) return unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch);
      }
    }
    return undefined;
  }

  preScore(s: CycleState, pi: PodInfo, nodes: NodeInfo[]): MaybeStatus {
    const hasPreferred = pi.preferredAffinityTerms.length > 0 || pi.preferredAntiAffinityTerms.length > 0;
    const withAffinity = this.handle.snapshot.havePodsWithAffinityList();
    if (!hasPreferred && withAffinity.length === 0) return skip();
    const scores = new TopologyCounts();
    const all = hasPreferred ? this.handle.snapshot.list() : withAffinity;
    for (const ni of all) {
      const pods = hasPreferred ? ni.pods : ni.podsWithAffinity;
      for (const ex of pods) {
        if (ex.key === pi.key) continue;
        this.scoreExisting(scores, pi, ex, ni);
      }
    }
    if (scores.size === 0) return skip();
    void nodes;
    s.write(preScoreKey, scores);
    return undefined;
  }

  private scoreExisting(scores: TopologyCounts, pi: PodInfo, ex: PodInfo, ni: NodeInfo): void {
    const labels = ni.labels;
    const add = (key: string, w: number): void => { const v = labels[key]; if (v !== undefined && w !== 0) scores.add(key, v, w); };
    for (const t of pi.preferredAffinityTerms) if (this.matches(t, ex.pod)) add(t.topologyKey, t.weight);
    for (const t of pi.preferredAntiAffinityTerms) if (this.matches(t, ex.pod)) add(t.topologyKey, -t.weight);
    if (this.hardWeight > 0) for (const t of ex.requiredAffinityTerms) if (this.matches(t, pi.pod)) add(t.topologyKey, this.hardWeight);
    for (const t of ex.preferredAffinityTerms) if (this.matches(t, pi.pod)) add(t.topologyKey, t.weight);
    for (const t of ex.preferredAntiAffinityTerms) if (this.matches(t, pi.pod)) add(t.topologyKey, -t.weight);
  }

  score(s: CycleState, _pi: PodInfo, ni: NodeInfo): number {
    const scores = s.read<TopologyCounts>(preScoreKey);
    if (!scores) return 0;
    let sum = 0;
    for (const [k, m] of scores.byKey) {
      const v = ni.labels[k];
      if (v !== undefined) sum += m.get(v) ?? 0;
    }
    return sum;
  }

  normalizeScore(s: CycleState, _pi: PodInfo, scores: Float64Array): MaybeStatus {
    if (!s.read<TopologyCounts>(preScoreKey)) return undefined;
    let min = Infinity;
    let max = -Infinity;
    for (const v of scores) { if (v < min) min = v; if (v > max) max = v; }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MaxNodeScore * (((scores[i] as number) - min) / diff)) : 0;
    return undefined;
  }

  eventsToRegister(): ClusterEvent[] {
    return [
      { resource: 'AssignedPod', actions: ['Add', 'Update', 'Delete'] },
      { resource: 'Node', actions: ['Add', 'Update'] },
      { resource: 'Namespace', actions: ['Add', 'Update'] },
    ];
  }
}
