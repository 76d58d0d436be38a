// Counts per topology pair (key → value → count), the state InterPodAffinity precomputes.

export class TopologyCounts {
  readonly byKey = new Map<string, Map<string, number>>();
  size = 0;

  add(key: string, value: string, n: number): void {
    let m = this.byKey.get(key);
    if (!m) { m = new Map(); this.byKey.set(key, m); }
    const v = (m.get(value) ?? 0) + n;
    if (v === 0) { m.delete(value); if (m.size === 0) this.byKey.delete(key); } else m.set(value, v);
    this.size = 0;
    for (const mm of this.byKey.values()) this.size += mm.size;
  }

  get(key: string, value: string): number { return this.byKey.get(key)?.get(value) ?? 0; }

  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (const [k, m] of this.byKey) c.byKey.set(k, new Map(m));
    c.size = this.size;
    return c;
  }
}
