// Field ownership on every write (upstream's fieldmanager over structured-merge-diff):
// updateManagedFields records what an Update changed, serverSideApply merges an applied
// configuration, prunes what the applier stopped setting and reports conflicts.

import { StatusError, badRequest } from '../errors.ts';
import type { Schema, SchemaModel } from '../openapi-model.ts';
import { isPlainObject } from '../types.ts';
import type { KubeObject, ManagedFieldsEntry } from '../types.ts';
import { deepEqual } from '../patch/json.ts';
import { FieldSet, fieldElement, pathString } from './fieldset.ts';
import type { FieldsV1, PathElement } from './fieldset.ts';
import {
  capUpdateManagers, decodeManagedFields, managerKey, printManager, withEncodedManagedFields, withManagedFields, withoutManagedFields,
} from './managers.ts';
import { createdFieldsV1 } from './created.ts';
import type { ManagerEntry, Managers } from './managers.ts';
import { TypedWalker } from './typed.ts';

interface CommonOptions {
  manager: string;
  apiVersion: string;
  /** RFC 3339 time recorded on the entry, e.g. new Date().toISOString().replace(/\.\d+Z$/, 'Z'). */
  time: string;
  model: SchemaModel;
  /** OpenAPI definition of the kind, e.g. 'io.k8s.api.apps.v1.Deployment'. */
  definitionName: string;
  subresource?: string;
  /**
   * Dotted paths this endpoint resets and nobody owns through it (upstream's reset fields,
   * e.g. ['status'] for a main resource, ['spec', 'metadata'] for its status subresource).
   */
  resetFields?: string[];
}

export interface UpdateOptions extends CommonOptions { operation: 'Update' }
export interface ApplyOptions extends CommonOptions { force: boolean }

/** Fields the field manager never tracks (upstream's stripMetaManager). */
const STRIPPED_MEMBERS = FieldSet.of(['f:apiVersion'], ['f:kind'], ['f:metadata']);
const STRIPPED_TREES = FieldSet.of(
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion']
    .map((f) => ['f:metadata', fieldElement(f)]),
);

const resetSets = new Map<string, FieldSet>();
const cutSets = new Map<string, FieldSet>();

function resetSet(paths: string[] | undefined): FieldSet {
  const key = (paths ?? []).join('\n');
  let s = resetSets.get(key);
  if (!s) { s = FieldSet.of(...(paths ?? []).map((p) => p.split('.').map(fieldElement))); resetSets.set(key, s); }
  return s;
}

/** STRIPPED_TREES and the reset fields in one set: what is cut away with everything below it. */
function cutSet(paths: string[] | undefined): FieldSet {
  const key = (paths ?? []).join('\n');
  let s = cutSets.get(key);
  if (!s) { s = STRIPPED_TREES.union(resetSet(paths)); cutSets.set(key, s); }
  return s;
}

function strip(set: FieldSet, opts: CommonOptions): FieldSet {
  return set.difference(STRIPPED_MEMBERS).recursiveDifference(STRIPPED_TREES).recursiveDifference(resetSet(opts.resetFields));
}

/** strip, in place; returns whether the set changed. */
function stripInPlace(set: FieldSet, cut: FieldSet): boolean {
  const a = set.removeAll(STRIPPED_MEMBERS);
  const b = set.removeAll(cut, true);
  return a || b;
}

/**
 * What a create is compared against: upstream compares with the zero value of the Go type, in
 * which non-pointer structs such as spec and status exist, so they are not "added" by a create.
 */
function emptyObject(schema: Schema | undefined): KubeObject {
  const o: KubeObject = { metadata: {} };
  for (const f of ['spec', 'status']) if (schema?.properties?.[f]) o[f] = {};
  return o;
}

function decodeOr(entries: ManagedFieldsEntry[] | undefined, fallback: () => Managers): Managers {
  try {
    return decodeManagedFields(entries);
  } catch {
    return fallback();
  }
}

/** [{}] resets managedFields (upstream's isResetManagedFields). */
function isReset(entries: ManagedFieldsEntry[] | undefined): boolean {
  return entries?.length === 1 && isPlainObject(entries[0]) && Object.keys(entries[0]).length === 0;
}

