// Protobuf wire primitives: a bounds-checked reader that never reads past its slice (hostile
// input gives a BadRequest, never a hang or a RangeError), and a growable writer.

import { badRequest } from '../errors.ts';

export const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

const TWO32 = 4294967296;
const utf8 = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

export class Reader {
  readonly buf: Uint8Array;
  pos: number;
  end: number;
  private view: DataView | undefined;

  constructor(buf: Uint8Array, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  /** A varint as an unsigned number (exact up to 2^53; tags, lengths, bools, enums). */
  varint(): number {
    const buf = this.buf;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw badRequest('protobuf: truncated varint');
      const b = buf[this.pos++]!;
      if (i < 7) {
        result += (b & 0x7f) * scale;
        scale *= 128;
        if (b < 0x80) return result;
      } else {
        // Past 49 bits: redo it exactly (negative int64 and int32 values are ten bytes long).
        this.pos -= i + 1;
        return Number(BigInt.asUintN(64, this.bigVarint()));
      }
    }
    throw badRequest('protobuf: varint longer than 10 bytes');
  }

  private bigVarint(): bigint {
    let result = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw badRequest('protobuf: truncated varint');
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (b < 0x80) return result;
    }
    throw badRequest('protobuf: varint longer than 10 bytes');
  }

  /** A varint read as a signed int64 (JSON number; exact within ±2^53). */
  int64(): number {
    const start = this.pos;
    const v = this.varint();
    if (v < 2 ** 49) return v;
    this.pos = start;
    return Number(BigInt.asIntN(64, this.bigVarint()));
  }

  /** A varint truncated to a signed int32, as Go does. */
  int32(): number {
    const start = this.pos;
    const v = this.varint();
    if (v < TWO32) return v | 0;
    this.pos = start;
    return Number(BigInt.asIntN(32, this.bigVarint()));
  }

  uint32(): number {
    const start = this.pos;
    const v = this.varint();
    if (v < TWO32) return v;
    this.pos = start;
    return Number(BigInt.asUintN(32, this.bigVarint()));
  }

  private need(n: number): void {
    if (n > this.end - this.pos) throw badRequest(`protobuf: ${n} bytes declared but only ${this.end - this.pos} left`);
  }

  private dataView(): DataView {
    return this.view ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  double(): number {
    this.need(8);
    const v = this.dataView().getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  float(): number {
    this.need(4);
    const v = this.dataView().getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** The length prefix of a length-delimited field, checked against what is left. */
  length(): number {
    const n = this.varint();
    this.need(n);
    return n;
  }

  bytes(): Uint8Array {
    const n = this.length();
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  string(): string {
    const n = this.length();
    const start = this.pos;
    this.pos += n;
    if (n < 64) {
      // Short ASCII strings (names, labels, enums) are the common case: skip TextDecoder.
      let s = '';
      for (let i = start; i < start + n; i++) {
        const c = this.buf[i]!;
        if (c >= 0x80) return utf8.decode(this.buf.subarray(start, start + n));
        s += String.fromCharCode(c);
      }
      return s;
    }
    return utf8.decode(this.buf.subarray(start, start + n));
  }

  /** Steps over a field of an unknown number (forward compatibility). */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE.varint: this.varint(); return;
      case WIRE.fixed64: this.need(8); this.pos += 8; return;
      case WIRE.bytes: { const n = this.length(); this.pos += n; return; }
      case WIRE.fixed32: this.need(4); this.pos += 4; return;
      default: throw badRequest(`protobuf: unsupported wire type ${wireType}`);
    }
  }
}

/** A growable byte buffer; nested messages are written to a child writer and copied in. */
export class Writer {
  private buf = new Uint8Array(256);
  len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** A non-negative varint (exact up to 2^53). */
  varint(v: number): void {
    this.ensure(10);
    while (v >= 0x80) {
      this.buf[this.len++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.len++] = v;
  }

  /** int32/int64 as Go writes them: negatives are sign-extended to ten bytes. */
  signed(v: number): void {
    if (v >= 0) { this.varint(v); return; }
    let big = BigInt.asUintN(64, BigInt(Math.trunc(v)));
    this.ensure(10);
    while (big >= 0x80n) {
      this.buf[this.len++] = Number(big & 0x7fn) | 0x80;
      big >>= 7n;
    }
    this.buf[this.len++] = Number(big);
  }

  tag(num: number, wireType: number): void {
    this.varint(num * 8 + wireType);
  }

  double(v: number): void {
    this.ensure(8);
    new DataView(this.buf.buffer, this.buf.byteOffset).setFloat64(this.len, v, true);
    this.len += 8;
  }

  float(v: number): void {
    this.ensure(4);
    new DataView(this.buf.buffer, this.buf.byteOffset).setFloat32(this.len, v, true);
    this.len += 4;
  }

  raw(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  bytes(b: Uint8Array): void {
    this.varint(b.length);
    this.raw(b);
  }

  string(s: string): void {
    this.bytes(utf8Encoder.encode(s));
  }

  /** Appends another writer's content as a length-delimited field body. */
  message(child: Writer): void {
    this.varint(child.len);
    this.raw(child.buf.subarray(0, child.len));
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
