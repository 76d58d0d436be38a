// What a DaemonSet sync should do (upstream podsShouldBeOnNode, rollingUpdate and updateStatus):
// per node, create a missing pod, delete extras, failed pods and pods on nodes that no longer
// qualify; roll old-revision pods within maxUnavailable/maxSurge; count the status.

import type { DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { ControllerRevisionHashLabel } from '../common/history.ts';
import { isPodAvailable, isPodReady } from '../common/pods.ts';
import { nodeShouldRunDaemonPod, targetNode } from './predicates.ts';

export interface DaemonPlan {
  toCreate: string[];
  toDelete: Pod[];
  status: DaemonSetStatus;
  requeueAfter?: number;
}

/** An int or percent of `total`, rounded up (upstream GetScaledValueFromIntOrPercent, roundUp). */
export function scaled(v: number | string | undefined, total: number, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  return m ? Math.ceil((Number(m[1]) * total) / 100) : Number(v) || 0;
}

export function plan(ds: DaemonSet, nodes: Node[], pods: Pod[], hash: string, nowMs: number): DaemonPlan {
  const tplPod: Pod = { spec: ds.spec?.template.spec ?? { containers: [] } };
  tplPod.spec = { ...tplPod.spec, containers: tplPod.spec?.containers ?? [], tolerations: [...(tplPod.spec?.tolerations ?? []),
    // The default tolerations: not-ready/unreachable/pressure/unschedulable do not stop a daemon.
    ...['not-ready', 'unreachable', 'disk-pressure', 'memory-pressure', 'pid-pressure', 'unschedulable'].map((k) => ({ key: `node.kubernetes.io/${k}`, operator: 'Exists' }))] };
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const byNode = new Map<string, Pod[]>();
  for (const p of pods) {
    const n = targetNode(p);
    if (!n) continue;
    const l = byNode.get(n) ?? [];
    l.push(p);
    byNode.set(n, l);
  }
  const toCreate: string[] = [];
  const toDelete: Pod[] = [];
  const s = { desired: 0, current: 0, misscheduled: 0, ready: 0, available: 0, updated: 0 };
  let requeueAfter: number | undefined;
  const eligible: { node: string; pods: Pod[] }[] = [];
  for (const node of nodes) {
    const name = node.metadata?.name ?? '';
    const onNode = (byNode.get(name) ?? []).filter((p) => !p.metadata?.deletionTimestamp);
    const should = nodeShouldRunDaemonPod(node, tplPod);
    if (!should) {
      if (onNode.length) { s.misscheduled++; toDelete.push(...onNode); }
      continue;
    }
    s.desired++;
    // Failed pods are deleted and replaced (upstream backs off per node; the next sync recreates).
    const failed = onNode.filter((p) => p.status?.phase === 'Failed');
    toDelete.push(...failed);
    const alive = onNode.filter((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
    if (!alive.length) {
      if (!(byNode.get(name) ?? []).some((p) => p.metadata?.deletionTimestamp)) toCreate.push(name);
      continue;
    }
    s.current++;
    const updated = alive.filter((p) => p.metadata?.labels?.[ControllerRevisionHashLabel] === hash);
    const old = alive.filter((p) => p.metadata?.labels?.[ControllerRevisionHashLabel] !== hash);
    // More than one pod: keep the oldest of the newest revision when surging is done.
    const keep = updated.length ? oldest(updated) : oldest(old);
    const newest = updated.length ? oldest(updated) : undefined;
    if (updated.length > 1) toDelete.push(...updated.filter((p) => p !== keep));
    if (newest && isPodReady(newest)) {
      s.ready++;
      if (isPodAvailable(newest, minReady, nowMs)) s.available++;
      else requeueAfter = minReady * 1000;
    } else if (!newest && isPodReady(keep)) {
      s.ready++;
      if (isPodAvailable(keep, minReady, nowMs)) s.available++;
    }
    if (updated.length) s.updated++;
    eligible.push({ node: name, pods: alive });
  }
  if (ds.spec?.updateStrategy?.type !== 'OnDelete') rollingUpdate(ds, eligible, hash, s.desired, minReady, nowMs, toCreate, toDelete);
  const status: DaemonSetStatus = {
    desiredNumberScheduled: s.desired, currentNumberScheduled: s.current, numberMisscheduled: s.misscheduled,
    numberReady: s.ready, numberAvailable: s.available, updatedNumberScheduled: s.updated,
    numberUnavailable: Math.max(0, s.desired - s.available),
  };
  return { toCreate, toDelete: [...new Set(toDelete)], status, requeueAfter };
}

function oldest(pods: Pod[]): Pod {
  return pods.slice().sort((a, b) => Date.parse(a.metadata?.creationTimestamp ?? '') - Date.parse(b.metadata?.creationTimestamp ?? '')
    || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))[0] as Pod;
}

/** Upstream's rollingUpdate: without surge delete old pods within maxUnavailable; with surge create new ones first. */
function rollingUpdate(ds: DaemonSet, eligible: { node: string; pods: Pod[] }[], hash: string, desired: number, minReady: number, nowMs: number, toCreate: string[], toDelete: Pod[]): void {
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  const maxSurge = scaled(ru?.maxSurge, desired, 0);
  let maxUnavailable = scaled(ru?.maxUnavailable, desired, 1);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  const isNew = (p: Pod): boolean => p.metadata?.labels?.[ControllerRevisionHashLabel] === hash;
  const avail = (p: Pod): boolean => isPodAvailable(p, minReady, nowMs);
  if (maxSurge === 0) {
    let unavailable = eligible.filter((e) => !e.pods.some(avail)).length + toCreate.length;
    const candidates: Pod[] = [];
    for (const e of eligible) {
      const old = e.pods.filter((p) => !isNew(p));
      if (!old.length || e.pods.some(isNew)) continue;
      // Unavailable old pods may always go: they do not lower availability.
      if (!old.some(avail)) toDelete.push(...old);
      else candidates.push(...old);
    }
    for (const p of candidates) {
      if (unavailable >= maxUnavailable) break;
      toDelete.push(p);
      unavailable++;
    }
    return;
  }
  let surging = eligible.filter((e) => e.pods.some(isNew) && e.pods.some((p) => !isNew(p))).length;
  for (const e of eligible) {
    const old = e.pods.filter((p) => !isNew(p));
    const fresh = e.pods.filter(isNew);
    if (!old.length) continue;
    if (fresh.length) {
      if (fresh.some(avail) || !old.some(avail)) toDelete.push(...old);
      continue;
    }
    if (!old.some(avail)) { toDelete.push(...old); continue; }
    if (surging < maxSurge) { toCreate.push(e.node); surging++; }
  }
}
