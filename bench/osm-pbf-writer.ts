/**
 * A small OSM PBF writer (wiki: PBF_Format) for fixtures and benchmarks: an OSMHeader blob, then OSMData
 * blobs of at most `blockSize` entities (DenseNodes blocks, then way blocks, then relations), each with its
 * own string table, zlib-compressed. Not used by the engine: the importer only reads PBF.
 */
import zlib from 'node:zlib';

export type OsmTagsIn = Record<string, string>;
export interface OsmNodeIn { id: number; lat: number; lon: number; tags?: OsmTagsIn }
export interface OsmWayIn { id: number; refs: number[]; tags: OsmTagsIn }
export interface OsmRelationIn { id: number; members: { type: 'node' | 'way' | 'relation'; ref: number; role: string }[]; tags: OsmTagsIn }

/** Protocol Buffers encoder: varints as JS numbers (exact to 2^53), length-delimited fields, packed arrays. */
export class ProtoWriter {
  private out: number[] = [];
  private rawVarint(v: number): void {
    if (!(v >= 0) || !Number.isSafeInteger(v)) throw new Error(`cannot encode ${v} as a varint`);
    while (v >= 0x80) {
      this.out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.out.push(v);
  }
  private key(field: number, wire: number): void {
    this.rawVarint(field * 8 + wire);
  }
  varint(field: number, v: number): this {
    this.key(field, 0);
    this.rawVarint(v);
    return this;
  }
  bytes(field: number, b: Uint8Array): this {
    this.key(field, 2);
    this.rawVarint(b.length);
    for (const x of b) this.out.push(x);
    return this;
  }
  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }
  message(field: number, w: ProtoWriter): this {
    return this.bytes(field, w.finish());
  }
  packed(field: number, values: number[], zigzag: boolean): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.rawVarint(zigzag ? (v >= 0 ? 2 * v : -2 * v - 1) : v);
    return this.bytes(field, inner.finish());
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

function blob(type: string, payload: Uint8Array): Buffer {
  const data = new ProtoWriter().varint(2, payload.length).bytes(3, zlib.deflateSync(payload)).finish();
  const header = new ProtoWriter().string(1, type).varint(3, data.length).finish();
  const len = Buffer.alloc(4);
  len.writeUInt32BE(header.length);
  return Buffer.concat([len, header, data]);
}

class StringTable {
  readonly list = [''];
  private readonly index = new Map<string, number>([['', 0]]);
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
  write(): ProtoWriter {
    const w = new ProtoWriter();
    for (const s of this.list) w.string(1, s);
    return w;
  }
}

const deltas = (xs: number[]): number[] => xs.map((x, i) => x - (i > 0 ? xs[i - 1]! : 0));

function primitiveBlock(st: StringTable, group: ProtoWriter): Uint8Array {
  return new ProtoWriter().message(1, st.write()).message(2, group).varint(17, 100).finish();
}

function nodesBlock(nodes: OsmNodeIn[]): Uint8Array {
  const st = new StringTable();
  const keysVals: number[] = [];
  for (const n of nodes) {
    for (const [k, v] of Object.entries(n.tags ?? {})) keysVals.push(st.id(k), st.id(v));
    keysVals.push(0);
  }
  const dense = new ProtoWriter()
    .packed(1, deltas(nodes.map((n) => n.id)), true)
    .packed(8, deltas(nodes.map((n) => Math.round(n.lat * 1e7))), true)
    .packed(9, deltas(nodes.map((n) => Math.round(n.lon * 1e7))), true)
    .packed(10, keysVals, false);
  return primitiveBlock(st, new ProtoWriter().message(2, dense));
}

function waysBlock(ways: OsmWayIn[], unpacked: boolean): Uint8Array {
  const st = new StringTable();
  const group = new ProtoWriter();
  for (const w of ways) {
    const keys = Object.keys(w.tags).map((k) => st.id(k));
    const vals = Object.values(w.tags).map((v) => st.id(v));
    const way = new ProtoWriter().varint(1, w.id);
    if (unpacked) {
      // Legal protobuf that no mainstream writer produces: one field per value.
      for (const k of keys) way.varint(2, k);
      for (const v of vals) way.varint(3, v);
      for (const d of deltas(w.refs)) way.varint(8, d >= 0 ? 2 * d : -2 * d - 1);
    } else way.packed(2, keys, false).packed(3, vals, false).packed(8, deltas(w.refs), true);
    group.message(3, way);
  }
  return primitiveBlock(st, group);
}

function relationsBlock(relations: OsmRelationIn[]): Uint8Array {
  const st = new StringTable();
  const group = new ProtoWriter();
  const typeCode = { node: 0, way: 1, relation: 2 } as const;
  for (const r of relations) {
    group.message(
      4,
      new ProtoWriter()
        .varint(1, r.id)
        .packed(2, Object.keys(r.tags).map((k) => st.id(k)), false)
        .packed(3, Object.values(r.tags).map((v) => st.id(v)), false)
        .packed(8, r.members.map((m) => st.id(m.role)), false)
        .packed(9, deltas(r.members.map((m) => m.ref)), true)
        .packed(10, r.members.map((m) => typeCode[m.type]), false),
    );
  }
  return primitiveBlock(st, group);
}

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** The bytes of an .osm.pbf holding these entities (8000 per block, as osmium writes). */
export function writeOsmPbf(data: { nodes: OsmNodeIn[]; ways: OsmWayIn[]; relations?: OsmRelationIn[] }, blockSize = 8000, opts: { unpackedWays?: boolean } = {}): Buffer {
  const header = new ProtoWriter().string(4, 'OsmSchema-V0.6').string(4, 'DenseNodes').string(16, 'motorcade osm-pbf-writer').finish();
  const parts = [blob('OSMHeader', header)];
  for (const c of chunks(data.nodes, blockSize)) parts.push(blob('OSMData', nodesBlock(c)));
  for (const c of chunks(data.ways, blockSize)) parts.push(blob('OSMData', waysBlock(c, opts.unpackedWays ?? false)));
  for (const c of chunks(data.relations ?? [], blockSize)) parts.push(blob('OSMData', relationsBlock(c)));
  return Buffer.concat(parts);
}
