// Strategic merge patch (apimachinery's strategicpatch): like a JSON merge patch, but lists
// whose schema says patchStrategy "merge" are merged item by item (by patchMergeKey for lists
// of objects, as a union for lists of scalars), and the patch may carry directives:
//   $patch: replace | delete | merge       (in an object or as a list item)
//   $retainKeys: [..]                       (drop the original's other keys)
//   $deleteFromPrimitiveList/<field>: [..]  (remove scalars from a merged list)
//   $setElementOrder/<field>: [..]          (the order the merged list should have)
// A list the model knows nothing about is replaced, as upstream does.

import type { Schema, SchemaModel } from '../openapi-model.ts';
import { isPlainObject } from '../types.ts';
import { badPatch, decodePatchBody, patchNotApplicable } from './errors.ts';
import { goValue, withoutNulls } from './json.ts';
import type { JsonObject } from './json.ts';
import { fieldMeta, itemSchema } from './patchmeta.ts';

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';
const SET_ELEMENT_ORDER = '$setElementOrder/';

function isDirectiveKey(k: string): boolean {
  return k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER);
}

function badPatchType(kind: unknown, where: JsonObject): Error {
  return patchNotApplicable(`unknown patch type: ${goValue(kind)} in map: ${goValue(where)}`);
}

function noMergeKey(item: JsonObject, key: string): Error {
  return patchNotApplicable(`map: ${goValue(item)} does not contain declared merge key: ${key}`);
}

/** A value with directives and nulls removed, for places where it lands without a merge. */
function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => !(isPlainObject(x) && Object.hasOwn(x, DIRECTIVE))).map(clean);
  if (isPlainObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) if (!isDirectiveKey(k) && v[k] !== null) out[k] = clean(v[k]);
    return out;
  }
  return v;
}

class Merger {
  private readonly model: SchemaModel;
  constructor(model: SchemaModel) { this.model = model; }

  mergeMap(original: JsonObject, patch: JsonObject, schema: Schema | undefined): JsonObject {
    const directive = patch[DIRECTIVE];
    if (directive !== undefined) {
      if (directive === 'replace') return clean(patch) as JsonObject;
      if (directive === 'delete') return {};
      if (directive !== 'merge') throw badPatchType(directive, patch);
    }
    const out: JsonObject = { ...original };
    this.applyRetainKeys(out, patch);
    this.applyDeleteFromPrimitiveLists(out, patch);
    for (const k of Object.keys(patch)) {
      if (isDirectiveKey(k)) continue;
      const pv = patch[k];
      if (pv === null) { delete out[k]; continue; }
      const merged = this.mergeField(out[k], pv, schema, k);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
    this.applySetElementOrders(out, original, patch, schema);
    return out;
  }

  /** Merges one member; undefined means the member should not exist. */
  private mergeField(ov: unknown, pv: unknown, parent: Schema | undefined, key: string): unknown {
    const meta = fieldMeta(this.model, parent, key);
    const merging = meta.strategies.includes('merge');
    if (isPlainObject(pv)) {
      if (!isPlainObject(ov)) {
        // Nothing to merge into: a deleted map stays absent; directives still take effect.
        if (pv[DIRECTIVE] === 'delete') return undefined;
        return this.mergeMap({}, pv, meta.schema);
      }
      if (meta.strategies.includes('replace')) return clean(pv);
      return this.mergeMap(ov, pv, meta.schema);
    }
    if (Array.isArray(pv)) {
      if (!merging) return clean(pv);
      return this.mergeList(Array.isArray(ov) ? ov : [], pv, meta.schema, meta.mergeKey, key);
    }
    return pv;
  }

  mergeList(original: unknown[], patch: unknown[], schema: Schema | undefined, mergeKey: string | undefined, name: string): unknown[] {
    if (original.length === 0 && patch.length === 0) return original;
    if ([...original, ...patch].some(Array.isArray)) throw patchNotApplicable('lists of lists are not supported');
    const itemsAreMaps = patch.concat(original).some(isPlainObject);
    if (!itemsAreMaps) {
      const merged = dedupe([...original, ...patch]);
      const inPatch = new Set(patch.map(keyOfScalar));
      return normalizeElementOrder(
        merged.filter((x) => inPatch.has(keyOfScalar(x))), merged.filter((x) => !inPatch.has(keyOfScalar(x))),
        patch, original, keyOfScalar,
      );
    }
    if (!mergeKey) throw patchNotApplicable(`cannot merge lists without merge key for ${name}`);
    const keyOf = (x: unknown): string => (isPlainObject(x) ? JSON.stringify(x[mergeKey] ?? null) : JSON.stringify(x));
    const items = itemSchema(this.model, schema);
    let current = original.slice();
    const plain: JsonObject[] = [];
    let replace = false;
    for (const item of patch) {
      if (!isPlainObject(item)) throw patchNotApplicable(`map: ${goValue(item)} does not contain declared merge key: ${mergeKey}`);
      const d = item[DIRECTIVE];
      if (d === undefined || d === 'merge') { plain.push(item); continue; }
      if (d === 'delete') {
        if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
        const k = keyOf(item);
        current = current.filter((x) => keyOf(x) !== k);
      } else if (d === 'replace') {
        replace = true;
      } else {
        throw badPatchType(d, item);
      }
    }
    if (replace) return plain.map(clean);
    for (const item of plain) {
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
      const k = keyOf(item);
      const at = current.findIndex((x) => keyOf(x) === k);
      const found = at >= 0 ? current[at] : undefined;
      if (isPlainObject(found)) current[at] = this.mergeMap(found, item, items);
      else current.push(this.mergeMap({}, item, items));
    }
    const inPatch = new Set(plain.map(keyOf));
    return normalizeElementOrder(
      current.filter((x) => inPatch.has(keyOf(x))), current.filter((x) => !inPatch.has(keyOf(x))),
      plain, original, keyOf,
    );
  }

  private applyRetainKeys(out: JsonObject, patch: JsonObject): void {
    if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
    const keys = patch[RETAIN_KEYS];
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) throw badPatch('invalid patch format of retainKeys');
    const keep = new Set<string>(keys as string[]);
    for (const k of Object.keys(patch)) {
      if (!isDirectiveKey(k) && patch[k] !== null && !keep.has(k)) throw patchNotApplicable("patch content doesn't match retainKeys list");
    }
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }

