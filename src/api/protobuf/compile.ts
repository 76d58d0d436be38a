// Turns the transcribed tables into per-message lookup structures, once, at module load: field by
// number in an array, resolved message references, the zero-value rules of Go's JSON encoder.

import { listWrappers, messages } from './schema/index.ts';
import { FLAG, type FieldRow, type ScalarType } from './schema/types.ts';
import { WIRE } from './wire.ts';

/** Messages with a custom JSON form (Go MarshalJSON), handled by name. */
export type Special = 'time' | 'microTime' | 'quantity' | 'intOrString' | 'rawJSON';

const SPECIALS: Record<string, Special> = {
  'meta.v1.Time': 'time',
  'meta.v1.MicroTime': 'microTime',
  'resource.Quantity': 'quantity',
  'intstr.IntOrString': 'intOrString',
  'runtime.RawExtension': 'rawJSON',
  'meta.v1.FieldsV1': 'rawJSON',
};

const SCALARS = new Set<string>(['string', 'bytes', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float']);

/** What one JSON value of a field (or of a map key / value, or array element) is. */
export type ValueType =
  | { readonly kind: 'scalar'; readonly scalar: ScalarType; readonly wire: number }
  | { readonly kind: 'special'; readonly special: Special; readonly name: string }
  | { readonly kind: 'list'; readonly name: string } // a Go named slice: message { repeated string items = 1 }
  | { readonly kind: 'message'; readonly message: Message };

export interface Field {
  readonly num: number;
  readonly json: string;
  /** The value type (of each element when repeated, of each map value for maps). */
  readonly value: ValueType;
  /** Set for map fields: the key type (on the wire: repeated entries {1: key, 2: value}). */
  readonly mapKey: ValueType | undefined;
  readonly repeated: boolean;
  readonly pointer: boolean;
  readonly omitempty: boolean;
  readonly omitzero: boolean;
  readonly inline: boolean;
}

export interface Message {
  readonly name: string;
  /** Fields in Go declaration order. */
  readonly fields: Field[];
  /** Fields in field-number order (how Go writes them). */
  readonly byNumberOrder: Field[];
  /** Field by number; sparse. */
  readonly byNumber: (Field | undefined)[];
}

function wireOf(t: ScalarType): number {
  switch (t) {
    case 'string': case 'bytes': return WIRE.bytes;
    case 'double': return WIRE.fixed64;
    case 'float': return WIRE.fixed32;
    default: return WIRE.varint;
  }
}

const compiled = new Map<string, Message>();

function valueType(name: string): ValueType {
  if (SCALARS.has(name)) return { kind: 'scalar', scalar: name as ScalarType, wire: wireOf(name as ScalarType) };
  const special = SPECIALS[name];
  if (special) return { kind: 'special', special, name };
  if (listWrappers.has(name)) return { kind: 'list', name };
  const message = compiled.get(name);
  if (!message) throw new Error(`protobuf schema: ${name} is referenced but not transcribed`);
  return { kind: 'message', message };
}

function compileAll(): void {
  // Two passes: create every message, then resolve references (tables are cyclic-free, but
  // declaration order is alphabetical, not topological).
  for (const name of Object.keys(messages)) {
    compiled.set(name, { name, fields: [], byNumberOrder: [], byNumber: [] });
  }
  for (const [name, rows] of Object.entries(messages)) {
    const m = compiled.get(name)!;
    for (const row of rows) {
      const f = compileField(row);
      m.fields.push(f);
      m.byNumber[f.num] = f;
    }
    m.byNumberOrder.push(...[...m.fields].sort((a, b) => a.num - b.num));
  }
}

function compileField(row: FieldRow): Field {
  const [num, json, type, flags] = row;
  const isMap = type === 'map';
  return {
    num, json,
    value: valueType(isMap ? row[5]! : type),
    mapKey: isMap ? valueType(row[4]!) : undefined,
    repeated: (flags & FLAG.repeated) !== 0,
    pointer: (flags & FLAG.pointer) !== 0,
    omitempty: (flags & FLAG.omitempty) !== 0,
    omitzero: (flags & FLAG.omitzero) !== 0,
    inline: (flags & FLAG.inline) !== 0,
  };
}

compileAll();

export function messageNamed(name: string): Message | undefined {
  return compiled.get(name);
}
