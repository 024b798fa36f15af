import zlib from 'node:zlib';
import { DataFileError } from '../../errors.js';
import { OsmCoordinateError, type OsmCollector, type OsmTags } from './osm-data.js';
import { ProtobufError, ProtobufReader, WireType } from './protobuf-reader.js';

/**
 * OSM PBF (wiki: PBF_Format): a sequence of [Int32 BE header length][BlobHeader][Blob]; each Blob is raw or
 * zlib-deflated and holds an OSMHeader (once) or an OSMData PrimitiveBlock (string table, node/dense-node/
 * way groups; coordinates = 1e-9 × (offset + granularity × value) degrees). Relations, changesets and
 * metadata are skipped. Decoded synchronously from one buffer; no stream machinery.
 */

const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes', 'Sort.Type_then_ID', 'Sort.Geographic']);

/**
 * Two passes over the blobs: ways first, then only the nodes those ways use (keepOnlyWayNodes), so memory
 * holds road nodes only. Each pass inflates the data blobs again; inflating is cheap next to decoding.
 */
export function readOsmPbf(file: string, bytes: Uint8Array, sink: OsmCollector): void {
  const blobs = scanBlobs(file, bytes);
  for (const pass of ['ways', 'nodes'] as const) {
    if (pass === 'nodes') sink.keepOnlyWayNodes();
    for (const blob of blobs) {
      if (blob.type !== 'OSMData') continue;
      withLocation(file, blob.where, () => readPrimitiveBlock(new ProtobufReader(inflateBlob(new ProtobufReader(bytes, blob.start, blob.end))), sink, pass));
    }
  }
}

interface BlobSpan {
  type: string;
  start: number;
  end: number;
  where: string;
}

/** Runs fn, turning decoding errors into one DataFileError line that names the blob. */
function withLocation(file: string, where: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (err instanceof DataFileError || err instanceof OsmCoordinateError) throw err;
    if (err instanceof Error) throw new DataFileError(file, `corrupt or unsupported PBF (${where}): ${err.message}`, { cause: err });
    throw err;
  }
}

/** The blob sequence: [Int32 BE header length][BlobHeader][Blob]…; checks the OSMHeader on the way. */
function scanBlobs(file: string, bytes: Uint8Array): BlobSpan[] {
  const blobs: BlobSpan[] = [];
  let pos = 0;
  let sawHeader = false;
  while (pos < bytes.length) {
    const where = `blob ${blobs.length} at byte ${pos}`;
    if (pos + 4 > bytes.length) throw new DataFileError(file, `corrupt PBF: truncated blob header length (${where})`);
    const headerLength = ((bytes[pos]! << 24) | (bytes[pos + 1]! << 16) | (bytes[pos + 2]! << 8) | bytes[pos + 3]!) >>> 0;
    pos += 4;
    if (headerLength > 64 * 1024 || pos + headerLength > bytes.length) {
      throw new DataFileError(file, `not a valid OSM PBF file: blob header length ${headerLength} is impossible (${where})`);
    }
    withLocation(file, where, () => {
      const header = readBlobHeader(new ProtobufReader(bytes, pos, pos + headerLength));
      pos += headerLength;
      if (pos + header.dataSize > bytes.length) throw new ProtobufError(`blob of ${header.dataSize} bytes runs past the end of the file`);
      const span = { type: header.type, start: pos, end: pos + header.dataSize, where };
      pos = span.end;
      if (header.type === 'OSMHeader') {
        checkHeader(new ProtobufReader(inflateBlob(new ProtobufReader(bytes, span.start, span.end))));
        sawHeader = true;
      } else if (header.type === 'OSMData' && !sawHeader) throw new ProtobufError('OSMData before the OSMHeader block');
      // Unknown blob types are skipped, as the format requires.
      blobs.push(span);
    });
  }
  if (!sawHeader) throw new DataFileError(file, 'not an OSM PBF file: no OSMHeader block');
  return blobs;
}

function readBlobHeader(r: ProtobufReader): { type: string; dataSize: number } {
  let type = '';
  let dataSize = -1;
  while (r.next()) {
    if (r.field === 1 && r.wire === WireType.BYTES) type = r.string();
    else if (r.field === 3 && r.wire === WireType.VARINT) dataSize = r.varint();
    else r.skip();
  }
  if (type === '' || dataSize < 0) throw new ProtobufError('blob header lacks its type or data size');
  return { type, dataSize };
}

