// Walks objects along their OpenAPI schema the way structured-merge-diff walks typed values:
// which nodes are leaves (scalars, atomic lists and maps), which maps are granular, and how list
// items are identified (list-map keys, set values). A node without schema is "deduced":
// objects are granular maps of deduced values, lists are atomic.

import type { Schema, SchemaModel } from '../openapi-model.ts';
import { isPlainObject } from '../types.ts';
import { deepEqual, withoutNulls } from '../patch/json.ts';
import type { JsonObject } from '../patch/json.ts';
import { FieldSet, fieldElement, valueElement } from './fieldset.ts';
import type { FieldPath, PathElement } from './fieldset.ts';

/** Stands for a missing map; never written to. */
const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

type Shape =
  | { kind: 'leaf' }
  | { kind: 'map'; schema: Schema | undefined }
  | { kind: 'list'; keys: string[] | undefined; item: Schema | undefined };

const LEAF: Shape = { kind: 'leaf' };
const DEDUCED_MAP: Shape = { kind: 'map', schema: undefined };
/** What a schema makes of a node before looking at the value: 'untyped' decides by the value. */
type StaticShape = Shape | 'untyped';

interface Comparison { added: FieldSet; modified: FieldSet; removed: FieldSet }

function compareLeaf(path: PathElement[], l: unknown, r: unknown, c: Comparison): void {
  if (path.length === 0) return;
  if (l === undefined) c.added.insert(path);
  else if (r === undefined) c.removed.insert(path);
  else if (!deepEqual(l, r)) c.modified.insert(path);
}

function holdsUndefined(v: unknown): boolean {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (v[i] === undefined || holdsUndefined(v[i])) return true;
    return false;
  }
  if (isPlainObject(v)) {
    for (const k of Object.keys(v)) if (v[k] === undefined || holdsUndefined(v[k])) return true;
  }
  return false;
}

const walkers = new WeakMap<SchemaModel, TypedWalker>();

export class TypedWalker {
  private readonly model: SchemaModel;
  private readonly shapes = new WeakMap<Schema, StaticShape>();
  private readonly roots = new Map<string, Schema | undefined>();
  /** JSON-quoted key names per list-map-keys array, for item elements. */
  private readonly quotedKeys = new WeakMap<string[], string[]>();
  constructor(model: SchemaModel) { this.model = model; }

  /** One walker per model, so the shapes it works out are kept across writes. */
  static of(model: SchemaModel): TypedWalker {
    let w = walkers.get(model);
    if (!w) { w = new TypedWalker(model); walkers.set(model, w); }
    return w;
  }

  /** The resolved schema of a definition, or undefined (deduced) when the model lacks it. */
  root(definitionName: string): Schema | undefined {
    if (this.roots.has(definitionName)) return this.roots.get(definitionName);
    const d = this.model.definitions[definitionName];
    const r = d ? this.model.resolve(d) : undefined;
    this.roots.set(definitionName, r);
    return r;
  }

  /** How a node is treated; `value` decides for deduced nodes and type mismatches. */
  shape(schema: Schema | undefined, value: unknown): Shape {
    const st = schema ? this.staticShape(schema) : 'untyped';
    if (st === 'untyped') return isPlainObject(value) || value === undefined ? DEDUCED_MAP : LEAF;
    if (st.kind === 'list') return value !== undefined && !Array.isArray(value) ? LEAF : st;
    if (st.kind === 'map') return value !== undefined && !isPlainObject(value) ? LEAF : st;
    return st;
  }

  private staticShape(schema: Schema): StaticShape {
    let st = this.shapes.get(schema);
    if (st === undefined) { st = this.computeShape(schema); this.shapes.set(schema, st); }
    return st;
  }

