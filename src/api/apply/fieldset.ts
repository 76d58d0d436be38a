// Sets of field paths, the way structured-merge-diff's fieldpath.Set holds them and metav1's
// FieldsV1 serializes them. A path is a list of path elements, each written as upstream does:
//   f:<name>            a field of a struct or a key of a map
//   k:{"name":"nginx"}  an item of an associative list (list-map), by its key fields
//   v:<json>            an item of a set list, by its value
//   i:<index>           an item of a list by position
// In FieldsV1 a node that is itself a member and also has members below carries ".": {}.

export type PathElement = string;
export type FieldPath = readonly PathElement[];

/** The FieldsV1 JSON form of a set. */
export type FieldsV1 = Record<string, unknown>;

/** A node of the set: whether the path to it is a member, and the sets below it. */
export class FieldSet {
  member = false;
  readonly children = new Map<PathElement, FieldSet>();
  /**
   * The FieldsV1 this set was read from when that text is already in serialization form, kept
   * (on a root, until the set changes in place) so an unchanged manager is not encoded again.
   */
  private encoded: FieldsV1 | undefined = undefined;

  static of(...paths: FieldPath[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  /** Adds a path (and makes its ancestors nodes of the tree). The empty path is not a member. */
  insert(path: FieldPath): void {
    if (path.length === 0) return;
    this.encoded = undefined;
    let children = this.children;
    let next: FieldSet | undefined;
    for (const pe of path) {
      next = children.get(pe);
      if (!next) { next = new FieldSet(); children.set(pe, next); }
      children = next.children;
    }
    if (next) next.member = true;
  }

  has(path: FieldPath): boolean {
    const n = this.node(path);
    return n !== undefined && n.member && path.length > 0;
  }

  /** The subtree at a path, if any. */
  node(path: FieldPath): FieldSet | undefined {
    if (path.length === 0) return this;
    let n = this.children.get(path[0] ?? '');
    for (let i = 1; i < path.length && n; i++) n = n.children.get(path[i] ?? '');
    return n;
  }

  isEmpty(): boolean {
    if (this.member) return false;
    for (const c of this.children.values()) if (!c.isEmpty()) return false;
    return true;
  }

  /** Every member path, parents before children, siblings in serialization order. */
  paths(): PathElement[][] {
    const out: PathElement[][] = [];
    const walk = (n: FieldSet, prefix: PathElement[]): void => {
      for (const pe of sortedElements(n.children.keys())) {
        const c = n.children.get(pe);
        if (!c) continue;
        const p = [...prefix, pe];
        if (c.member) out.push(p);
        walk(c, p);
      }
    };
    walk(this, []);
    return out;
  }

  size(): number {
    return this.paths().length;
  }

  copy(): FieldSet {
    const s = new FieldSet();
    s.member = this.member;
    for (const [pe, c] of this.children) s.children.set(pe, c.copy());
    return s;
  }

  union(other: FieldSet): FieldSet {
    const s = new FieldSet();
    s.member = this.member || other.member;
    for (const pe of new Set([...this.children.keys(), ...other.children.keys()])) {
      const a = this.children.get(pe);
      const b = other.children.get(pe);
      s.children.set(pe, a && b ? a.union(b) : (a ?? b ?? new FieldSet()).copy());
    }
    return s;
  }

  /** Members of this set that are not members of other. */
  difference(other: FieldSet): FieldSet {
    const s = new FieldSet();
    s.member = this.member && !other.member;
    for (const [pe, a] of this.children) {
      const b = other.children.get(pe);
      const d = b ? a.difference(b) : a.copy();
      if (!d.isEmpty()) s.children.set(pe, d);
    }
    return s;
  }

  intersection(other: FieldSet): FieldSet {
    const s = new FieldSet();
    s.member = this.member && other.member;
    for (const [pe, a] of this.children) {
      const b = other.children.get(pe);
      if (!b) continue;
      const i = a.intersection(b);
      if (!i.isEmpty()) s.children.set(pe, i);
    }
    return s;
  }

  /** Members of this set that are neither members of other nor below one of its members. */
  recursiveDifference(other: FieldSet): FieldSet {
    const s = new FieldSet();
    s.member = this.member && !other.member;
    for (const [pe, a] of this.children) {
      const b = other.children.get(pe);
      if (b?.member) continue;
      const d = b ? a.recursiveDifference(b) : a.copy();
      if (!d.isEmpty()) s.children.set(pe, d);
    }
    return s;
  }

  /**
   * In place: adds other's members (this = this ∪ other, sharing no nodes with other).
   * Returns whether this changed.
   */
  addAll(other: FieldSet): boolean {
    let changed = false;
    if (other.member && !this.member) { this.member = true; changed = true; }
    for (const [pe, b] of other.children) {
      const a = this.children.get(pe);
      if (a) { if (a.addAll(b)) changed = true; } else if (!b.isEmpty()) { this.children.set(pe, b.copy()); changed = true; }
    }
    if (changed) this.encoded = undefined;
    return changed;
  }

  /**
   * In place: removes other's members (this = this.difference(other)); with `trees`, also
   * everything below them (recursiveDifference). Nodes left empty are dropped. Returns whether
   * this changed.
   */
  removeAll(other: FieldSet, trees = false): boolean {
    let changed = false;
    if (other.member && this.member) { this.member = false; changed = true; }
    for (const [pe, b] of other.children) {
      const a = this.children.get(pe);
      if (!a) continue;
      if (trees && b.member) { this.children.delete(pe); changed = true; continue; }
      if (a.removeAll(b, trees)) {
        changed = true;
        if (a.isEmpty()) this.children.delete(pe);
      }
    }
    if (changed) this.encoded = undefined;
    return changed;
  }

  /** Whether every member of this set is a member of a or of b. */
  coveredBy(a: FieldSet | undefined, b: FieldSet | undefined): boolean {
    if (this.member && !a?.member && !b?.member) return false;
    for (const [pe, c] of this.children) if (!c.coveredBy(a?.children.get(pe), b?.children.get(pe))) return false;
    return true;
  }

  equals(other: FieldSet): boolean {
    return this.difference(other).isEmpty() && other.difference(this).isEmpty();
  }

  /** The FieldsV1 JSON form, e.g. {"f:metadata":{"f:labels":{".":{},"f:app":{}}}}. */
  toFieldsV1(): FieldsV1 {
    if (this.encoded) return this.encoded;
    const out: FieldsV1 = {};
    if (this.member && this.children.size > 0) out['.'] = {};
    for (const pe of sortedElements(this.children.keys())) {
      const c = this.children.get(pe);
      if (c && !c.isEmpty()) out[pe] = c.toFieldsV1();
    }
    return out;
  }

  /** Reads the FieldsV1 JSON form; throws Error on malformed input. */
  static fromFieldsV1(json: unknown): FieldSet {
    const root = new FieldSet();
    // Whether the text is exactly what toFieldsV1 writes back: "." first as {} and only beside
    // other members, siblings in serialization order.
    const read = (node: FieldSet, v: unknown, isRoot: boolean): boolean => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('FieldsV1: expected an object');
      let canonical = true;
      let count = 0;
      let prev: string | undefined;
      for (const k of Object.keys(v)) {
        const child = (v as Record<string, unknown>)[k];
        count++;
        if (k === '.') {
          if (isRoot || count !== 1 || !isEmptyObject(child)) canonical = false;
          if (!isRoot) node.member = true;
          continue;
        }
        const t = k.charCodeAt(0);
        // f, k, v, i followed by ':'
        if (k.charCodeAt(1) !== 58 || (t !== 102 && t !== 107 && t !== 118 && t !== 105)) throw new Error(`FieldsV1: unknown path element ${JSON.stringify(k)}`);
        if (prev !== undefined && !(compareElements(prev, k) < 0)) canonical = false;
        prev = k;
        const c = new FieldSet();
        if (!read(c, child, false)) canonical = false;
        node.children.set(k, c);
      }
      if (!isRoot && count === 0) node.member = true;
      if (node.member && count === 1 && prev === undefined) canonical = false; // {".":{}} alone
      return canonical;
    };
    if (read(root, json, true)) root.encoded = json as FieldsV1;
    return root;
  }
}

function isEmptyObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}

