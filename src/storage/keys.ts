// Key-range helpers shared by the drivers: a prefix is the half-open range [prefix, prefixEnd(prefix)).

/** The smallest string greater than every string that starts with prefix ('' when there is none: no upper bound). */
export function prefixEnd(prefix: string): string {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const c = prefix.charCodeAt(i);
    if (c < 0xffff) return prefix.slice(0, i) + String.fromCharCode(c + 1);
  }
  return '';
}

/** Binary search: index of the first element of sorted keys that is >= key. */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1; else hi = mid;
  }
  return lo;
}
