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
    const keys = Object.keys(obj).sort();
    const out: FieldsV1 = {};
    for (const k of keys) {
      const c = cut.children.get(`f:${k}`);
      if (c?.member) continue;
      const sch = walker.fieldSchema(mapSchema, k);
      const l = zero[k];
      let node: FieldsV1 | undefined;
      if (l === undefined) node = added(walker, sch, obj[k], c, UNTRACKED_TOP.has(k));
      else if (Object.hasOwn(zero, k) && isPlainObject(l) && Object.keys(l).length === 0) node = fromEmpty(walker, sch, obj[k], c, UNTRACKED_TOP.has(k));
      else throw new GiveUp();
      if (node) out[`f:${k}`] = node;
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
  keys.sort();
  if (member) out['.'] = {};
  let any = false;
  for (const k of keys) {
    // A key a fresh {} answers (toString, constructor…) takes another turn in the general path.
    if (EMPTY[k] !== undefined) throw new GiveUp();
    const pe = `f:${k}`;
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
  const byElement = new Map<string, unknown>();
  for (const x of r) byElement.set(walker.itemElement(keys, item, x), x);
  // Items are all k: or all v: elements, so plain string order is serialization order.
  const pes = [...byElement.keys()].sort();
  if (member) out['.'] = {};
  let any = false;
  for (const pe of pes) {
    const c = cut?.children.get(pe);
    if (c?.member) continue;
    const node = added(walker, item, byElement.get(pe), c, false);
    if (node) { out[pe] = node; any = true; }
  }
  if (!any) delete out['.'];
}
