// The FieldsV1 a create gives its manager, written in one walk of the new object. It is what
// the general path computes — compare against the zero object, take what was added or
// changed, strip identity metadata and reset fields, serialize sorted — without building the
// field sets in between. Where that path would take an unusual turn (a key that an empty
// object answers through its prototype, a top level that is no map) the walk gives up and the
// caller takes the general path.

import type { Schema } from '../openapi-model.ts';
import { isPlainObject } from '../types.ts';
import { deepEqual } from '../patch/json.ts';
import type { FieldSet, FieldsV1 } from './fieldset.ts';
import type { TypedWalker } from './typed.ts';

/** Thrown inside the walk when the general path must decide. */
class GiveUp extends Error {}

/** Top-level fields whose own membership is never tracked (upstream's stripMetaManager). */
const UNTRACKED_TOP = new Set(['apiVersion', 'kind', 'metadata']);
/** Stands for the zero object's empty members; lookups on it behave as on a fresh {}. */
const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

/** Up to this many members, objects and lists are handled with plain arrays. */
const SMALL = 32;

/**
 * Sorts strings in place, `items` along with them. Objects and lists mostly have a handful of
 * members, where an insertion sort takes a quarter of the builtin sort's time and allocates nothing.
 */
function sortSmall(keys: string[], items?: unknown[]): void {
  if (keys.length > SMALL) {
    if (!items) { keys.sort(); return; }
    const order = keys.map((_, i) => i).sort((a, b) => ((keys[a] as string) < (keys[b] as string) ? -1 : 1));
    const k = order.map((i) => keys[i] as string);
    const v = order.map((i) => items[i]);
    for (let i = 0; i < k.length; i++) { keys[i] = k[i] as string; items[i] = v[i]; }
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string;
    const v = items?.[i];
    let j = i - 1;
    for (; j >= 0 && (keys[j] as string) > k; j--) {
      keys[j + 1] = keys[j] as string;
      if (items) items[j + 1] = items[j];
    }
    keys[j + 1] = k;
    if (items) items[j + 1] = v;
  }
}

/** "f:<name>" per field name, kept for the names that recur (schema fields, common label keys). */
const fieldElements = new Map<string, string>();
const FIELD_ELEMENTS_MAX = 4096;

function fieldElementOf(k: string): string {
  let pe = fieldElements.get(k);
  if (pe === undefined) {
    pe = `f:${k}`;
    if (fieldElements.size < FIELD_ELEMENTS_MAX) fieldElements.set(k, pe);
  }
  return pe;
}

/**
 * The FieldsV1 of everything `obj` sets as a create compared with `zero` (the zero object:
 * metadata and, per schema, spec and status as {}), leaving out paths at or below a member of
 * `cut`; {} when nothing is left. Undefined when the general path has to decide.
 */
export function createdFieldsV1(walker: TypedWalker, schema: Schema | undefined, zero: Record<string, unknown>, obj: Record<string, unknown>, cut: FieldSet): FieldsV1 | undefined {
  if (walker.shape(schema, zero).kind !== 'map' || walker.shape(schema, obj).kind !== 'map') return undefined;
  const s = walker.shape(schema, obj);
  const mapSchema = s.kind === 'map' ? s.schema : undefined;
  try {
    const keys = Object.keys(obj);
    sortSmall(keys);
    const out: FieldsV1 = {};
    for (const k of keys) {
      const c = cut.children.get(fieldElementOf(k));
      if (c?.member) continue;
      const sch = walker.fieldSchema(mapSchema, k);
      const l = zero[k];
      let node: FieldsV1 | undefined;
      if (l === undefined) node = added(walker, sch, obj[k], c, UNTRACKED_TOP.has(k));
      else if (Object.hasOwn(zero, k) && isPlainObject(l) && Object.keys(l).length === 0) node = fromEmpty(walker, sch, obj[k], c, UNTRACKED_TOP.has(k));
      else throw new GiveUp();
      if (node) out[fieldElementOf(k)] = node;
    }
    return out;
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

/** The node of a value the zero object lacks: every such node is a member. */
function added(walker: TypedWalker, sch: Schema | undefined, r: unknown, cut: FieldSet | undefined, untracked: boolean): FieldsV1 | undefined {
  const out: FieldsV1 = {};
  if (r !== undefined) {
    const sh = walker.shape(sch, r);
    if (sh.kind === 'map') mapChildren(walker, sh.schema, r as Record<string, unknown>, cut, out, !untracked);
    else if (sh.kind === 'list') listChildren(walker, sh.keys, sh.item, r as unknown[], cut, out, !untracked);
  }
  if (untracked) return Object.keys(out).length > 0 ? out : undefined;
  return out;
}

/** The node of a value where the zero object has {} (metadata, spec, status): never a member itself. */
function fromEmpty(walker: TypedWalker, sch: Schema | undefined, r: unknown, cut: FieldSet | undefined, untracked: boolean): FieldsV1 | undefined {
  if (r === undefined) return undefined;
  const sl = walker.shape(sch, EMPTY);
  const sr = walker.shape(sch, r);
  if (sl.kind !== 'map' || sr.kind !== 'map') {
    // Compared as a leaf: a member without members when it differs from {}.
    if (deepEqual(EMPTY, r)) return undefined;
    return untracked ? undefined : {};
  }
  const out: FieldsV1 = {};
  mapChildren(walker, sl.schema, r as Record<string, unknown>, cut, out, false);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Writes the members of map `r` into out, sorted; `member` adds "." when there are any. */
function mapChildren(walker: TypedWalker, sch: Schema | undefined, r: Record<string, unknown>, cut: FieldSet | undefined, out: FieldsV1, member: boolean): void {
  const keys = Object.keys(r);
  if (keys.length === 0) return;
  sortSmall(keys);
  if (member) out['.'] = {};
  let any = false;
  for (const k of keys) {
    // A key a fresh {} answers (toString, constructor…) takes another turn in the general path.
    if (EMPTY[k] !== undefined) throw new GiveUp();
    const pe = fieldElementOf(k);
    const c = cut?.children.get(pe);
    if (c?.member) continue;
    const node = added(walker, walker.fieldSchema(sch, k), r[k], c, false);
    if (node) { out[pe] = node; any = true; }
  }
  if (!any) delete out['.'];
}

/** Writes the items of list `r` into out by their path elements, sorted; a repeated element keeps the last item. */
function listChildren(walker: TypedWalker, keys: string[] | undefined, item: Schema | undefined, r: unknown[], cut: FieldSet | undefined, out: FieldsV1, member: boolean): void {
  if (r.length === 0) return;
  const pes: string[] = [];
  const items: unknown[] = [];
  const index = r.length > SMALL ? new Map<string, number>() : undefined;
  for (const x of r) {
    const pe = walker.itemElement(keys, item, x);
    const at = index ? (index.get(pe) ?? -1) : pes.indexOf(pe);
    if (at >= 0) { items[at] = x; continue; }
    index?.set(pe, pes.length);
    pes.push(pe);
    items.push(x);
  }
  // Items are all k: or all v: elements, so plain string order is serialization order.
  sortSmall(pes, items);
  if (member) out['.'] = {};
  let any = false;
  for (let i = 0; i < pes.length; i++) {
    const pe = pes[i] as string;
    const c = cut?.children.get(pe);
    if (c?.member) continue;
    const node = added(walker, item, items[i], c, false);
    if (node) { out[pe] = node; any = true; }
  }
  if (!any) delete out['.'];
}
