// The scheduling algorithm of one cycle (upstream schedule_one.go schedulePod): PreFilter,
// Filter over a rotating window of nodes until enough feasible ones are found
// (percentageOfNodesToScore), then PreScore/Score/NormalizeScore and a random pick among the best.

import { fitErrorMessage } from './framework/fit_error.ts';
import type { CycleState } from './framework/interface.ts';
import type { Framework } from './framework/runtime.ts';
import { Code, Status } from './framework/status.ts';
import type { NodeInfo, PodInfo } from './framework/types.ts';
import type { Snapshot } from './cache/snapshot.ts';

export const MinFeasibleNodesToFind = 100;
export const MinFeasibleNodesPercentageToFind = 5;
export const ErrNoNodesAvailable = 'no nodes available to schedule pods';

/** How many feasible nodes to look for before scoring (upstream numFeasibleNodesToFind). */
export function numFeasibleNodesToFind(percentage: number | undefined, numAllNodes: number): number {
  if (numAllNodes < MinFeasibleNodesToFind) return numAllNodes;
  let adaptive = percentage ?? 0;
  if (adaptive <= 0) {
    adaptive = 50 - Math.trunc(numAllNodes / 125);
    if (adaptive < MinFeasibleNodesPercentageToFind) adaptive = MinFeasibleNodesPercentageToFind;
  }
  if (adaptive >= 100) return numAllNodes;
  const n = Math.trunc((numAllNodes * adaptive) / 100);
  return n < MinFeasibleNodesToFind ? MinFeasibleNodesToFind : n;
}

/** No node fits: the per-node statuses and messages for the FailedScheduling event. */
export class FitError {
  readonly numAllNodes: number;
  readonly statuses: Map<string, Status>;
  readonly preFilterMsg: string;
  postFilterMsg = '';
  /** Plugins that rejected the pod somewhere (the queue re-queues on their events). */
  readonly unschedulablePlugins: Set<string>;

  constructor(numAllNodes: number, statuses: Map<string, Status>, preFilterMsg: string, plugins: Set<string>) {
    this.numAllNodes = numAllNodes;
    this.statuses = statuses;
    this.preFilterMsg = preFilterMsg;
    this.unschedulablePlugins = plugins;
  }

  message(): string {
    if (this.numAllNodes === 0 && !this.preFilterMsg) return ErrNoNodesAvailable;
    return fitErrorMessage(this.numAllNodes, this.statuses, this.preFilterMsg, this.postFilterMsg);
  }
}

export interface ScheduleResult { suggestedHost: string; evaluatedNodes: number; feasibleNodes: number }

export class Algorithm {
  private nextStartNodeIndex = 0;
  private readonly globalPercentage: number | undefined;

  constructor(globalPercentage?: number) {
    this.globalPercentage = globalPercentage;
  }

  schedulePod(fwk: Framework, state: CycleState, pi: PodInfo, snapshot: Snapshot): ScheduleResult | FitError | Status {
    const all = snapshot.list();
    if (all.length === 0) return new FitError(0, new Map(), '', new Set());
    const pre = fwk.runPreFilterPlugins(state, pi);
    if (pre.status) {
      if (!pre.status.isRejected()) return pre.status;
      const statuses = new Map<string, Status>();
      for (const ni of all) statuses.set(ni.name, pre.status);
      return new FitError(all.length, statuses, pre.status.message(), pre.plugins);
    }
    const statuses = new Map<string, Status>();
    const plugins = new Set<string>();
    let feasible: NodeInfo[] | undefined;
    // A pod nominated by an earlier preemption tries its node first.
    const nominated = pi.pod.status?.nominatedNodeName;
    if (nominated && (!pre.nodeNames || pre.nodeNames.has(nominated))) {
      const ni = snapshot.get(nominated);
      if (ni && fwk.runFilterPluginsWithNominatedPods(state, pi, ni) === undefined) feasible = [ni];
    }
    let evaluated = 1;
    if (!feasible) {
      let nodes = all;
      if (pre.nodeNames) {
        nodes = [];
        for (const n of pre.nodeNames) { const ni = snapshot.get(n); if (ni) nodes.push(ni); }
      }
      const r = this.findNodesThatPassFilters(fwk, state, pi, nodes, all.length, statuses, plugins);
      if (r instanceof Status) return r;
      feasible = r.feasible;
      evaluated = r.evaluated;
      if (pre.nodeNames) {
        // Nodes the PreFilter result left out count as rejected by it.
        for (const ni of all) {
          if (!pre.nodeNames.has(ni.name)) statuses.set(ni.name, new Status(Code.UnschedulableAndUnresolvable, ["node(s) didn't satisfy plugin(s) [NodeAffinity]"]));
        }
      }
    }
    if (feasible.length === 0) return new FitError(all.length, statuses, '', plugins);
    if (feasible.length === 1) return { suggestedHost: (feasible[0] as NodeInfo).name, evaluatedNodes: evaluated, feasibleNodes: 1 };
    const pst = fwk.runPreScorePlugins(state, pi, feasible);
    if (pst) return pst;
    const scores = fwk.runScorePlugins(state, pi, feasible);
    if (scores instanceof Status) return scores;
    return { suggestedHost: selectHost(feasible, scores), evaluatedNodes: evaluated + statuses.size, feasibleNodes: feasible.length };
  }

  private findNodesThatPassFilters(
    fwk: Framework, state: CycleState, pi: PodInfo, nodes: NodeInfo[], numAll: number, statuses: Map<string, Status>, plugins: Set<string>,
  ): { feasible: NodeInfo[]; evaluated: number } | Status {
    const want = numFeasibleNodesToFind(fwk.percentageOfNodesToScore ?? this.globalPercentage, nodes.length);
    const n = nodes.length;
    const feasible: NodeInfo[] = [];
    const start = n ? this.nextStartNodeIndex % n : 0;
    let processed = 0;
    for (let i = 0; i < n && feasible.length < want; i++) {
      const ni = nodes[(start + i) % n] as NodeInfo;
      processed++;
      const st = fwk.runFilterPluginsWithNominatedPods(state, pi, ni);
      if (st === undefined) { feasible.push(ni); continue; }
      if (st.code === Code.Error) return st;
      statuses.set(ni.name, st);
      plugins.add(st.plugin);
    }
    this.nextStartNodeIndex = n ? (start + processed) % n : 0;
    void numAll;
    return { feasible, evaluated: processed };
  }
}

/** The highest total; ties broken uniformly at random (reservoir sampling). */
export function selectHost(nodes: NodeInfo[], scores: Float64Array): string {
  let best = -Infinity;
  let pick = 0;
  let ties = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (s > best) { best = s; pick = i; ties = 1; } else if (s === best) {
      ties++;
      if (Math.random() * ties < 1) pick = i;
    }
  }
  return (nodes[pick] as NodeInfo).name;
}
