// The shape of our transcribed protobuf message tables.

/** Field flag bits, from the Go struct field behind each protobuf field. */
export const FLAG = {
  /** Go pointer (*T): present means emitted, even when zero. */
  pointer: 1,
  /** json:",omitempty": a zero scalar, empty slice or empty map is left out. */
  omitempty: 2,
  /** json:",omitzero": a zero value (a zero struct, a zero time) is left out. */
  omitzero: 4,
  /** json:",inline": the sub-message's fields are merged into the parent object. */
  inline: 8,
  /** protobuf `repeated`: JSON array. */
  repeated: 16,
} as const;

export type ScalarType = 'string' | 'bytes' | 'bool' | 'int32' | 'int64' | 'uint32' | 'uint64' | 'double' | 'float';

/** [number, JSON name ('' when inline), scalar type or message name, FLAG bits]. */
export type ValueRow = readonly [number, string, string, number];
/** [number, JSON name, 'map', FLAG bits, key type, value type]; on the wire, repeated {1: key, 2: value}. */
export type MapRow = readonly [number, string, 'map', number, string, string];
export type FieldRow = ValueRow | MapRow;

/** Message name (short form: 'core.v1.Pod', 'meta.v1.ObjectMeta') → its fields in Go declaration order. */
export type MessageTable = Readonly<Record<string, readonly FieldRow[]>>;