  private applyDeleteFromPrimitiveLists(out: JsonObject, patch: JsonObject): void {
    for (const k of Object.keys(patch)) {
      if (!k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) continue;
      const values = patch[k];
      if (!Array.isArray(values)) throw badPatch('invalid patch format of primitive list');
      const field = k.slice(DELETE_FROM_PRIMITIVE_LIST.length);
      const cur = out[field];
      if (!Array.isArray(cur)) continue;
      const drop = new Set(values.map(keyOfScalar));
      out[field] = cur.filter((x) => !drop.has(keyOfScalar(x)));
    }
  }

  private applySetElementOrders(out: JsonObject, original: JsonObject, patch: JsonObject, schema: Schema | undefined): void {
    for (const k of Object.keys(patch)) {
      if (!k.startsWith(SET_ELEMENT_ORDER)) continue;
      const order = patch[k];
      if (!Array.isArray(order)) throw badPatch('invalid patch format of setElementOrder list');
      const field = k.slice(SET_ELEMENT_ORDER.length);
      const list = out[field];
      if (!Array.isArray(list)) continue;
      const mergeKey = fieldMeta(this.model, schema, field).mergeKey;
      let keyOf = keyOfScalar;
      if (order.some(isPlainObject)) {
        if (!mergeKey || !order.every((o) => isPlainObject(o) && Object.hasOwn(o, mergeKey))) {
          throw badPatch('invalid patch format of setElementOrder list');
        }
        keyOf = (x: unknown): string => (isPlainObject(x) ? JSON.stringify(x[mergeKey] ?? null) : JSON.stringify(x));
      }
      const wanted = new Set(order.map(keyOf));
      const before = Array.isArray(original[field]) ? (original[field] as unknown[]) : [];
      out[field] = normalizeElementOrder(
        list.filter((x) => wanted.has(keyOf(x))), list.filter((x) => !wanted.has(keyOf(x))), order, before, keyOf,
      );
    }
  }
}

function keyOfScalar(x: unknown): string {
  return JSON.stringify(x);
}

function dedupe(xs: unknown[]): unknown[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = keyOfScalar(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function sortBy(items: unknown[], order: unknown[], keyOf: (x: unknown) => string): unknown[] {
  const pos = new Map<string, number>();
  order.forEach((o, i) => { if (!pos.has(keyOf(o))) pos.set(keyOf(o), i); });
  const rank = (x: unknown): number => pos.get(keyOf(x)) ?? Number.MAX_SAFE_INTEGER;
  return items.map((x, i) => ({ x, i })).sort((a, b) => rank(a.x) - rank(b.x) || a.i - b.i).map((e) => e.x);
}

/**
 * Orders a merged list as upstream: the patch's items in the patch's (or $setElementOrder's)
 * order, the server-only items in their live order, the two interleaved by live position.
 */
function normalizeElementOrder(patchItems: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], keyOf: (x: unknown) => string): unknown[] {
  const right = sortBy(patchItems, patchOrder, keyOf);
  const left = sortBy(serverOnly, serverOrder, keyOf);
  const live = new Map<string, number>();
  serverOrder.forEach((o, i) => { if (!live.has(keyOf(o))) live.set(keyOf(o), i); });
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) { out.push(right[j++]); continue; }
    if (j >= right.length) { out.push(left[i++]); continue; }
    const li = live.get(keyOf(left[i]));
    const ri = live.get(keyOf(right[j]));
    if (li !== undefined && ri !== undefined && li < ri) out.push(left[i++]);
    else out.push(right[j++]);
  }
  return out;
}

/**
 * Applies a strategic merge patch to `doc`, typed by the OpenAPI definition `definitionName`
 * (e.g. 'io.k8s.api.core.v1.Pod'). Returns a new object; the input is not modified. Throws a
 * 400 StatusError for a malformed patch or directive, 422 when it cannot be applied.
 */
export function applyStrategicMergePatch(doc: unknown, patch: unknown, model: SchemaModel, definitionName: string): unknown {
  const p = decodePatchBody(patch);
  if (!isPlainObject(p)) throw badPatch('invalid JSON document');
  const def = model.definitions[definitionName];
  const schema = def ? model.resolve(def) : undefined;
  const base = isPlainObject(doc) ? doc : {};
  return withoutNulls(new Merger(model).mergeMap(base, p, schema));
}
