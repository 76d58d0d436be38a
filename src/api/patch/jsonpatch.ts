// RFC 6902 JSON Patch with RFC 6901 JSON Pointers. Failure messages follow the wording of the
// Go json-patch library the apiserver uses, so clients see familiar text.

import { StatusError } from '../errors.ts';
import { isPlainObject } from '../types.ts';
import { badPatch, decodePatchBody, patchNotApplicable } from './errors.ts';
import { deepCopy, deepEqual } from './json.ts';
import type { JsonObject } from './json.ts';

/** Upstream's cap on the number of operations in one JSON patch. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

interface Operation { op: string; path: string; from?: string; value?: unknown; hasValue: boolean }

/** Splits a JSON pointer into its unescaped reference tokens. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw patchNotApplicable(`JSON pointer must be empty or start with a "/": ${pointer}`);
  return pointer.slice(1).split('/').map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Escapes one reference token for use in a JSON pointer. */
export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function decodeOperations(ops: unknown): Operation[] {
  const raw = decodePatchBody(ops);
  if (!Array.isArray(raw)) {
    throw badPatch(`json: cannot unmarshal ${raw === null ? 'null' : typeof raw === 'object' ? 'object' : typeof raw} into Go value of type jsonpatch.Patch`);
  }
  if (raw.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new StatusError(413, 'RequestEntityTooLarge', `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${raw.length}`);
  }
  return raw.map((o): Operation => {
    if (!isPlainObject(o)) throw badPatch('json: cannot unmarshal non-object into Go value of type jsonpatch.Operation');
    const op = typeof o.op === 'string' ? o.op : '';
    if (typeof o.path !== 'string') throw patchNotApplicable(`${op || 'unknown'} operation missing path field`);
    const out: Operation = { op, path: o.path, hasValue: Object.hasOwn(o, 'value'), value: o.value };
    if (typeof o.from === 'string') out.from = o.from;
    return out;
  });
}

function arrayIndex(arr: unknown[], token: string, forInsert: boolean): number {
  if (forInsert && token === '-') return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw patchNotApplicable(`Unable to access invalid index: ${token}: invalid index referenced`);
  const i = Number(token);
  const max = forInsert ? arr.length : arr.length - 1;
  if (i > max) throw patchNotApplicable(`Unable to access invalid index: ${i}: invalid index referenced`);
  return i;
}

/** Walks to the container holding the last token; undefined when some step is missing. */
function parentOf(doc: unknown, tokens: string[]): unknown[] | JsonObject | undefined {
  let cur: unknown = doc;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i] ?? '';
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9][0-9]*)$/.test(t) || Number(t) >= cur.length) return undefined;
      cur = cur[Number(t)];
    } else if (isPlainObject(cur)) {
      if (!Object.hasOwn(cur, t)) return undefined;
      cur = cur[t];
    } else {
      return undefined;
    }
  }
  return Array.isArray(cur) || isPlainObject(cur) ? cur : undefined;
}

function lookup(doc: unknown, tokens: string[]): { found: boolean; value: unknown } {
  if (tokens.length === 0) return { found: true, value: doc };
  const parent = parentOf(doc, tokens);
  const last = tokens[tokens.length - 1] ?? '';
  if (Array.isArray(parent)) {
    if (!/^(0|[1-9][0-9]*)$/.test(last) || Number(last) >= parent.length) return { found: false, value: undefined };
    return { found: true, value: parent[Number(last)] };
  }
  if (parent && Object.hasOwn(parent, last)) return { found: true, value: parent[last] };
  return { found: false, value: undefined };
}

/** The document state while applying; the root may be replaced by add/replace at "". */
interface Doc { root: unknown }

function add(d: Doc, path: string, value: unknown, what: string): void {
  const tokens = parsePointer(path);
  if (tokens.length === 0) { d.root = value; return; }
  const parent = parentOf(d.root, tokens);
  const last = tokens[tokens.length - 1] ?? '';
  if (parent === undefined) throw patchNotApplicable(`${what} operation does not apply: doc is missing path: ${JSON.stringify(path)}: missing value`);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true), 0, value);
  else parent[last] = value;
}

