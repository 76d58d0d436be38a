// Small helpers to read and fill loosely typed API objects (JSON as decoded from a request).

import { deepCopy } from '../types.ts';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** v when it is a plain object, else a fresh empty object (reads only; not attached). */
export function obj(v: unknown): Obj {
  return isObj(v) ? v : {};
}

/** The child object at parent[key], created (and attached) when absent. */
export function child(parent: Obj, key: string): Obj {
  const v = parent[key];
  if (isObj(v)) return v;
  const c: Obj = {};
  parent[key] = c;
  return c;
}

/** The plain objects of an array field (non-objects skipped). */
export function objs(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A string map (labels, selectors, nodeSelector); non-string values dropped. */
export function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(v)) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** Sets o[key] = value when o[key] is undefined or null (upstream defaulting of nil pointers). */
export function setDefault(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

/** Sets o[key] = value when o[key] is missing or the empty string (upstream defaulting of "" strings). */
export function setDefaultString(o: Obj, key: string, value: string): void {
  if (o[key] === undefined || o[key] === null || o[key] === '') o[key] = value;
}

/** Reads a dotted path, e.g. get(pod, 'spec.nodeName'). */
export function get(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const part of path.split('.')) {
    if (!isObj(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

export function getStr(o: unknown, path: string): string {
  return str(get(o, path));
}

export function getNum(o: unknown, path: string): number | undefined {
  return num(get(o, path));
}

/** JSON deep copy (API objects are plain JSON). */
export const clone = deepCopy;
