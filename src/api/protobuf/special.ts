// The messages whose JSON form is custom in Go (MarshalJSON): metav1.Time and MicroTime,
// resource.Quantity, intstr.IntOrString, runtime.RawExtension and metav1.FieldsV1.

import { badRequest } from '../errors.ts';
import { canonicalQuantityString } from '../quantity.ts';
import type { Special } from './compile.ts';
import { WIRE, type Reader, type Writer } from './wire.ts';

/** Go's zero time.Time (0001-01-01T00:00:00Z) in Unix seconds. */
const ZERO_TIME_SECONDS = -62135596800;
/** 9999-12-31T23:59:59Z: Go's JSON encoder refuses later years. */
const MAX_TIME_SECONDS = 253402300799;

/** The JSON of a special message's zero value (a non-pointer field absent from the wire). */
export function specialZero(s: Special): unknown {
  switch (s) {
    case 'quantity': return '0';
    case 'intOrString': return 0;
    default: return null;
  }
}

/** Whether this JSON is what Go considers the zero value (for omitzero). */
export function specialIsZero(s: Special, v: unknown): boolean {
  return v === null || v === specialZero(s);
}

const quantityCache = new Map<string, string>();

function canonicalQuantity(s: string): string {
  const hit = quantityCache.get(s);
  if (hit !== undefined) return hit;
  let out: string;
  try {
    out = canonicalQuantityString(s);
  } catch {
    throw badRequest(`protobuf: invalid quantity ${JSON.stringify(s)}`);
  }
  if (quantityCache.size > 4096) quantityCache.clear();
  quantityCache.set(s, out);
  return out;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatTime(seconds: number, micros: number | undefined): string {
  if (seconds < ZERO_TIME_SECONDS || seconds > MAX_TIME_SECONDS) {
    throw badRequest(`protobuf: time ${seconds}s is outside years 1-9999`);
  }
  const d = new Date(seconds * 1000);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  return micros === undefined ? `${base}Z` : `${base}.${pad(micros, 6)}Z`;
}

/** Decodes the body of a special message (reader bounded to it) to its JSON form. */
export function decodeSpecial(s: Special, r: Reader): unknown {
  let seconds = 0, nanos = 0, str = '', typ = 0, intVal = 0, raw: Uint8Array | undefined;
  const empty = r.pos === r.end;
  while (r.pos < r.end) {
    const tag = r.varint();
    const num = Math.floor(tag / 8), wire = tag & 7;
    if (s === 'time' || s === 'microTime') {
      if (num === 1 && wire === WIRE.varint) { seconds = r.int64(); continue; }
      if (num === 2 && wire === WIRE.varint) { nanos = r.int32(); continue; }
    } else if (s === 'quantity') {
      if (num === 1 && wire === WIRE.bytes) { str = r.string(); continue; }
    } else if (s === 'intOrString') {
      if (num === 1 && wire === WIRE.varint) { typ = r.int64(); continue; }
      if (num === 2 && wire === WIRE.varint) { intVal = r.int32(); continue; }
      if (num === 3 && wire === WIRE.bytes) { str = r.string(); continue; }
    } else if (num === 1 && wire === WIRE.bytes) { raw = r.bytes(); continue; }
    if (num === 0) throw badRequest('protobuf: illegal field number 0');
    r.skip(wire);
  }
  switch (s) {
    case 'time':
      // Upstream keeps only whole seconds of a Time; an empty message is the zero time.
      if (empty || (seconds === ZERO_TIME_SECONDS && nanos === 0)) return null;
      return formatTime(seconds, undefined);
    case 'microTime':
      if (empty || (seconds === ZERO_TIME_SECONDS && nanos === 0)) return null;
      if (nanos < 0 || nanos > 999_999_999) throw badRequest(`protobuf: nanos ${nanos} out of range`);
      return formatTime(seconds, Math.floor(nanos / 1000));
    case 'quantity':
      return empty ? '0' : canonicalQuantity(str);
    case 'intOrString':
      if (typ === 0) return intVal;
      if (typ === 1) return str;
      throw badRequest(`protobuf: impossible IntOrString type ${typ}`);
    case 'rawJSON': {
      if (!raw || raw.length === 0) return null;
      try {
        return JSON.parse(new TextDecoder().decode(raw)) as unknown;
      } catch {
        throw badRequest('protobuf: embedded raw object is not JSON');
      }
    }
  }
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;

function parseTime(v: unknown, path: string): { seconds: number; nanos: number } {
  const m = typeof v === 'string' ? RFC3339.exec(v) : null;
  const ms = m ? Date.parse(`${m[1]}${m[3]!.toUpperCase()}`) : NaN;
  if (!m || Number.isNaN(ms)) throw new TypeError(`${path}: not an RFC 3339 time: ${JSON.stringify(v)}`);
  return { seconds: Math.floor(ms / 1000), nanos: m[2] ? Number(m[2].padEnd(9, '0')) : 0 };
}

/** Writes a special message's body for its JSON value (the caller frames it); false when it is null. */
export function encodeSpecial(s: Special, v: unknown, w: Writer, path: string): boolean {
  switch (s) {
    case 'time': case 'microTime': {
      if (v === null) return false;
      const t = parseTime(v, path);
      // Seconds always, as Go does: an empty body would read back as the zero time.
      w.tag(1, WIRE.varint); w.signed(t.seconds);
      const nanos = s === 'microTime' ? t.nanos - (t.nanos % 1000) : t.nanos;
      if (nanos !== 0) { w.tag(2, WIRE.varint); w.signed(nanos); }
      return true;
    }
    case 'quantity': {
      if (typeof v !== 'string' && typeof v !== 'number') throw new TypeError(`${path}: not a quantity`);
      w.tag(1, WIRE.bytes); w.string(String(v));
      return true;
    }
    case 'intOrString': {
      if (typeof v === 'number' && Number.isInteger(v)) {
        w.tag(1, WIRE.varint); w.varint(0); w.tag(2, WIRE.varint); w.signed(v);
      } else if (typeof v === 'string') {
        w.tag(1, WIRE.varint); w.varint(1); w.tag(3, WIRE.bytes); w.string(v);
      } else throw new TypeError(`${path}: not an int or string`);
      return true;
    }
    case 'rawJSON': {
      if (v === null) return false;
      w.tag(1, WIRE.bytes); w.string(JSON.stringify(v));
      return true;
    }
  }
}
