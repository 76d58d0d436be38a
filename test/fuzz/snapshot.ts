// The stored state before and after the fuzz: every key and value in storage, and a check that
// each watch cache agrees with storage.

import type { ApiServer } from '../../src/apiserver/server.ts';

export type Snapshot = Map<string, string>;

export async function snapshotStore(server: ApiServer): Promise<Snapshot> {
  const out: Snapshot = new Map();
  const res = await server.ctx.store.list('/registry/');
  for (const kv of res.items) out.set(kv.key, kv.value);
  return out;
}

/** Keys whose presence or value differ. */
export function diffSnapshots(before: Snapshot, after: Snapshot): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** Storage keys each watch cache lacks or holds in excess (empty when consistent). */
export async function cacheInconsistencies(server: ApiServer): Promise<string[]> {
  const problems: string[] = [];
  const rev = await server.ctx.store.currentRevision();
  for (const s of server.ctx.allStorages()) {
    // The cache catches up asynchronously after the last write.
    await s.cache.waitFor(rev, 300);
    const stored = new Set((await server.ctx.store.list(s.prefix)).items.map((kv) => kv.key));
    const cached = new Set(s.cache.objects.keys());
    for (const k of stored) if (!cached.has(k)) problems.push(`${k}: in storage, missing from the watch cache`);
    for (const k of cached) if (!stored.has(k)) problems.push(`${k}: in the watch cache, not in storage`);
  }
  return problems;
}

/** group/resource/namespace/name of a storage key (namespace '' for cluster-scoped). */
export function parseStorageKey(key: string, namespaced: (group: string, resource: string) => boolean): { group: string; resource: string; namespace: string; name: string } {
  const parts = key.split('/').slice(2);
  const group = parts[0] === 'core' ? '' : parts[0] ?? '';
  const resource = parts[1] ?? '';
  if (namespaced(group, resource)) return { group, resource, namespace: parts[2] ?? '', name: parts.slice(3).join('/') };
  return { group, resource, namespace: '', name: parts.slice(2).join('/') };
}