function inflateBlob(r: ProtobufReader): Uint8Array {
  let raw: Uint8Array | undefined;
  let zlibData: Uint8Array | undefined;
  let rawSize = -1;
  let other = '';
  while (r.next()) {
    if (r.field === 1 && r.wire === WireType.BYTES) raw = r.bytes();
    else if (r.field === 2 && r.wire === WireType.VARINT) rawSize = r.varint();
    else if (r.field === 3 && r.wire === WireType.BYTES) zlibData = r.bytes();
    else if (r.field >= 4 && r.field <= 7) {
      other = ({ 4: 'lzma', 5: 'bzip2', 6: 'lz4', 7: 'zstd' } as Record<number, string>)[r.field]!;
      r.skip();
    } else r.skip();
  }
  if (raw !== undefined) return raw;
  if (zlibData !== undefined) {
    const out = zlib.inflateSync(zlibData);
    if (rawSize >= 0 && out.length !== rawSize) throw new ProtobufError(`inflated ${out.length} bytes, header says ${rawSize}`);
    return out;
  }
  throw new ProtobufError(other ? `${other} compression is not supported (re-encode with zlib, e.g. osmium cat -o out.osm.pbf)` : 'blob has no data');
}

function checkHeader(r: ProtobufReader): void {
  while (r.next()) {
    if (r.field === 4 && r.wire === WireType.BYTES) {
      const feature = r.string();
      if (!SUPPORTED_FEATURES.has(feature)) throw new ProtobufError(`required feature "${feature}" is not supported`);
    } else r.skip();
  }
}

function readPrimitiveBlock(r: ProtobufReader, sink: OsmCollector, pass: 'ways' | 'nodes'): void {
  const strings: string[] = [];
  const groups: [number, number][] = [];
  let granularity = 100;
  let latOffset = 0;
  let lonOffset = 0;
  while (r.next()) {
    if (r.field === 1 && r.wire === WireType.BYTES && pass === 'nodes') r.skip(); // node tags are not used
    else if (r.field === 1 && r.wire === WireType.BYTES) {
      const end = r.enter();
      const st = new ProtobufReader(r.buf, r.pos, end);
      while (st.next()) {
        if (st.field === 1 && st.wire === WireType.BYTES) strings.push(st.string());
        else st.skip();
      }
      r.pos = end;
    } else if (r.field === 2 && r.wire === WireType.BYTES) {
      const end = r.enter();
      groups.push([r.pos, end]);
      r.pos = end;
    } else if (r.field === 17 && r.wire === WireType.VARINT) granularity = r.varint();
    else if (r.field === 19 && r.wire === WireType.VARINT) latOffset = r.int64();
    else if (r.field === 20 && r.wire === WireType.VARINT) lonOffset = r.int64();
    else r.skip();
  }
  // Groups are read after the whole block: granularity and offsets may follow them in the bytes.
  const block: Block = { strings, granularity, latOffset, lonOffset, highwayKey: strings.indexOf('highway') };
  for (const [start, end] of groups) {
    const g = new ProtobufReader(r.buf, start, end);
    while (g.next()) {
      if (g.wire !== WireType.BYTES) {
        g.skip();
        continue;
      }
      const msgEnd = g.enter();
      const msg = new ProtobufReader(g.buf, g.pos, msgEnd);
      if (pass === 'nodes' && g.field === 1) readNode(msg, block, sink);
      else if (pass === 'nodes' && g.field === 2) readDenseNodes(msg, block, sink);
      else if (pass === 'ways' && g.field === 3) readWay(msg, block, sink);
      g.pos = msgEnd;
    }
  }
}

interface Block {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
  /** String-table index of "highway", -1 when no entity of the block uses it. */
  highwayKey: number;
}

function degrees(offset: number, granularity: number, value: number): number {
  // Round to 1e-7 degrees (OSM's own precision) so 1e-9 scaling leaves no float noise.
  return Math.round((offset + granularity * value) / 100) / 1e7;
}

function stringAt(block: Block, i: number): string {
  const s = block.strings[i];
  if (s === undefined) throw new ProtobufError(`string index ${i} outside the table of ${block.strings.length}`);
  return s;
}

/** Packed repeated varints (or a single unpacked one) into `out`. */
function packed(r: ProtobufReader, out: number[], signed: boolean): void {
  if (r.wire !== WireType.BYTES) {
    out.push(signed ? r.svarint() : r.varint());
    return;
  }
  const end = r.enter();
  while (r.pos < end) out.push(signed ? r.svarint() : r.varint());
  if (r.pos !== end) throw new ProtobufError('packed field overruns its length');
}

function readNode(r: ProtobufReader, block: Block, sink: OsmCollector): void {
  let id = 0;
  let lat = 0;
  let lon = 0;
  while (r.next()) {
    if (r.field === 1) id = r.svarint();
    else if (r.field === 8) lat = r.svarint();
    else if (r.field === 9) lon = r.svarint();
    else r.skip();
  }
  sink.node(id, degrees(block.lonOffset, block.granularity, lon), degrees(block.latOffset, block.granularity, lat));
}

