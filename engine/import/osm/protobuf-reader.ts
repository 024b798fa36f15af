/**
 * A minimal Protocol Buffers wire-format reader, enough for the OSM PBF messages (read-pbf.ts). Hand-written
 * to avoid a dependency: the format is five wire types and varints. Integers are returned as JS numbers,
 * exact up to 2^53 (OSM ids are ~2^34; coordinates are deltas of 1e-7 degrees).
 */

export class ProtobufError extends Error {
  override name = 'ProtobufError';
}

export const WireType = { VARINT: 0, FIXED64: 1, BYTES: 2, FIXED32: 5 } as const;

const TWO_32 = 4294967296;

export class ProtobufReader {
  pos: number;
  /** Field number and wire type of the field `next()` just read. */
  field = 0;
  wire = 0;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  /** Advance to the next field; false at the end of the message. */
  next(): boolean {
    if (this.pos >= this.end) return false;
    const key = this.varint();
    this.field = Math.floor(key / 8);
    this.wire = key % 8;
    if (this.field === 0) throw new ProtobufError(`field number 0 at byte ${this.pos}`);
    return true;
  }

  /** Unsigned varint (uint32/uint64/int32 ≥ 0), exact up to 2^53. */
  varint(): number {
    const buf = this.buf;
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufError(`truncated varint at byte ${this.pos}`);
      const b = buf[this.pos++]!;
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw new ProtobufError(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  /** Signed int64/int32 varint (two's complement; negatives take 10 bytes). */
  int64(): number {
    const start = this.pos;
    let low = 0;
    let high = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufError(`truncated varint at byte ${this.pos}`);
      const b = this.buf[this.pos++]!;
      // Bytes 0-3 fill bits 0-27, byte 4 straddles the 32-bit boundary, bytes 5-9 fill the high word.
      if (i < 4) low |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        low |= (b & 0x0f) << 28;
        high |= (b & 0x70) >> 4;
      } else high |= (b & 0x7f) << (7 * i - 32);
      if (b < 0x80) {
        low >>>= 0;
        if ((high & 0x80000000) !== 0) return -((~high >>> 0) * TWO_32 + (~low >>> 0) + 1);
        return (high >>> 0) * TWO_32 + low;
      }
    }
    throw new ProtobufError(`varint longer than 10 bytes at byte ${start}`);
  }

  /** Zigzag-encoded sint32/sint64. */
  svarint(): number {
    const v = this.varint();
    return v % 2 === 1 ? -(v + 1) / 2 : v / 2;
  }

  /** A length-delimited field's bytes (a view, no copy). */
  bytes(): Uint8Array {
    const len = this.varint();
    const start = this.pos;
    if (start + len > this.end) throw new ProtobufError(`length ${len} at byte ${start} runs past the end (${this.end})`);
    this.pos = start + len;
    return this.buf.subarray(start, start + len);
  }

  /** A nested message or packed array: returns its end; read its contents while pos < end. */
  enter(): number {
    const len = this.varint();
    const end = this.pos + len;
    if (end > this.end) throw new ProtobufError(`length ${len} at byte ${this.pos} runs past the end (${this.end})`);
    return end;
  }

  string(): string {
    return DECODER.decode(this.bytes());
  }

  /** Skip the current field's value, whatever its wire type. */
  skip(): void {
    switch (this.wire) {
      case WireType.VARINT:
        this.varint();
        return;
      case WireType.FIXED64:
        this.pos += 8;
        break;
      case WireType.BYTES:
        this.pos = this.enter();
        return;
      case WireType.FIXED32:
        this.pos += 4;
        break;
      default:
        throw new ProtobufError(`unknown wire type ${this.wire} at byte ${this.pos}`);
    }
    if (this.pos > this.end) throw new ProtobufError(`field runs past the end (${this.end})`);
  }
}

const DECODER = new TextDecoder();
