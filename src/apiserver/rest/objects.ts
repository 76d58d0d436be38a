// Request bodies to objects and back: decoding, served ↔ storage version, generated names.

import { randomUUID, randomInt } from 'node:crypto';
import YAML from 'yaml';
import { StatusError, badRequest, unsupportedMediaType } from '../../api/errors.ts';
import { groupVersion } from '../../api/registry.ts';
import type { ResourceType } from '../../api/registry.ts';
import { isPlainObject } from '../../api/types.ts';
import type { KubeObject } from '../../api/types.ts';
import { PROTOBUF_CONTENT_TYPE, decodeK8sProtobufLazily } from '../../api/protobuf/media.ts';
import type { Exchange } from '../http/exchange.ts';

export interface DecodedBody { value: unknown; text: string; mediaType: string }

/** JSON nested deeper than this is refused (hostile input). */
const MAX_DEPTH = 200;

export async function readBody(ex: Exchange, limit: number, accepted: readonly string[]): Promise<DecodedBody> {
  const mediaType = (ex.header('content-type').split(';')[0] ?? '').trim().toLowerCase() || 'application/json';
  if (!accepted.includes(mediaType)) throw unsupportedMediaType(mediaType);
  const buf = await ex.readBody(limit);
  if (mediaType === PROTOBUF_CONTENT_TYPE) {
    // kubectl ≥ 1.32's typed clients send built-in kinds as protobuf.
    return { value: (await decodeK8sProtobufLazily(buf)).object, text: '', mediaType };
  }
  const text = buf.toString('utf8');
  return { value: parseText(text, mediaType), text, mediaType };
}

export function parseText(text: string, mediaType: string): unknown {
  if (text.trim() === '') throw badRequest('the request body is empty');
  const yaml = mediaType.includes('yaml');
  // JSON is measured on the text, before parsing; YAML (aliases) once parsed.
  if (!yaml && jsonDepthExceeds(text, MAX_DEPTH + 1)) throw badRequest(`the request body nests deeper than ${MAX_DEPTH} levels`);
  let value: unknown;
  try {
    value = yaml ? YAML.parse(text, { maxAliasCount: 100, uniqueKeys: false }) : JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw badRequest(yaml ? `error converting YAML to JSON: ${msg}` : `couldn't get version/kind; json parse error: ${msg}`);
  }
  if (yaml && depthExceeds(value, MAX_DEPTH)) throw badRequest(`the request body nests deeper than ${MAX_DEPTH} levels`);
  return value;
}

/** Whether JSON text opens more than max objects or arrays inside each other (strings skipped; one pass, no allocation). */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

function depthExceeds(v: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length > 0) {
    const [cur, d] = stack.pop() as [unknown, number];
    if (d > max) return true;
    if (Array.isArray(cur)) for (const x of cur) stack.push([x, d + 1]);
    else if (isPlainObject(cur)) for (const x of Object.values(cur)) stack.push([x, d + 1]);
  }
  return false;
}

/** Checks a decoded body is an object of the request's kind and version, filling them in. */
export function asObjectOfType(value: unknown, t: ResourceType): KubeObject {
  if (!isPlainObject(value)) throw badRequest(`Object '${t.kind}' is not a valid object: expected a JSON object`);
  const gv = groupVersion(t);
  if (value.apiVersion !== undefined && value.apiVersion !== gv) {
    throw badRequest(`the API version in the data (${String(value.apiVersion)}) does not match the expected API version (${gv})`);
  }
  if (value.kind !== undefined && value.kind !== t.kind) {
    throw badRequest(`the kind in the data (${String(value.kind)}) does not match the expected kind (${t.kind})`);
  }
  if (value.metadata !== undefined && !isPlainObject(value.metadata)) {
    throw badRequest(`json: cannot unmarshal ${typeName(value.metadata)} into Go struct field ${t.kind}.metadata of type v1.ObjectMeta`);
  }
  const obj = value as KubeObject;
  obj.apiVersion = gv;
  obj.kind = t.kind;
  obj.metadata ??= {};
  checkMetaTypes(obj, t.kind);
  return obj;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const stringMetaFields = ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'selfLink'];

/** Type errors in metadata, which upstream reports while decoding (400). */
function checkMetaTypes(obj: KubeObject, kind: string): void {
  const m = obj.metadata as Record<string, unknown>;
  for (const f of stringMetaFields) {
    if (m[f] !== undefined && m[f] !== null && typeof m[f] !== 'string') {
      throw badRequest(`json: cannot unmarshal ${typeName(m[f])} into Go struct field ObjectMeta.metadata.${f} of type string`);
    }
    if (m[f] === null) delete m[f];
  }
  for (const f of ['labels', 'annotations']) {
    const v = m[f];
    if (v === null) { delete m[f]; continue; }
    if (v === undefined) continue;
    if (!isPlainObject(v)) throw badRequest(`json: cannot unmarshal ${typeName(v)} into Go struct field ObjectMeta.metadata.${f} of type map[string]string`);
    for (const [k, val] of Object.entries(v)) {
      if (typeof val !== 'string') throw badRequest(`json: cannot unmarshal ${typeName(val)} into Go struct field ObjectMeta.metadata.${f} of type string (key "${k}")`);
    }
  }
  for (const f of ['finalizers', 'ownerReferences', 'managedFields']) {
    const v = m[f];
    if (v === null) { delete m[f]; continue; }
    if (v !== undefined && !Array.isArray(v)) throw badRequest(`json: cannot unmarshal ${typeName(v)} into Go struct field ObjectMeta.metadata.${f} of type array`);
  }
  if (m.finalizers) for (const x of m.finalizers as unknown[]) if (typeof x !== 'string') throw badRequest(`json: cannot unmarshal ${typeName(x)} into Go struct field ObjectMeta.metadata.finalizers of type string`);
  if (m.generation !== undefined && typeof m.generation !== 'number') throw badRequest(`json: cannot unmarshal ${typeName(m.generation)} into Go struct field ObjectMeta.metadata.generation of type int64`);
  void kind;
}

export function toStorage(t: ResourceType, obj: KubeObject): KubeObject {
  return t.storage ? t.storage.toStorage(obj) : obj;
}

export function toServed(t: ResourceType, obj: KubeObject): KubeObject {
  return t.storage ? t.storage.fromStorage(obj) : obj;
}

export function newUID(): string { return randomUUID(); }

let lastSecond = NaN;
let lastTimestamp = '';

/** RFC 3339 in seconds, as metav1.Time serializes (formatted once per second: every write asks). */
export function nowTimestamp(ms = Date.now()): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastTimestamp = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    lastSecond = second;
  }
  return lastTimestamp;
}

const nameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** generateName + 5 random characters, as upstream's SimpleNameGenerator. */
export function generateName(base: string): string {
  const b = base.length > 58 ? base.slice(0, 58) : base;
  let s = '';
  for (let i = 0; i < 5; i++) s += nameAlphabet[randomInt(nameAlphabet.length)];
  return b + s;
}

export { deepCopy as clone } from '../../api/types.ts';

export function requireName(obj: KubeObject, t: ResourceType): void {
  if (!obj.metadata.name) {
    throw new StatusError(422, 'Invalid', `${t.kind}${t.group ? `.${t.group}` : ''} "" is invalid: metadata.name: Required value: name or generateName is required`,
      { kind: t.kind, group: t.group || undefined, causes: [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }] });
  }
}