/**
 * DenseNodes keeps ids, lats and lons as three parallel packed delta arrays. They are walked in lockstep
 * with three readers over the same bytes, so no per-block arrays are built.
 */
function readDenseNodes(r: ProtobufReader, block: Block, sink: OsmCollector): void {
  let ids: ProtobufReader | undefined;
  let lats: ProtobufReader | undefined;
  let lons: ProtobufReader | undefined;
  while (r.next()) {
    if ((r.field === 1 || r.field === 8 || r.field === 9) && r.wire === WireType.BYTES) {
      const end = r.enter();
      const sub = new ProtobufReader(r.buf, r.pos, end);
      if (r.field === 1) ids = sub;
      else if (r.field === 8) lats = sub;
      else lons = sub;
      r.pos = end;
    } else r.skip();
  }
  if (ids === undefined) return;
  if (lats === undefined || lons === undefined) throw new ProtobufError('dense nodes without lat or lon arrays');
  let id = 0;
  let lat = 0;
  let lon = 0;
  while (ids.pos < ids.end) {
    if (lats.pos >= lats.end || lons.pos >= lons.end) throw new ProtobufError('dense nodes: fewer lats or lons than ids');
    id += ids.svarint();
    lat += lats.svarint();
    lon += lons.svarint();
    sink.node(id, degrees(block.lonOffset, block.granularity, lon), degrees(block.latOffset, block.granularity, lat));
  }
  if (lats.pos !== lats.end || lons.pos !== lons.end) throw new ProtobufError('dense nodes: more lats or lons than ids');
}

/**
 * Most ways of a real extract are buildings, landuse and the like: a way whose keys do not include
 * "highway" is counted and skipped before its tags and node list are built.
 */
function readWay(r: ProtobufReader, block: Block, sink: OsmCollector): void {
  let id = 0;
  let keysAt = -1;
  let valsAt = -1;
  let refsAt = -1;
  const start = r.pos;
  while (r.next()) {
    if (r.field === 1 && r.wire === WireType.VARINT) id = r.int64();
    else if (r.field === 2 || r.field === 3 || r.field === 8) {
      // Writers pack these (proto2 [packed=true]); an unpacked one takes the general path below.
      if (r.wire !== WireType.BYTES) {
        r.pos = start;
        readWayUnpacked(r, block, sink);
        return;
      }
      if (r.field === 2) keysAt = r.pos;
      else if (r.field === 3) valsAt = r.pos;
      else refsAt = r.pos;
      r.skip();
    } else r.skip();
  }
  const keys: number[] = [];
  if (keysAt >= 0) packedAt(r, keysAt, keys, false);
  if (!keys.includes(block.highwayKey)) {
    sink.skipWay();
    return;
  }
  const vals: number[] = [];
  if (valsAt >= 0) packedAt(r, valsAt, vals, false);
  if (keys.length !== vals.length) throw new ProtobufError(`way ${id}: ${keys.length} tag keys but ${vals.length} values`);
  const tags: OsmTags = {};
  for (let i = 0; i < keys.length; i++) tags[stringAt(block, keys[i]!)] = stringAt(block, vals[i]!);
  const deltas: number[] = [];
  if (refsAt >= 0) packedAt(r, refsAt, deltas, true);
  const refs = new Array<number>(deltas.length);
  let ref = 0;
  for (let i = 0; i < deltas.length; i++) {
    ref += deltas[i]!;
    refs[i] = ref;
  }
  r.pos = start;
  sink.way(id, refs, tags);
}

/** The same as readWay for writers that do not pack keys, vals or refs (repeated fields, one per value). */
function readWayUnpacked(r: ProtobufReader, block: Block, sink: OsmCollector): void {
  let id = 0;
  const keys: number[] = [];
  const vals: number[] = [];
  const deltas: number[] = [];
  while (r.next()) {
    if (r.field === 1 && r.wire === WireType.VARINT) id = r.int64();
    else if (r.field === 2) packed(r, keys, false);
    else if (r.field === 3) packed(r, vals, false);
    else if (r.field === 8) packed(r, deltas, true);
    else r.skip();
  }
  if (keys.length !== vals.length) throw new ProtobufError(`way ${id}: ${keys.length} tag keys but ${vals.length} values`);
  if (!keys.includes(block.highwayKey)) {
    sink.skipWay();
    return;
  }
  const tags: OsmTags = {};
  for (let i = 0; i < keys.length; i++) tags[stringAt(block, keys[i]!)] = stringAt(block, vals[i]!);
  let ref = 0;
  sink.way(id, deltas.map((d) => (ref += d)), tags);
}

/** Re-read a packed field whose value starts at `at` (just after its key). Wire type 2 assumed. */
function packedAt(r: ProtobufReader, at: number, out: number[], signed: boolean): void {
  r.pos = at;
  r.wire = WireType.BYTES;
  packed(r, out, signed);
}
