// Protobuf message → the JSON object Go's encoding/json would print for the same Go struct:
// pointers appear when set, omitempty drops zero scalars and empty slices/maps, non-pointer
// structs always appear (omitzero aside), and fields absent from the wire take their zero value.

import { badRequest } from '../errors.ts';
import type { Field, Message, ValueType } from './compile.ts';
import { decodeSpecial, specialIsZero, specialZero } from './special.ts';
import { Reader, WIRE } from './wire.ts';

/** Deeper than any built-in kind nests; bounds recursion on hostile input. */
const MAX_DEPTH = 64;

type JSONObject = Record<string, unknown>;

export function decodeMessage(m: Message, buf: Uint8Array): JSONObject {
  const r = new Reader(buf);
  const obj: JSONObject = {};
  decodeInto(m, r, buf.length, obj, 0);
  return obj;
}

/** Reads fields up to `end` into obj (merging, as protobuf does for a repeated message field). */
function decodeInto(m: Message, r: Reader, end: number, obj: JSONObject, depth: number): void {
  if (depth > MAX_DEPTH) throw badRequest(`protobuf: messages nested deeper than ${MAX_DEPTH} levels`);
  const outerEnd = r.end;
  r.end = end;
  while (r.pos < end) {
    const tag = r.varint();
    const num = Math.floor(tag / 8);
    const wire = tag & 7;
    if (num === 0) throw badRequest(`protobuf: illegal field number 0 in ${m.name}`);
    const f = m.byNumber[num];
    if (f === undefined) r.skip(wire);
    else readField(m, f, wire, r, obj, depth);
  }
  r.end = outerEnd;
  finalize(m, obj);
}

function wrongWire(m: Message, f: Field, wire: number): never {
  throw badRequest(`protobuf: wrong wire type ${wire} for field ${m.name}.${f.json || f.num}`);
}

function readField(m: Message, f: Field, wire: number, r: Reader, obj: JSONObject, depth: number): void {
  const vt = f.value;
  if (f.mapKey !== undefined) {
    if (wire !== WIRE.bytes) wrongWire(m, f, wire);
    const map = (obj[f.json] ??= {}) as JSONObject;
    readMapEntry(m, f, f.mapKey, r, map, depth);
    return;
  }
  if (f.repeated) {
    const arr = (obj[f.json] ??= []) as unknown[];
    if (vt.kind === 'scalar' && vt.wire !== WIRE.bytes && wire === WIRE.bytes) {
      // Packed repeated numbers (proto3 style); Go accepts them, so do we.
      const len = r.length();
      const end = r.pos + len;
      const outerEnd = r.end;
      r.end = end;
      while (r.pos < end) arr.push(readScalar(vt.scalar, r));
      r.end = outerEnd;
      return;
    }
    arr.push(readValue(m, f, vt, wire, r, depth));
    return;
  }
  if (vt.kind === 'message') {
    if (wire !== WIRE.bytes) wrongWire(m, f, wire);
    const len = r.length();
    const end = r.pos + len;
    const target = f.inline ? obj : obj[f.json];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
      decodeInto(vt.message, r, end, target as JSONObject, depth + 1);
    } else {
      const sub: JSONObject = {};
      decodeInto(vt.message, r, end, sub, depth + 1);
      obj[f.json] = sub;
    }
    return;
  }
  const v = readValue(m, f, vt, wire, r, depth);
  const omit = f.pointer ? false
    : vt.kind === 'special' ? f.omitzero && specialIsZero(vt.special, v)
      : vt.kind === 'list' ? f.omitempty && v === null
        : f.omitempty && (v === '' || v === 0 || v === false);
  // Only delete what is there: delete on a missing key can still cost the object its fast shape.
  if (!omit) obj[f.json] = v;
  else if (obj[f.json] !== undefined) delete obj[f.json];
}

