// Walks objects along their OpenAPI schema the way structured-merge-diff walks typed values:
// which nodes are leaves (scalars, atomic lists and maps), which maps are granular, and how list
// items are identified (list-map keys, set values). A node without schema is "deduced":
// objects are granular maps of deduced values, lists are atomic.

import type { Schema, SchemaModel } from '../openapi-model.ts';
import { isPlainObject } from '../types.ts';
import { deepEqual, withoutNulls } from '../patch/json.ts';
import type { JsonObject } from '../patch/json.ts';
import { FieldSet, fieldElement, keyElement, valueElement } from './fieldset.ts';
import type { FieldPath, PathElement } from './fieldset.ts';

type Shape =
  | { kind: 'leaf' }
  | { kind: 'map'; schema: Schema | undefined }
  | { kind: 'list'; keys: string[] | undefined; item: Schema | undefined };

export class TypedWalker {
  private readonly model: SchemaModel;
  constructor(model: SchemaModel) { this.model = model; }

  /** The resolved schema of a definition, or undefined (deduced) when the model lacks it. */
  root(definitionName: string): Schema | undefined {
    const d = this.model.definitions[definitionName];
    return d ? this.model.resolve(d) : undefined;
  }

  /** How a node is treated; `value` decides for deduced nodes and type mismatches. */
  shape(schema: Schema | undefined, value: unknown): Shape {
    if (!schema) return isPlainObject(value) || value === undefined ? { kind: 'map', schema: undefined } : { kind: 'leaf' };
    const s = this.model.resolve(schema);
    if (s['x-kubernetes-int-or-string']) return { kind: 'leaf' };
    if (s.type === 'array' || s.items) {
      if (value !== undefined && !Array.isArray(value)) return { kind: 'leaf' };
      const item = s.items ? this.model.resolve(s.items) : undefined;
      const listType = s['x-kubernetes-list-type'];
      if (listType === 'atomic') return { kind: 'leaf' };
      if (listType === 'map') return { kind: 'list', keys: s['x-kubernetes-list-map-keys'] ?? [], item };
      if (listType === 'set') return { kind: 'list', keys: undefined, item };
      // Without a list type, upstream's schema conversion reads the patch strategy.
      if ((s['x-kubernetes-patch-strategy'] ?? '').split(',').includes('merge')) {
        const key = s['x-kubernetes-patch-merge-key'];
        return { kind: 'list', keys: key ? [key] : undefined, item };
      }
      return { kind: 'leaf' };
    }
    if (s.type === 'object' || s.properties || s.additionalProperties !== undefined) {
      if (value !== undefined && !isPlainObject(value)) return { kind: 'leaf' };
      if (s['x-kubernetes-map-type'] === 'atomic') return { kind: 'leaf' };
      return { kind: 'map', schema: s };
    }
    if (s.type === undefined && (isPlainObject(value) || value === undefined) && !s.$ref) return { kind: 'map', schema: undefined };
    return { kind: 'leaf' };
  }

  /** Schema of a map member; undefined means deduced. */
  fieldSchema(map: Schema | undefined, key: string): Schema | undefined {
    if (!map) return undefined;
    const p = map.properties?.[key];
    if (p) return p;
    if (typeof map.additionalProperties === 'object') return map.additionalProperties;
    return undefined;
  }

  /** Whether a key is a declared struct field (not a map entry). */
  isNamedField(map: Schema | undefined, key: string): boolean {
    return map?.properties !== undefined && Object.hasOwn(map.properties, key);
  }

  /** The path element of a list item. */
  itemElement(keys: string[] | undefined, item: Schema | undefined, value: unknown): PathElement {
    if (keys && isPlainObject(value)) {
      const fields: [string, unknown][] = [];
      for (const k of keys) {
        let v = value[k];
        if (v === undefined) v = item?.properties?.[k] ? this.model.resolve(item.properties[k]).default : undefined;
        if (v !== undefined) fields.push([k, v]);
      }
      return keyElement(fields);
    }
    return valueElement(value);
  }

