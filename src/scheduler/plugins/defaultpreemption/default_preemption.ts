// DefaultPreemption (PostFilter): when no node fits, find nodes where evicting lower-priority
// pods would let the pod fit, pick one by upstream's criteria, delete the victims and nominate
// the node for the pod.

import type { CycleState, Handle, PostFilterPlugin, PostFilterResult } from '../../framework/interface.ts';
import { Code, Status, unschedulable } from '../../framework/status.ts';
import { podPriority } from '../../framework/types.ts';
import type { NodeInfo, PodInfo } from '../../framework/types.ts';
import { Names } from '../names.ts';
import { ErrNoVictims, pickOneNode, selectVictimsOnNode } from './candidates.ts';
import type { Candidate } from './candidates.ts';
import { fitErrorMessage } from '../../framework/fit_error.ts';
import { isNotFound } from '../../../client/status.ts';

export interface DefaultPreemptionArgs { minCandidateNodesPercentage?: number; minCandidateNodesAbsolute?: number }

export const ErrPreemptionNotHelpful = 'Preemption is not helpful for scheduling';

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = Names.DefaultPreemption;
  private readonly handle: Handle;
  private readonly pct: number;
  private readonly abs: number;
  /** Rotates where the candidate search starts, as upstream's random offset does. */
  private offset = 0;

  constructor(args: DefaultPreemptionArgs = {}, handle: Handle) {
    this.handle = handle;
    this.pct = args.minCandidateNodesPercentage ?? 10;
    this.abs = args.minCandidateNodesAbsolute ?? 100;
  }

  /** Whether the pod may preempt (upstream PodEligibleToPreemptOthers). */
  private eligible(pi: PodInfo): string | undefined {
    if (pi.pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
    const nominated = pi.pod.status?.nominatedNodeName;
    if (nominated) {
      const ni = this.handle.snapshot.get(nominated);
      const prio = podPriority(pi.pod);
      // Victims from an earlier preemption are still terminating: wait for them.
      if (ni?.pods.some((p) => p.pod.metadata?.deletionTimestamp && podPriority(p.pod) < prio)) return 'not eligible due to a terminating pod on the nominated node.';
    }
    return undefined;
  }

  async postFilter(state: CycleState, pi: PodInfo, statuses: Map<string, Status>): Promise<{ result?: PostFilterResult; status: Status }> {
    const why = this.eligible(pi);
    if (why) return { status: unschedulable(`preemption: ${why}`) };
    const all = this.handle.snapshot.list();
    const nodeStatuses = new Map<string, Status>();
    const potential: NodeInfo[] = [];
    for (const ni of all) {
      const st = statuses.get(ni.name);
      if (st && st.code === Code.UnschedulableAndUnresolvable) nodeStatuses.set(ni.name, new Status(Code.UnschedulableAndUnresolvable, [ErrPreemptionNotHelpful]));
      else potential.push(ni);
    }
    if (potential.length === 0) {
      return { result: { nominatedNodeName: '' }, status: unschedulable(`preemption: ${fitErrorMessage(all.length, nodeStatuses, '', '')}`) };
    }
    const want = Math.min(Math.max(Math.trunc((all.length * this.pct) / 100), this.abs), potential.length);
    const pdbs = this.handle.podDisruptionBudgets();
    const cands: Candidate[] = [];
    const start = this.offset++ % potential.length;
    for (let k = 0; k < potential.length && cands.length < want; k++) {
      const ni = potential[(start + k) % potential.length] as NodeInfo;
      const r = selectVictimsOnNode(this.handle, state.clone(), pi, ni, pdbs);
      if (r.status) { nodeStatuses.set(ni.name, r.status); continue; }
      cands.push({ nodeName: ni.name, victims: r.victims, numPDBViolations: r.numPDBViolations });
    }
    const best = pickOneNode(cands);
    if (!best) {
      return { result: { nominatedNodeName: '' }, status: unschedulable(`preemption: ${fitErrorMessage(all.length, nodeStatuses, '', '')}`) };
    }
    const err = await this.prepare(pi, best);
    if (err) return { status: err };
    return { result: { nominatedNodeName: best.nodeName }, status: new Status(Code.Success) };
  }

  /** Deletes the victims (upstream prepareCandidate). */
  private async prepare(pi: PodInfo, c: Candidate): Promise<Status | undefined> {
    const client = this.handle.client;
    if (!client) return Status.error(new Error('DefaultPreemption: no API client'));
    try {
      await Promise.all(c.victims.map(async (v) => {
        const m = v.pod.metadata ?? {};
        this.handle.recordEvent?.(v.pod, 'Normal', 'Preempted', `Preempted by pod ${pi.pod.metadata?.uid ?? ''} on node ${c.nodeName}`);
        try {
          await client.delete({ group: '', version: 'v1', resource: 'pods', namespace: m.namespace, name: m.name }, { preconditions: { uid: m.uid } });
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }));
      return undefined;
    } catch (err) {
      return Status.error(err);
    }
  }
}

export { ErrNoVictims };