/** Managers to start from: the request's own managedFields when it sets some, else the live ones. */
function managersForUpdate(oldObj: KubeObject | undefined, newObj: KubeObject): Managers {
  const fromNew = newObj.metadata?.managedFields;
  if (isReset(fromNew)) return new Map();
  const live = (): Managers => decodeOr(oldObj?.metadata?.managedFields, () => new Map());
  if (fromNew && fromNew.length > 0) {
    const m = decodeOr(fromNew, live);
    if (m.size > 0) return m;
  }
  return live();
}

/** Whether the request itself carries managedFields to start from (not absent, empty or the [{}] reset). */
function carriesManagers(newObj: KubeObject): boolean {
  const fromNew = newObj.metadata?.managedFields;
  return fromNew !== undefined && fromNew.length > 0 && !isReset(fromNew);
}

/**
 * Records in the returned copy of newObj's metadata.managedFields that `manager` (operation
 * Update) owns every field it added or changed relative to oldObj (undefined for a create).
 * Those fields leave other managers' sets, removed fields leave every set, managers left with
 * nothing are dropped. The manager's time is set only when it took some field.
 */
export function updateManagedFields(oldObj: KubeObject | undefined, newObj: KubeObject, opts: UpdateOptions): KubeObject {
  if (!oldObj && !carriesManagers(newObj)) {
    // A create with no managers to start from: the manager's set is written in one walk.
    const fieldsV1 = createdManagerFieldsV1(newObj, opts);
    if (fieldsV1) return withEncodedManagedFields(withoutManagedFields(newObj), Object.keys(fieldsV1).length > 0 ? [updateEntry(opts, fieldsV1)] : []);
  }
  return updateManagedFieldsGeneral(oldObj, newObj, opts);
}

/**
 * The FieldsV1 a create (no old object, no managers to start from) gives its manager, by the
 * one-walk path; undefined where that path leaves the decision to the general one.
 */
export function createdManagerFieldsV1(newObj: KubeObject, opts: UpdateOptions): FieldsV1 | undefined {
  const walker = TypedWalker.of(opts.model);
  const schema = walker.root(opts.definitionName);
  return createdFieldsV1(walker, schema, emptyObject(schema), withoutManagedFields(newObj), cutSet(opts.resetFields));
}

/**
 * updateManagedFields by field sets whatever the write (the path the create walk must agree
 * with). The sets are changed in place: they are all this call's own.
 */
export function updateManagedFieldsGeneral(oldObj: KubeObject | undefined, newObj: KubeObject, opts: UpdateOptions): KubeObject {
  const walker = TypedWalker.of(opts.model);
  const schema = walker.root(opts.definitionName);
  const after = withoutManagedFields(newObj);
  const cut = cutSet(opts.resetFields);
  const managers = managersForUpdate(oldObj, newObj);
  const before = oldObj ? withoutManagedFields(oldObj) : emptyObject(schema);
  const { added, modified, removed } = walker.compare(schema, before, after);
  const taken = added;
  taken.addAll(modified);
  stripInPlace(taken, cut);
  const self: ManagerEntry = {
    manager: opts.manager, operation: 'Update', apiVersion: opts.apiVersion,
    subresource: opts.subresource ?? '', time: opts.time, set: taken,
  };
  const selfKey = managerKey(self);
  for (const [key, m] of managers) {
    if (key === selfKey) {
      // (set − taken − removed) ∪ taken is (set − removed) ∪ taken; the entry is dropped (and
      // comes back last) when the difference would leave it empty.
      if (m.set.coveredBy(taken, removed)) managers.delete(key);
      else m.set.removeAll(removed);
      continue;
    }
    m.set.removeAll(taken);
    m.set.removeAll(removed);
    if (m.set.isEmpty()) managers.delete(key);
  }
  if (!taken.isEmpty()) {
    const prev = managers.get(selfKey);
    if (prev) { prev.set.addAll(taken); self.set = prev.set; }
    managers.set(selfKey, self);
  }
  for (const [key, m] of managers) {
    stripInPlace(m.set, cut);
    if (m.set.isEmpty()) managers.delete(key);
  }
  capUpdateManagers(managers);
  return withManagedFields(after, managers);
}

function updateEntry(opts: UpdateOptions, fieldsV1: FieldsV1): ManagedFieldsEntry {
  // As encodeManagedFields writes an entry.
  const e: ManagedFieldsEntry = { manager: opts.manager, operation: 'Update', apiVersion: opts.apiVersion };
  if (opts.time !== undefined) e.time = opts.time;
  e.fieldsType = 'FieldsV1';
  e.fieldsV1 = fieldsV1;
  if (opts.subresource) e.subresource = opts.subresource;
  return e;
}

