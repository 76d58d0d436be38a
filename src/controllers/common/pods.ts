// Pod helpers the workload controllers share (upstream's podutil and controller_utils):
// activeness, readiness, availability after minReadySeconds, and the deletion ranking.

import type { Pod, PodCondition } from 'kubernetes-types/core/v1.js';

export function isPodActive(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata?.deletionTimestamp;
}

export function podReadyCondition(p: Pod): PodCondition | undefined {
  return p.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(p: Pod): boolean {
  return podReadyCondition(p)?.status === 'True';
}

/** Ready for at least minReadySeconds (upstream podutil.IsPodAvailable). */
export function isPodAvailable(p: Pod, minReadySeconds: number, nowMs: number): boolean {
  const c = podReadyCondition(p);
  if (c?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
  return Number.isFinite(since) && since + minReadySeconds * 1000 <= nowMs;
}

function ts(s: string | undefined): number {
  const n = s ? Date.parse(s) : NaN;
  return Number.isFinite(n) ? n : 0;
}

const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function restarts(p: Pod): number {
  let max = 0;
  for (const c of p.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount);
  return max;
}

/**
 * Upstream's ActivePodsWithRanks ordering: the pods to delete first sort first. Unassigned before
 * assigned; Pending < Unknown < Running; not ready before ready; pods sharing a node with more
 * related pods first (rank); ready for less time first; more restarts first; newer first.
 */
export function comparePodsForDeletion(a: Pod, b: Pod, rank: (p: Pod) => number, nowMs: number): number {
  const aNode = a.spec?.nodeName ?? '';
  const bNode = b.spec?.nodeName ?? '';
  if (aNode !== bNode && (aNode === '' || bNode === '')) return aNode === '' ? -1 : 1;
  const pa = phaseRank[a.status?.phase ?? 'Pending'] ?? 0;
  const pb = phaseRank[b.status?.phase ?? 'Pending'] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ka = rank(a);
  const kb = rank(b);
  if (ka !== kb) return kb - ka;
  if (ra && rb) {
    // Ready for less time first (upstream compares in log scale buckets; plain time is close).
    const ta = ts(podReadyCondition(a)?.lastTransitionTime);
    const tb = ts(podReadyCondition(b)?.lastTransitionTime);
    if (ta !== tb) return tb - ta;
  }
  const xa = restarts(a);
  const xb = restarts(b);
  if (xa !== xb) return xb - xa;
  const ca = ts(a.metadata?.creationTimestamp);
  const cb = ts(b.metadata?.creationTimestamp);
  if (ca !== cb) return cb - ca;
  void nowMs;
  return 0;
}

/** The pods to delete, best candidates first; rank = pods of `related` on the same node. */
export function podsToDelete(filtered: Pod[], related: Pod[], diff: number, nowMs: number): Pod[] {
  if (diff >= filtered.length) return filtered.slice();
  const perNode = new Map<string, number>();
  for (const p of related) {
    const n = p.spec?.nodeName;
    if (n && isPodActive(p)) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  }
  const rank = (p: Pod): number => (p.spec?.nodeName ? perNode.get(p.spec.nodeName) ?? 0 : 0);
  return filtered.slice().sort((a, b) => comparePodsForDeletion(a, b, rank, nowMs)).slice(0, diff);
}

/** A pod key in the informer's form. */
export function podKey(p: Pod): string {
  return `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;
}

/** Runs fn `count` times in batches of 1, 2, 4, … stopping at the first batch with an error (upstream slowStartBatch). Returns the successes. */
export async function slowStartBatch(count: number, initialBatchSize: number, fn: () => Promise<void>): Promise<{ successes: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    let error: unknown;
    for (const r of results) {
      if (r.status === 'fulfilled') successes++;
      else error ??= r.reason;
    }
    if (error !== undefined) return { successes, error };
    remaining -= batch;
  }
  return { successes };
}