  private computeShape(schema: Schema): StaticShape {
    const s = this.model.resolve(schema);
    if (s['x-kubernetes-int-or-string']) return LEAF;
    if (s.type === 'array' || s.items) {
      const item = s.items ? this.model.resolve(s.items) : undefined;
      const listType = s['x-kubernetes-list-type'];
      if (listType === 'atomic') return LEAF;
      if (listType === 'map') return { kind: 'list', keys: s['x-kubernetes-list-map-keys'] ?? [], item };
      if (listType === 'set') return { kind: 'list', keys: undefined, item };
      // Without a list type, upstream's schema conversion reads the patch strategy.
      if ((s['x-kubernetes-patch-strategy'] ?? '').split(',').includes('merge')) {
        const key = s['x-kubernetes-patch-merge-key'];
        return { kind: 'list', keys: key ? [key] : undefined, item };
      }
      return LEAF;
    }
    if (s.type === 'object' || s.properties || s.additionalProperties !== undefined) {
      if (s['x-kubernetes-map-type'] === 'atomic') return LEAF;
      return { kind: 'map', schema: s };
    }
    if (s.type === undefined && !s.$ref) return 'untyped';
    return LEAF;
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

  /** The path element of a list item: k:{...} by its key fields (in the keys' order), else v:<json>. */
  itemElement(keys: string[] | undefined, item: Schema | undefined, value: unknown): PathElement {
    if (keys && isPlainObject(value)) {
      let quoted = this.quotedKeys.get(keys);
      if (!quoted) { quoted = keys.map((k) => JSON.stringify(k)); this.quotedKeys.set(keys, quoted); }
      // The text JSON.stringify gives the object of the key fields, written without building it.
      let out = 'k:{';
      let first = true;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] ?? '';
        let v = value[k];
        if (v === undefined) { const p = item?.properties?.[k]; v = p ? this.model.resolve(p).default : undefined; }
        if (v === undefined) continue;
        const text = JSON.stringify(v) as string | undefined;
        if (text === undefined) continue;
        out += (first ? '' : ',') + quoted[i] + ':' + text;
        first = false;
      }
      return out + '}';
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
  compare(schema: Schema | undefined, lhs: unknown, rhs: unknown): Comparison {
    const c = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
    this.compareAt([], schema, lhs, rhs, c);
    return c;
  }

  /** One node of compare; `path` is a stack shared by the whole walk (sets copy what they keep). */
  private compareAt(path: PathElement[], sch: Schema | undefined, l: unknown, r: unknown, c: Comparison): void {
    // The same value on both sides (a status write keeps the stored spec) has nothing to report,
    // unless some member inside is undefined: compare reports those as added.
    if (l === r && l !== undefined && !holdsUndefined(l)) return;
    const sl = l === undefined ? undefined : this.shape(sch, l);
    const sr = r === undefined ? undefined : this.shape(sch, r);
    const sh = sl ?? sr;
    if (!sh || (sl && sr && sl.kind !== sr.kind) || sh.kind === 'leaf') { compareLeaf(path, l, r, c); return; }
    if (sh.kind === 'map') {
      const lo = isPlainObject(l) ? l : EMPTY;
      const ro = isPlainObject(r) ? r : EMPTY;
      const lk = Object.keys(lo);
      const rk = Object.keys(ro);
      if (lk.length === 0 && rk.length === 0) { compareLeaf(path, l, r, c); return; }
      for (const k of lk) {
        path.push(fieldElement(k));
        this.compareAt(path, this.fieldSchema(sh.schema, k), lo[k], ro[k], c);
        path.pop();
      }
      for (const k of rk) {
        if (Object.hasOwn(lo, k)) continue;
        path.push(fieldElement(k));
        this.compareAt(path, this.fieldSchema(sh.schema, k), lo[k], ro[k], c);
        path.pop();
      }
    } else {
      const la = Array.isArray(l) ? l : [];
      const ra = Array.isArray(r) ? r : [];
      if (la.length === 0 && ra.length === 0) { compareLeaf(path, l, r, c); return; }
      const li = this.index(sh.keys, sh.item, la);
      const ri = this.index(sh.keys, sh.item, ra);
      for (const [pe, lv] of li) {
        path.push(pe);
        this.compareAt(path, sh.item, lv, ri.get(pe), c);
        path.pop();
      }
      for (const [pe, rv] of ri) {
        if (li.has(pe)) continue;
        path.push(pe);
        this.compareAt(path, sh.item, undefined, rv, c);
        path.pop();
      }
    }
    if (path.length > 0) {
      if (l === undefined) c.added.insert(path);
      else if (r === undefined) c.removed.insert(path);
    }
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
