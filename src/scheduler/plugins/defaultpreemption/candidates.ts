// Victim selection for DefaultPreemption (upstream preemption.go / default_preemption.go):
// remove every lower-priority pod from a copy of the node, check the preemptor fits, then add
// pods back (PDB-violating ones first, most important first) while it still fits.

import type { Pod } from 'kubernetes-types/core/v1.js';
import { matches } from '../../../api/selectors/labels.ts';
import type { CycleState, Handle, PodDisruptionBudgetLike } from '../../framework/interface.ts';
import type { Status} from '../../framework/status.ts';
import { unresolvable } from '../../framework/status.ts';
import { podPriority } from '../../framework/types.ts';
import type { NodeInfo, PodInfo } from '../../framework/types.ts';

export const ErrNoVictims = 'No preemption victims found for incoming pod';

export interface Candidate { nodeName: string; victims: PodInfo[]; numPDBViolations: number }

function startTime(p: Pod): number {
  const t = p.status?.startTime ?? p.metadata?.creationTimestamp;
  return t ? Date.parse(t) : 0;
}

/** upstream MoreImportantPod: higher priority, then earlier start. */
export function moreImportant(a: Pod, b: Pod): boolean {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pa > pb;
  return startTime(a) < startTime(b);
}

/** Splits pods into those whose eviction would violate a PDB and the rest. */
function filterByPDB(pods: PodInfo[], pdbs: PodDisruptionBudgetLike[]): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((p) => p.disruptionsAllowed);
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const pi of pods) {
    const m = pi.pod.metadata;
    let violates = false;
    pdbs.forEach((pdb, i) => {
      if (pdb.namespace !== m?.namespace || pdb.selector.requirements.length === 0 || !matches(pdb.selector, m.labels)) return;
      if (pdb.disruptedPods.has(m.name ?? '')) return;
      allowed[i] = (allowed[i] as number) - 1;
      if ((allowed[i] as number) < 0) violates = true;
    });
    (violates ? violating : nonViolating).push(pi);
  }
  return { violating, nonViolating };
}

export function selectVictimsOnNode(
  handle: Handle, state: CycleState, pi: PodInfo, original: NodeInfo, pdbs: PodDisruptionBudgetLike[],
): { victims: PodInfo[]; numPDBViolations: number; status?: Status } {
  const ni = original.clone();
  const fw = handle.framework;
  const prio = podPriority(pi.pod);
  const potential: PodInfo[] = [];
  for (const p of [...ni.pods]) {
    if (podPriority(p.pod) >= prio) continue;
    potential.push(p);
    ni.removePod(p.key);
    const st = fw.runPreFilterExtensionRemovePod(state, pi, p, ni);
    if (st && !st.isSuccess()) return { victims: [], numPDBViolations: 0, status: st };
  }
  if (potential.length === 0) return { victims: [], numPDBViolations: 0, status: unresolvable(ErrNoVictims) };
  const fits = fw.runFilterPluginsWithNominatedPods(state, pi, ni);
  if (fits && !fits.isSuccess()) return { victims: [], numPDBViolations: 0, status: fits };
  potential.sort((a, b) => (moreImportant(a.pod, b.pod) ? -1 : moreImportant(b.pod, a.pod) ? 1 : 0));
  const { violating, nonViolating } = filterByPDB(potential, pdbs);
  const victims: PodInfo[] = [];
  let numPDBViolations = 0;
  const reprieve = (p: PodInfo): boolean => {
    ni.addPod(p);
    fw.runPreFilterExtensionAddPod(state, pi, p, ni);
    const st = fw.runFilterPluginsWithNominatedPods(state, pi, ni);
    if (st && !st.isSuccess()) {
      ni.removePod(p.key);
      fw.runPreFilterExtensionRemovePod(state, pi, p, ni);
      victims.push(p);
      return false;
    }
    return true;
  };
  for (const p of violating) if (!reprieve(p)) numPDBViolations++;
  for (const p of nonViolating) reprieve(p);
  if (victims.length === 0) return { victims, numPDBViolations, status: unresolvable(ErrNoVictims) };
  return { victims, numPDBViolations };
}

/** upstream pickOneNodeForPreemption's criteria, applied in order. */
export function pickOneNode(cands: Candidate[]): Candidate | undefined {
  if (cands.length <= 1) return cands[0];
  const by = (list: Candidate[], key: (c: Candidate) => number, max = false): Candidate[] => {
    let best = max ? -Infinity : Infinity;
    let out: Candidate[] = [];
    for (const c of list) {
      const v = key(c);
      if (max ? v > best : v < best) { best = v; out = [c]; } else if (v === best) out.push(c);
    }
    return out;
  };
  const highest = (c: Candidate): number => Math.max(...c.victims.map((v) => podPriority(v.pod)));
  let list = by(cands, (c) => c.numPDBViolations);
  if (list.length > 1) list = by(list, highest);
  // Sum of priorities shifted so that fewer, lower-priority victims win.
  if (list.length > 1) list = by(list, (c) => c.victims.reduce((s, v) => s + podPriority(v.pod) + 2147483648, 0));
  if (list.length > 1) list = by(list, (c) => c.victims.length);
  if (list.length > 1) {
    const latest = (c: Candidate): number => {
      const hp = highest(c);
      let t = Infinity;
      for (const v of c.victims) if (podPriority(v.pod) === hp) t = Math.min(t, startTime(v.pod));
      return t;
    };
    list = by(list, latest, true);
  }
  return list[0];
}
