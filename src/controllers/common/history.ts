// ControllerRevisions (upstream pkg/controller/history and the DaemonSet/StatefulSet history
// code): a snapshot of the pod template per revision, named <owner>-<hash>, labelled
// controller-revision-hash, owned by its controller; the newest equal snapshot is reused with a
// bumped revision number, and old unused ones are pruned to revisionHistoryLimit.

import type { ControllerRevision } from 'kubernetes-types/apps/v1.js';
import type { ResourceClient } from '../../client/index.ts';
import { isAlreadyExists, isNotFound } from '../../client/index.ts';
import { computeHash } from '../deployment/hash.ts';
import { newControllerRef } from './controller-ref.ts';
import type { Owned } from './controller-ref.ts';

export const ControllerRevisionHashLabel = 'controller-revision-hash';

export const controllerRevisions = { group: 'apps', version: 'v1', resource: 'controllerrevisions', namespaced: true, kind: 'ControllerRevision' } as const;

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export interface HistoryOwner extends Owned {
  spec?: { template?: { metadata?: { labels?: Record<string, string> } }; revisionHistoryLimit?: number };
  status?: { collisionCount?: number };
}

/** The revision's data: upstream's getPatch, the template under spec with $patch: replace. */
export function revisionData(owner: HistoryOwner): unknown {
  return { spec: { template: { ...structuredClone(owner.spec?.template ?? {}), $patch: 'replace' } } };
}

export function revisionHash(owner: HistoryOwner): string {
  return computeHash(revisionData(owner), owner.status?.collisionCount);
}

export function sameData(a: ControllerRevision, data: unknown): boolean {
  return canonical(a.data) === canonical(data);
}

export interface SyncedHistory {
  current: ControllerRevision;
  hash: string;
  revisions: ControllerRevision[];
}

/**
 * Ensures a revision for the owner's template exists and is the newest, returning it and all revisions.
 * `owned` are the revisions the owner controls (already claimed).
 */
export async function syncRevision(client: ResourceClient<ControllerRevision>, owner: HistoryOwner, apiVersion: string, kind: string, owned: ControllerRevision[]): Promise<SyncedHistory> {
  const ns = owner.metadata?.namespace ?? '';
  const c = client.namespace(ns);
  const data = revisionData(owner);
  const revisions = owned.slice().sort((a, b) => a.revision - b.revision);
  const max = revisions.at(-1)?.revision ?? 0;
  const equal = revisions.filter((r) => sameData(r, data));
  const hash = revisionHash(owner);
  if (equal.length) {
    let current = equal.at(-1) as ControllerRevision;
    if (current.revision !== max) {
      current = await c.update({ ...current, revision: max + 1 });
      const i = revisions.findIndex((r) => r.metadata?.uid === current.metadata?.uid);
      revisions[i] = current;
    }
    return { current, hash: current.metadata?.labels?.[ControllerRevisionHashLabel] ?? hash, revisions };
  }
  const name = `${owner.metadata?.name ?? ''}-${hash}`;
  const rev: ControllerRevision = {
    apiVersion: 'apps/v1', kind: 'ControllerRevision',
    metadata: {
      name, namespace: ns,
      labels: { ...owner.spec?.template?.metadata?.labels, [ControllerRevisionHashLabel]: hash },
      ownerReferences: [newControllerRef(owner, apiVersion, kind)],
    },
    data: data as ControllerRevision['data'], revision: max + 1,
  };
  try {
    const created = await c.create(rev);
    revisions.push(created);
    return { current: created, hash, revisions };
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    // A hash collision with different data: upstream bumps collisionCount and retries.
    const existing = await c.get(name);
    if (sameData(existing, data) && existing.metadata?.ownerReferences?.some((r) => r.uid === owner.metadata?.uid)) {
      const updated = await c.update({ ...existing, revision: max + 1 });
      revisions.push(updated);
      return { current: updated, hash, revisions };
    }
    throw Object.assign(new Error(`controller revision ${name} collides`), { collision: true });
  }
}

/** Deletes the oldest revisions beyond the limit that no live pod uses (by hash). */
export async function truncateHistory(client: ResourceClient<ControllerRevision>, owner: HistoryOwner, revisions: ControllerRevision[], live: Set<string>, limit: number): Promise<void> {
  const c = client.namespace(owner.metadata?.namespace ?? '');
  const unused = revisions.filter((r) => !live.has(r.metadata?.labels?.[ControllerRevisionHashLabel] ?? '') && !live.has(r.metadata?.name ?? ''))
    .sort((a, b) => a.revision - b.revision);
  const excess = unused.length - limit;
  for (const r of unused.slice(0, Math.max(0, excess))) {
    try {
      await c.delete(r.metadata?.name ?? '');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