  /** The fields a value sets (upstream's ToFieldSet), as an applier would own them. */
  fieldSetOf(schema: Schema | undefined, value: unknown): FieldSet {
    const set = new FieldSet();
    const visit = (path: PathElement[], sch: Schema | undefined, v: unknown): void => {
      const sh = this.shape(sch, v);
      if (sh.kind === 'leaf') { if (path.length > 0) set.insert(path); return; }
      if (sh.kind === 'map') {
        if (!isPlainObject(v)) return;
        for (const k of Object.keys(v)) {
          const cv = v[k];
          const cp = [...path, fieldElement(k)];
          visit(cp, this.fieldSchema(sh.schema, k), cv);
          if (cv === null || (isPlainObject(cv) && Object.keys(cv).length === 0) || !this.isNamedField(sh.schema, k)) set.insert(cp);
        }
        return;
      }
      if (!Array.isArray(v)) return;
      if (v.length === 0 && path.length > 0) set.insert(path);
      for (const item of v) {
        const ip = [...path, this.itemElement(sh.keys, sh.item, item)];
        visit(ip, sh.item, item);
        set.insert(ip);
      }
    };
    visit([], schema, value);
    return set;
  }

  /** Which paths were added, changed (leaves) and removed between two values (upstream's Compare). */
  compare(schema: Schema | undefined, lhs: unknown, rhs: unknown): { added: FieldSet; modified: FieldSet; removed: FieldSet } {
    const added = new FieldSet();
    const modified = new FieldSet();
    const removed = new FieldSet();
    const leaf = (path: PathElement[], l: unknown, r: unknown): void => {
      if (path.length === 0) return;
      if (l === undefined) added.insert(path);
      else if (r === undefined) removed.insert(path);
      else if (!deepEqual(l, r)) modified.insert(path);
    };
    const visit = (path: PathElement[], sch: Schema | undefined, l: unknown, r: unknown): void => {
      const sl = l === undefined ? undefined : this.shape(sch, l);
      const sr = r === undefined ? undefined : this.shape(sch, r);
      const sh = sl ?? sr;
      if (!sh || (sl && sr && sl.kind !== sr.kind) || sh.kind === 'leaf') { leaf(path, l, r); return; }
      if (sh.kind === 'map') {
        const lo = isPlainObject(l) ? l : {};
        const ro = isPlainObject(r) ? r : {};
        if (Object.keys(lo).length === 0 && Object.keys(ro).length === 0) { leaf(path, l, r); return; }
        for (const k of new Set([...Object.keys(lo), ...Object.keys(ro)])) {
          visit([...path, fieldElement(k)], this.fieldSchema(sh.schema, k), lo[k], ro[k]);
        }
      } else {
        const la = Array.isArray(l) ? l : [];
        const ra = Array.isArray(r) ? r : [];
        if (la.length === 0 && ra.length === 0) { leaf(path, l, r); return; }
        const li = this.index(sh.keys, sh.item, la);
        const ri = this.index(sh.keys, sh.item, ra);
        for (const pe of new Set([...li.keys(), ...ri.keys()])) visit([...path, pe], sh.item, li.get(pe), ri.get(pe));
      }
      if (path.length > 0) {
        if (l === undefined) added.insert(path);
        else if (r === undefined) removed.insert(path);
      }
    };
    visit([], schema, lhs, rhs);
    return { added, modified, removed };
  }

  private index(keys: string[] | undefined, item: Schema | undefined, list: unknown[]): Map<PathElement, unknown> {
    const m = new Map<PathElement, unknown>();
    for (const x of list) m.set(this.itemElement(keys, item, x), x);
    return m;
  }