function remove(d: Doc, path: string, what: string): unknown {
  const tokens = parsePointer(path);
  const missing = (): StatusError => patchNotApplicable(`${what} operation does not apply: doc is missing path: ${JSON.stringify(path)}: missing value`);
  if (tokens.length === 0) throw missing();
  const parent = parentOf(d.root, tokens);
  const last = tokens[tokens.length - 1] ?? '';
  if (parent === undefined) throw missing();
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, false), 1)[0];
  if (!Object.hasOwn(parent, last)) throw patchNotApplicable(`Unable to remove nonexistent key: ${last}: missing value`);
  const v = parent[last];
  delete parent[last];
  return v;
}

function applyOne(d: Doc, op: Operation): void {
  const requireValue = (): unknown => {
    if (!op.hasValue) throw patchNotApplicable(`${op.op} operation missing value field`);
    return deepCopy(op.value);
  };
  const requireFrom = (): string => {
    if (op.from === undefined) throw patchNotApplicable(`${op.op} operation missing from field`);
    return op.from;
  };
  switch (op.op) {
    case 'add':
      add(d, op.path, requireValue(), 'add');
      return;
    case 'remove':
      remove(d, op.path, 'remove');
      return;
    case 'replace': {
      const value = requireValue();
      const tokens = parsePointer(op.path);
      if (!lookup(d.root, tokens).found) throw patchNotApplicable(`replace operation does not apply: doc is missing key: ${op.path}: missing value`);
      if (tokens.length === 0) { d.root = value; return; }
      const parent = parentOf(d.root, tokens);
      const last = tokens[tokens.length - 1] ?? '';
      if (Array.isArray(parent)) parent[Number(last)] = value;
      else if (parent) parent[last] = value;
      return;
    }
    case 'move': {
      const from = requireFrom();
      if (from === op.path) {
        if (!lookup(d.root, parsePointer(from)).found) throw patchNotApplicable(`move operation does not apply: doc is missing from path: ${from}: missing value`);
        return;
      }
      if (op.path.startsWith(`${from}/`)) throw patchNotApplicable(`move operation does not apply: "from" location ${from} is a prefix of "path" ${op.path}`);
      if (!lookup(d.root, parsePointer(from)).found) throw patchNotApplicable(`move operation does not apply: doc is missing from path: ${from}: missing value`);
      const v = remove(d, from, 'move');
      add(d, op.path, v, 'move');
      return;
    }
    case 'copy': {
      const from = requireFrom();
      const src = lookup(d.root, parsePointer(from));
      if (!src.found) throw patchNotApplicable(`copy operation does not apply: doc is missing from path: ${JSON.stringify(from)}: missing value`);
      add(d, op.path, deepCopy(src.value), 'copy');
      return;
    }
    case 'test': {
      const expected = op.hasValue ? op.value : null;
      const cur = lookup(d.root, parsePointer(op.path));
      if (!cur.found) {
        // A missing member tests equal to null, as the Go library treats it.
        if (expected === null && parentOf(d.root, parsePointer(op.path)) !== undefined) return;
        throw patchNotApplicable(`testing value ${op.path} failed: test failed`);
      }
      if (!deepEqual(cur.value, expected)) throw patchNotApplicable(`testing value ${op.path} failed: test failed`);
      return;
    }
    default:
      throw patchNotApplicable(`Unexpected kind: ${op.op}`);
  }
}

/**
 * Applies an RFC 6902 patch (parsed, or as JSON text/bytes) to a document and returns the
 * result; the input is never modified. Throws 400 for a malformed patch, 422 when an operation
 * does not apply (missing path, failed test, bad index), 413 beyond 10000 operations.
 */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  const operations = decodeOperations(ops);
  const d: Doc = { root: deepCopy(doc) };
  for (const op of operations) applyOne(d, op);
  return d.root;
}
