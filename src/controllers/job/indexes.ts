// Completion indexes of Indexed Jobs: the annotation/label naming a pod's index and the compact
// interval text of status.completedIndexes / failedIndexes ("1,3-5,7"), as upstream writes it.

import type { Pod } from 'kubernetes-types/core/v1.js';

export const CompletionIndexAnnotation = 'batch.kubernetes.io/job-completion-index';
export const CompletionIndexLabel = 'batch.kubernetes.io/job-completion-index';
export const IndexFailureCountAnnotation = 'batch.kubernetes.io/job-index-failure-count';

/** A pod's completion index, or undefined when missing or malformed. */
export function podIndex(p: Pod): number | undefined {
  const v = p.metadata?.annotations?.[CompletionIndexAnnotation] ?? p.metadata?.labels?.[CompletionIndexLabel];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** Parses "1,3-5,7" into a set; indexes at or above `limit` are dropped. */
export function parseIndexes(text: string | undefined, limit: number): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-');
    const lo = Number(a);
    const hi = b === undefined ? lo : Number(b);
    if (!Number.isInteger(lo) || !Number.isInteger(hi)) continue;
    for (let i = lo; i <= hi && i < limit; i++) out.add(i);
  }
  return out;
}

/** Formats indexes in increasing order; three or more consecutive numbers become "first-last". */
export function formatIndexes(set: Iterable<number>): string {
  const xs = [...new Set(set)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < xs.length;) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === (xs[j] ?? 0) + 1) j++;
    const lo = xs[i] ?? 0;
    const hi = xs[j] ?? 0;
    if (j - i >= 2) parts.push(`${lo}-${hi}`);
    else for (let k = i; k <= j; k++) parts.push(String(xs[k]));
    i = j + 1;
  }
  return parts.join(',');
}