  /**
   * Merges an applied configuration into a live value: granular maps member by member,
   * associative lists by key, sets by value, everything else replaced. A null in the
   * configuration clears the member.
   */
  merge(schema: Schema | undefined, live: unknown, config: unknown): unknown {
    if (config === undefined) return live;
    if (live === undefined || live === null) return withoutNulls(config);
    const sc = this.shape(schema, config);
    const sl = this.shape(schema, live);
    if (sc.kind === 'leaf' || sc.kind !== sl.kind) return withoutNulls(config);
    if (sc.kind === 'map') {
      const l = live as JsonObject;
      const c = config as JsonObject;
      const out: JsonObject = { ...l };
      for (const k of Object.keys(c)) {
        if (c[k] === null) { delete out[k]; continue; }
        out[k] = this.merge(this.fieldSchema(sc.schema, k), l[k], c[k]);
      }
      return out;
    }
    return this.mergeList(sc.keys, sc.item, live as unknown[], config as unknown[]);
  }

  /** Live-only items keep their place; shared and new items follow the configuration's order. */
  private mergeList(keys: string[] | undefined, item: Schema | undefined, live: unknown[], config: unknown[]): unknown[] {
    const lpe = live.map((x) => this.itemElement(keys, item, x));
    const cpe = config.map((x) => this.itemElement(keys, item, x));
    const liveBy = new Map<PathElement, unknown>();
    live.forEach((x, i) => liveBy.set(lpe[i] ?? '', x));
    const inConfig = new Set(cpe);
    const emitted = new Set<PathElement>();
    const out: unknown[] = [];
    let ci = 0;
    const emitConfigThrough = (stop: PathElement | undefined): void => {
      while (ci < config.length) {
        const pe = cpe[ci] ?? '';
        const c = config[ci++];
        if (!emitted.has(pe)) {
          emitted.add(pe);
          out.push(keys ? this.merge(item, liveBy.get(pe), c) : withoutNulls(c));
        }
        if (pe === stop) return;
      }
    };
    live.forEach((x, i) => {
      const pe = lpe[i] ?? '';
      if (!inConfig.has(pe)) { out.push(x); return; }
      if (!emitted.has(pe)) emitConfigThrough(pe);
    });
    emitConfigThrough(undefined);
    return out;
  }

  /** Removes the members of `set` (with everything below them) from a value. */
  removeItems(schema: Schema | undefined, value: unknown, set: FieldSet): unknown {
    if (set.children.size === 0) return value;
    const sh = this.shape(schema, value);
    if (sh.kind === 'map' && isPlainObject(value)) {
      const out: JsonObject = { ...value };
      for (const [pe, child] of set.children) {
        if (!pe.startsWith('f:')) continue;
        const k = pe.slice(2);
        if (!Object.hasOwn(out, k)) continue;
        if (child.member) delete out[k];
        else out[k] = this.removeItems(this.fieldSchema(sh.schema, k), out[k], child);
      }
      return out;
    }
    if (sh.kind === 'list' && Array.isArray(value)) {
      const out: unknown[] = [];
      for (const x of value) {
        const child = set.children.get(this.itemElement(sh.keys, sh.item, x));
        if (!child) out.push(x);
        else if (!child.member) out.push(this.removeItems(sh.item, x, child));
      }
      return out;
    }
    return value;
  }

  /** Adds as members the struct fields on the way to members (upstream's EnsureNamedFieldsAreMembers). */
  ensureNamedFieldsAreMembers(schema: Schema | undefined, set: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = set.member;
    const sh = this.shape(schema, undefined);
    for (const [pe, child] of set.children) {
      let childSchema: Schema | undefined;
      let named = false;
      if (sh.kind === 'map' && pe.startsWith('f:')) {
        childSchema = this.fieldSchema(sh.schema, pe.slice(2));
        named = this.isNamedField(sh.schema, pe.slice(2));
      } else if (sh.kind === 'list') {
        childSchema = sh.item;
      }
      const c = this.ensureNamedFieldsAreMembers(childSchema, child);
      if (named) c.member = true;
      out.children.set(pe, c);
    }
    return out;
  }
}

export type { FieldPath };