function readMapEntry(m: Message, f: Field, kt: ValueType, r: Reader, map: JSONObject, depth: number): void {
  const len = r.length();
  const end = r.pos + len;
  const outerEnd = r.end;
  r.end = end;
  let key: unknown;
  let value: unknown;
  while (r.pos < end) {
    const tag = r.varint();
    const num = Math.floor(tag / 8);
    const wire = tag & 7;
    if (num === 1) key = readValue(m, f, kt, wire, r, depth);
    else if (num === 2) value = readValue(m, f, f.value, wire, r, depth);
    else if (num === 0) throw badRequest(`protobuf: illegal field number 0 in ${m.name}.${f.json} entry`);
    else r.skip(wire);
  }
  r.end = outerEnd;
  key ??= zeroOf(kt);
  map[String(key)] = value === undefined ? zeroOf(f.value) : value;
}

function readScalar(t: string, r: Reader): unknown {
  switch (t) {
    case 'string': return r.string();
    case 'bytes': {
      const b = r.bytes();
      return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
    }
    case 'bool': return r.varint() !== 0;
    case 'int32': return r.int32();
    case 'int64': return r.int64();
    case 'uint32': return r.uint32();
    case 'uint64': return r.varint();
    case 'double': return r.double();
    case 'float': return r.float();
    default: throw new Error(`protobuf: unknown scalar ${t}`);
  }
}

function readValue(m: Message, f: Field, vt: ValueType, wire: number, r: Reader, depth: number): unknown {
  if (vt.kind === 'scalar') {
    if (wire !== vt.wire) wrongWire(m, f, wire);
    return readScalar(vt.scalar, r);
  }
  if (wire !== WIRE.bytes) wrongWire(m, f, wire);
  const len = r.length();
  const end = r.pos + len;
  if (vt.kind === 'message') {
    const sub: JSONObject = {};
    decodeInto(vt.message, r, end, sub, depth + 1);
    return sub;
  }
  const outerEnd = r.end;
  r.end = end;
  let out: unknown;
  if (vt.kind === 'special') {
    out = decodeSpecial(vt.special, r);
  } else {
    // A Go named slice (ExtraValue, Verbs): message { repeated string items = 1 }; JSON is the array.
    const items: string[] = [];
    while (r.pos < end) {
      const tag = r.varint();
      if (tag === (1 << 3 | WIRE.bytes)) items.push(r.string());
      else if (tag < 8) throw badRequest(`protobuf: illegal field number 0 in ${vt.name}`);
      else r.skip(tag & 7);
    }
    out = items.length ? items : null;
  }
  r.end = outerEnd;
  return out;
}

/** The JSON Go prints for the zero value of a non-pointer field of this type. */
function zeroOf(vt: ValueType): unknown {
  switch (vt.kind) {
    case 'scalar': return vt.scalar === 'string' ? '' : vt.scalar === 'bool' ? false : vt.scalar === 'bytes' ? '' : 0;
    case 'special': return specialZero(vt.special);
    case 'list': return null;
    case 'message': {
      const o: JSONObject = {};
      finalize(vt.message, o);
      return o;
    }
  }
}

/** Gives fields absent from the wire what Go's JSON encoder would print for their zero value. */
function finalize(m: Message, obj: JSONObject): void {
  for (const f of m.fields) {
    const vt = f.value;
    if (f.inline) {
      if (vt.kind === 'message') finalize(vt.message, obj);
      continue;
    }
    if (f.pointer || obj[f.json] !== undefined) continue;
    if (f.repeated || f.mapKey !== undefined || vt.kind === 'list') {
      if (!f.omitempty) obj[f.json] = null;
      continue;
    }
    if (vt.kind === 'scalar') {
      if (!f.omitempty) obj[f.json] = vt.scalar === 'bytes' ? null : zeroOf(vt);
      continue;
    }
    // Structs: omitempty never drops them; omitzero drops the zero value.
    if (!f.omitzero) obj[f.json] = zeroOf(vt);
  }
}