interface Conflict { manager: ManagerEntry; path: PathElement[] }

/** 409 as upstream's NewConflictError, one FieldManagerConflict cause per field. */
export function conflictError(conflicts: Conflict[]): StatusError {
  const causes = conflicts.map((c) => ({
    reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: pathString(c.path),
  }));
  let message: string;
  const first = conflicts[0];
  if (conflicts.length === 1 && first) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(first.manager)}: ${pathString(first.path)}`;
  } else {
    const byManager = new Map<string, Conflict[]>();
    for (const c of conflicts) {
      const k = printManager(c.manager);
      byManager.set(k, [...(byManager.get(k) ?? []), c]);
    }
    const lines: string[] = [];
    for (const k of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${k}:`);
      for (const c of byManager.get(k) ?? []) lines.push(`- ${pathString(c.path)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new StatusError(409, 'Conflict', message, { causes });
}

/**
 * Server-side apply of `applied` (the request body) onto `live` (undefined for a create):
 * merges it in, prunes the fields this manager applied last time and no longer sets (unless
 * another manager owns them), and records the manager's Apply entry. Fields whose value would
 * change and that another manager owns are conflicts: a 409 unless `force`, which takes them.
 */
export function serverSideApply(live: KubeObject | undefined, applied: KubeObject, opts: ApplyOptions): KubeObject {
  const mf = applied.metadata?.managedFields;
  if (mf !== undefined && mf !== null && !(Array.isArray(mf) && mf.length === 0)) throw badRequest('metadata.managedFields must be nil');
  const walker = TypedWalker.of(opts.model);
  const schema = walker.root(opts.definitionName);
  const managers = decodeOr(live?.metadata?.managedFields, () => new Map());
  const liveObj = live ? withoutManagedFields(live) : undefined;
  const config = withoutManagedFields(applied);

  const self: ManagerEntry = {
    manager: opts.manager, operation: 'Apply', apiVersion: opts.apiVersion, subresource: opts.subresource ?? '',
    time: undefined, set: strip(walker.fieldSetOf(schema, config), opts),
  };
  const selfKey = managerKey(self);
  const last = managers.get(selfKey);
  self.time = last?.time;
  managers.set(selfKey, self);

  let merged = walker.merge(schema, liveObj ?? {}, config) as KubeObject;
  if (last && !last.set.isEmpty()) {
    let owned = new FieldSet();
    for (const m of managers.values()) owned = owned.union(m.set);
    const present = walker.ensureNamedFieldsAreMembers(schema, walker.fieldSetOf(schema, merged));
    const lastSet = walker.ensureNamedFieldsAreMembers(schema, last.set);
    const prune = present.intersection(lastSet).difference(walker.ensureNamedFieldsAreMembers(schema, owned));
    merged = walker.removeItems(schema, merged, prune) as KubeObject;
  }

  const { added, modified, removed } = walker.compare(schema, liveObj ?? emptyObject(schema), merged);
  const changed = added.union(modified);
  const conflicts: Conflict[] = [];
  for (const [key, m] of managers) {
    if (key === selfKey) continue;
    const c = m.set.intersection(changed);
    for (const path of c.paths()) conflicts.push({ manager: m, path });
  }
  if (conflicts.length > 0 && !opts.force) {
    conflicts.sort((a, b) => (printManager(a.manager) < printManager(b.manager) ? -1 : printManager(a.manager) > printManager(b.manager) ? 1 : 0));
    throw conflictError(conflicts);
  }
  for (const [key, m] of managers) {
    if (key === selfKey) continue;
    m.set = m.set.difference(changed).difference(removed);
    if (m.set.isEmpty()) managers.delete(key);
  }
  if (self.set.isEmpty()) managers.delete(selfKey);
  if (!liveObj || !deepEqual(liveObj, merged) || self.time === undefined) self.time = opts.time;
  capUpdateManagers(managers);
  return withManagedFields(merged, managers);
}

/**
 * The field manager of a write whose client named none: the User-Agent's first segment
 * before "/" (upstream's prefixFromUserAgent), at most 128 characters.
 */
export function defaultFieldManager(userAgent: string): string {
  return (userAgent.split('/')[0] ?? '').slice(0, 128);
}