export function fieldElement(name: string): PathElement {
  return `f:${name}`;
}

/** k:{...} with the key fields in the order given (the schema's list-map-keys order). */
export function keyElement(fields: [string, unknown][]): PathElement {
  const o: Record<string, unknown> = {};
  for (const [k, v] of fields) o[k] = v;
  return `k:${JSON.stringify(o)}`;
}

export function valueElement(value: unknown): PathElement {
  return `v:${JSON.stringify(value)}`;
}

export function indexElement(i: number): PathElement {
  return `i:${i}`;
}

const rank: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

export function compareElements(a: PathElement, b: PathElement): number {
  const ra = rank[a[0] ?? ''] ?? 4;
  const rb = rank[b[0] ?? ''] ?? 4;
  if (ra !== rb) return ra - rb;
  if (a[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedElements(pes: Iterable<PathElement>): PathElement[] {
  const out = [...pes];
  for (let i = 1; i < out.length; i++) {
    if (compareElements(out[i - 1] ?? '', out[i] ?? '') > 0) return out.sort(compareElements);
  }
  return out;
}

/** A path as upstream prints it in conflicts: .spec.containers[name="nginx"].image */
export function pathString(path: FieldPath): string {
  return path.map((pe) => {
    const body = pe.slice(2);
    switch (pe[0]) {
      case 'f': return `.${body}`;
      case 'k': {
        const o = JSON.parse(body) as Record<string, unknown>;
        return `[${Object.entries(o).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
      }
      case 'v': return `[=${body}]`;
      case 'i': return `[${body}]`;
      default: return pe;
    }
  }).join('');
}
