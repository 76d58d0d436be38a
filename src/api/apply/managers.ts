// The managedFields of an object decoded into field sets per manager, and encoded back as
// upstream writes them (sorted, FieldsV1, time per entry).

import type { KubeObject, ManagedFieldsEntry } from '../types.ts';
import { FieldSet } from './fieldset.ts';

export interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource: string;
  time: string | undefined;
  set: FieldSet;
}

/**
 * The identity of an entry, as upstream's BuildManagerIdentifier: Update entries are per API
 * version, an applier has one Apply entry whatever version it applies with.
 */
export function managerKey(e: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify([e.manager, e.operation, e.operation === 'Update' ? e.apiVersion : '', e.subresource]);
}

export type Managers = Map<string, ManagerEntry>;

/** Decodes managedFields; throws Error when malformed. Duplicate identities are merged. */
export function decodeManagedFields(entries: readonly ManagedFieldsEntry[] | undefined): Managers {
  const out: Managers = new Map();
  for (const e of entries ?? []) {
    if (e.fieldsType !== undefined && e.fieldsType !== 'FieldsV1') throw new Error(`unsupported fieldsType ${String(e.fieldsType)}`);
    if (e.operation !== 'Apply' && e.operation !== 'Update') throw new Error(`invalid operation ${String(e.operation)}`);
    const entry: ManagerEntry = {
      manager: e.manager ?? '', operation: e.operation, apiVersion: e.apiVersion ?? '',
      subresource: e.subresource ?? '', time: e.time, set: FieldSet.fromFieldsV1(e.fieldsV1 ?? {}),
    };
    const key = managerKey(entry);
    const prev = out.get(key);
    if (prev) prev.set = prev.set.union(entry.set);
    else out.set(key, entry);
  }
  return out;
}

/** Encodes entries sorted as upstream (operation, time, manager, apiVersion, subresource); empty sets are dropped. */
export function encodeManagedFields(managers: Managers): ManagedFieldsEntry[] {
  const list = [...managers.values()].filter((m) => !m.set.isEmpty());
  const seconds = (t: string | undefined): number => (t ? Math.floor(Date.parse(t) / 1000) || 0 : 0);
  list.sort((p, q) =>
    cmp(p.operation, q.operation) || seconds(p.time) - seconds(q.time) || cmp(p.manager, q.manager)
    || cmp(p.apiVersion, q.apiVersion) || cmp(p.subresource, q.subresource));
  return list.map((m) => {
    const e: ManagedFieldsEntry = { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion };
    if (m.time !== undefined) e.time = m.time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = m.set.toFieldsV1();
    if (m.subresource) e.subresource = m.subresource;
    return e;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Upstream keeps at most this many Update entries; older ones fold into "ancient-changes". */
export const MAX_UPDATE_MANAGERS = 10;

export function capUpdateManagers(managers: Managers): void {
  const updates = (): ManagerEntry[] => [...managers.values()].filter((m) => m.operation === 'Update')
    .sort((a, b) => (Date.parse(a.time ?? '') || 0) - (Date.parse(b.time ?? '') || 0));
  let list = updates();
  while (list.length > MAX_UPDATE_MANAGERS) {
    const oldest = list.find((m) => m.manager !== 'ancient-changes') ?? list[0];
    if (!oldest) break;
    managers.delete(managerKey(oldest));
    const ancient: ManagerEntry = { manager: 'ancient-changes', operation: 'Update', apiVersion: oldest.apiVersion, subresource: '', time: oldest.time, set: oldest.set };
    const key = managerKey(ancient);
    const prev = managers.get(key);
    if (prev) prev.set = prev.set.union(oldest.set);
    else managers.set(key, ancient);
    list = updates();
  }
}

/** Upstream's conflict wording for a manager: "name" [with subresource "s"] [using v1]. */
export function printManager(m: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource) s += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update') s += ` using ${m.apiVersion}`;
  return s;
}

/** The object without metadata.managedFields (shallow copies only). */
export function withoutManagedFields(obj: KubeObject): KubeObject {
  if (!obj.metadata || !('managedFields' in obj.metadata)) return obj;
  const { managedFields: _drop, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** A copy of obj whose metadata.managedFields is the encoded managers (absent when none). */
export function withManagedFields(obj: KubeObject, managers: Managers): KubeObject {
  return withEncodedManagedFields(obj, encodeManagedFields(managers));
}

/** A copy of obj whose metadata.managedFields is `encoded` (absent when empty). */
export function withEncodedManagedFields(obj: KubeObject, encoded: ManagedFieldsEntry[]): KubeObject {
  const { managedFields: _drop, ...metadata } = obj.metadata ?? {};
  return { ...obj, metadata: encoded.length > 0 ? { ...metadata, managedFields: encoded } : metadata };
}
