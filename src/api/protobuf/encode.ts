// JSON object → protobuf message, the reverse of decode.ts. Fields are written in field-number
// order as Go does; fields absent or null in the JSON are left off the wire (they read back as
// their zero values). Encoding our own objects, so a mismatch is a TypeError (a bug), not a 400.

import type { Message, ValueType } from './compile.ts';
import { encodeSpecial } from './special.ts';
import { WIRE, Writer } from './wire.ts';

export function encodeMessage(m: Message, obj: Record<string, unknown>): Uint8Array {
  const w = new Writer();
  writeFields(m, obj, w, '');
  return w.finish();
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function writeFields(m: Message, obj: Record<string, unknown>, w: Writer, path: string): void {
  for (const f of m.byNumberOrder) {
    const vt = f.value;
    if (f.inline) {
      if (vt.kind !== 'message') continue;
      const sub = new Writer();
      writeFields(vt.message, obj, sub, path);
      w.tag(f.num, WIRE.bytes);
      w.message(sub);
      continue;
    }
    const v = obj[f.json];
    if (v === undefined || v === null) continue;
    const at = `${path}.${f.json}`;
    if (f.mapKey !== undefined) {
      if (!isObject(v)) throw new TypeError(`${at}: expected an object`);
      for (const key of Object.keys(v).sort()) {
        const entry = new Writer();
        writeValue(1, f.mapKey, f.mapKey.kind === 'scalar' && f.mapKey.scalar !== 'string' ? Number(key) : key, entry, at);
        const value = v[key];
        if (value !== null && value !== undefined) writeValue(2, vt, value, entry, `${at}[${key}]`);
        w.tag(f.num, WIRE.bytes);
        w.message(entry);
      }
    } else if (f.repeated) {
      if (!Array.isArray(v)) throw new TypeError(`${at}: expected an array`);
      for (let i = 0; i < v.length; i++) writeValue(f.num, vt, v[i] as unknown, w, `${at}[${i}]`);
    } else {
      writeValue(f.num, vt, v, w, at);
    }
  }
}

function writeValue(num: number, vt: ValueType, v: unknown, w: Writer, path: string): void {
  switch (vt.kind) {
    case 'scalar': writeScalar(num, vt.scalar, v, w, path); return;
    case 'special': {
      const sub = new Writer();
      if (!encodeSpecial(vt.special, v, sub, path)) return;
      w.tag(num, WIRE.bytes);
      w.message(sub);
      return;
    }
    case 'list': {
      if (v === null) return;
      if (!Array.isArray(v)) throw new TypeError(`${path}: expected an array`);
      const sub = new Writer();
      for (const item of v) writeScalar(1, 'string', item, sub, path);
      w.tag(num, WIRE.bytes);
      w.message(sub);
      return;
    }
    case 'message': {
      if (!isObject(v)) throw new TypeError(`${path}: expected an object`);
      const sub = new Writer();
      writeFields(vt.message, v, sub, path);
      w.tag(num, WIRE.bytes);
      w.message(sub);
      return;
    }
  }
}

function writeScalar(num: number, t: string, v: unknown, w: Writer, path: string): void {
  switch (t) {
    case 'string':
      if (typeof v !== 'string') throw new TypeError(`${path}: expected a string`);
      w.tag(num, WIRE.bytes); w.string(v);
      return;
    case 'bytes':
      if (typeof v !== 'string') throw new TypeError(`${path}: expected base64 data`);
      w.tag(num, WIRE.bytes); w.bytes(Buffer.from(v, 'base64'));
      return;
    case 'bool':
      if (typeof v !== 'boolean') throw new TypeError(`${path}: expected a boolean`);
      w.tag(num, WIRE.varint); w.varint(v ? 1 : 0);
      return;
    case 'double': case 'float':
      if (typeof v !== 'number') throw new TypeError(`${path}: expected a number`);
      if (t === 'double') { w.tag(num, WIRE.fixed64); w.double(v); } else { w.tag(num, WIRE.fixed32); w.float(v); }
      return;
    default:
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(`${path}: expected an integer`);
      w.tag(num, WIRE.varint);
      if (t === 'uint32' || t === 'uint64') w.varint(v); else w.signed(v);
  }
}
