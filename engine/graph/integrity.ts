import zlib from 'node:zlib';
import { GraphFormatError } from '../errors.js';
import { align8, CHECKSUM_WORD, CoordKind, FORMAT_VERSION, HEADER_WORDS, MAGIC, SECTION, SECTION_COUNT } from './format.js';
import { EdgeFlag, ROAD_CLASSES } from './road-class.js';
import type { RoadGraph } from './road-graph.js';

/**
 * Integrity of a graph buffer, in three layers of increasing cost:
 * - checkGraphLayout: the header and section table (every offset, length and count) before any view is made,
 *   so that a corrupt header can never make a view past the end or a multi-gigabyte allocation. O(1).
 * - the CRC32 checksum over every byte but the checksum word: catches flipped bits anywhere, including an
 *   edge's travel time that no structural check could tell from a real one. ~3 GB/s (node:zlib).
 * - checkGraphContent: every index points inside its target (heads, tails, adjacency, twins, geometry and
 *   name ranges) and every weight is finite. Guards against a buggy or hand-made file with a valid CRC. O(n + m).
 * A cache that fails any of them is refused with the reason (graph-cache.ts) and rebuilt.
 */

/** Bytes per element and expected element count of each section, from the header counts. */
function sectionShapes(n: number, m: number, geomPoints: number, names: number): [bytesPer: number, count: number | undefined][] {
  const shapes: [number, number | undefined][] = [];
  shapes[SECTION.firstOut] = [4, n + 1];
  shapes[SECTION.head] = [4, m];
  shapes[SECTION.tail] = [4, m];
  shapes[SECTION.firstIn] = [4, n + 1];
  shapes[SECTION.inEdge] = [4, m];
  shapes[SECTION.lengthM] = [8, m];
  shapes[SECTION.timeS] = [8, m];
  shapes[SECTION.roadClass] = [1, m];
  shapes[SECTION.flags] = [1, m];
  shapes[SECTION.lanes] = [1, m];
  shapes[SECTION.nameId] = [4, m];
  shapes[SECTION.twin] = [4, m];
  shapes[SECTION.nodeCoord] = [8, 2 * n];
  shapes[SECTION.geomFirst] = [4, m + 1];
  shapes[SECTION.geomCoord] = [4, 2 * geomPoints];
  shapes[SECTION.nameOffset] = [4, names + 1];
  shapes[SECTION.nameBytes] = [1, undefined];
  shapes[SECTION.meta] = [1, undefined];
  return shapes;
}

/**
 * Check the header and the section table of a buffer. Throws GraphFormatError naming the first field that
 * is wrong. Sections must lie in order after the header, 8-byte aligned, without overlap, inside the
 * buffer, each exactly as long as the header's counts say.
 */
export function checkGraphLayout(buffer: ArrayBufferLike): void {
  if (buffer.byteLength < HEADER_WORDS * 4) {
    throw new GraphFormatError(`graph buffer too small (${buffer.byteLength} bytes): not a motorcade graph`);
  }
  const h = new Uint32Array(buffer, 0, HEADER_WORDS);
  if (h[0] !== MAGIC) throw new GraphFormatError(`not a motorcade graph (magic 0x${(h[0] ?? 0).toString(16)}, expected 0x${MAGIC.toString(16)})`);
  if (h[1] !== FORMAT_VERSION) throw new GraphFormatError(`graph format version ${h[1]} is not supported (this build reads version ${FORMAT_VERSION})`);
  if (h[7] !== SECTION_COUNT) throw new GraphFormatError(`graph has ${h[7]} sections, expected ${SECTION_COUNT}`);
  if (h[6] !== CoordKind.LONLAT && h[6] !== CoordKind.PLANAR) throw new GraphFormatError(`graph coordinate kind ${h[6]} is unknown`);
  const shapes = sectionShapes(h[2]!, h[3]!, h[4]!, h[5]!);
  let end = align8(HEADER_WORDS * 4);
  for (let s = 0; s < SECTION_COUNT; s++) {
    const offset = h[8 + 2 * s]!;
    const bytes = h[9 + 2 * s]!;
    const [per, count] = shapes[s]!;
    const where = `graph section ${s} (offset ${offset}, ${bytes} bytes, buffer ${buffer.byteLength})`;
    if (offset % 8 !== 0) throw new GraphFormatError(`${where} is not 8-byte aligned`);
    if (offset < end) throw new GraphFormatError(`${where} overlaps the header or the section before it`);
    if (offset + bytes > buffer.byteLength) throw new GraphFormatError(`${where} runs past the end of the buffer`);
    if (bytes % per !== 0) throw new GraphFormatError(`${where} is not a whole number of ${per}-byte entries`);
    if (count !== undefined && bytes / per !== count) throw new GraphFormatError(`${where} holds ${bytes / per} entries, the header's counts say ${count}`);
    end = offset + bytes;
  }
}

/** CRC32 of the whole buffer except the checksum word itself. */
export function graphChecksum(buffer: ArrayBufferLike): number {
  const all = new Uint8Array(buffer);
  const before = zlib.crc32(all.subarray(0, CHECKSUM_WORD * 4));
  return zlib.crc32(all.subarray((CHECKSUM_WORD + 1) * 4), before) >>> 0;
}

/** Store the checksum of a freshly built buffer (the builder and replaceMeta call this last). */
export function sealGraphBuffer(buffer: ArrayBufferLike): void {
  new Uint32Array(buffer, 0, HEADER_WORDS)[CHECKSUM_WORD] = graphChecksum(buffer);
}

/** Throws GraphFormatError when the stored checksum does not match the bytes. Call after checkGraphLayout. */
export function checkGraphChecksum(buffer: ArrayBufferLike): void {
  const stored = new Uint32Array(buffer, 0, HEADER_WORDS)[CHECKSUM_WORD]! >>> 0;
  const actual = graphChecksum(buffer);
  if (stored !== actual) {
    throw new GraphFormatError(`checksum mismatch (stored 0x${stored.toString(16).padStart(8, '0')}, bytes give 0x${actual.toString(16).padStart(8, '0')}): the file was altered or damaged`);
  }
}

function monotone(a: Uint32Array, first: number, last: number, what: string): void {
  if (a[0] !== first) throw new GraphFormatError(`${what}[0] is ${a[0]}, expected ${first}`);
  for (let i = 1; i < a.length; i++) if (a[i]! < a[i - 1]!) throw new GraphFormatError(`${what} decreases at ${i} (${a[i - 1]} then ${a[i]})`);
  if (a[a.length - 1] !== last) throw new GraphFormatError(`${what} ends at ${a[a.length - 1]}, expected ${last}`);
}

/**
 * Check that every index in the graph points inside what it indexes and every weight is a finite,
 * non-negative number. Throws GraphFormatError naming the section and entry. Typed-array loops, no
 * allocation per entry.
 */
export function checkGraphContent(g: RoadGraph): void {
  const n = g.nodeCount;
  const m = g.edgeCount;
  const { firstOut, firstIn, inEdge, head, tail, twin, flags, roadClass, nameId, lengthM, timeS, nodeCoord } = g;
  monotone(firstOut, 0, m, 'firstOut');
  monotone(firstIn, 0, m, 'firstIn');
  monotone(g.geomFirst, 0, g.geomCoord.length / 2, 'geomFirst');
  for (let v = 0; v < n; v++) {
    const outEnd = firstOut[v + 1]!;
    for (let e = firstOut[v]!; e < outEnd; e++) {
      if (tail[e] !== v) throw new GraphFormatError(`edge ${e}: tail ${tail[e]} disagrees with firstOut (node ${v})`);
    }
    const inEnd = firstIn[v + 1]!;
    for (let i = firstIn[v]!; i < inEnd; i++) {
      const e = inEdge[i]!;
      if (e >= m || head[e] !== v) throw new GraphFormatError(`inEdge[${i}] = ${e} is not an edge into node ${v}`);
    }
  }
  const classes = ROAD_CLASSES.length;
  const names = g.nameCount;
  const onTwin = EdgeFlag.GEOMETRY_ON_TWIN;
  for (let e = 0; e < m; e++) {
    const t = twin[e]!;
    if (head[e]! >= n) throw new GraphFormatError(`edge ${e}: head ${head[e]} is not a node (graph has ${n})`);
    if (t < -1 || t >= m) throw new GraphFormatError(`edge ${e}: twin ${t} is not an edge (graph has ${m})`);
    if ((flags[e]! & onTwin) !== 0 && t < 0) throw new GraphFormatError(`edge ${e}: geometry is on its twin but it has none`);
    if (roadClass[e]! >= classes) throw new GraphFormatError(`edge ${e}: road class code ${roadClass[e]} is unknown`);
    if (nameId[e]! >= names) throw new GraphFormatError(`edge ${e}: name id ${nameId[e]} is past the name table (${names})`);
    const len = lengthM[e]!;
    const time = timeS[e]!;
    // NaN fails both comparisons.
    if (!(len >= 0 && len < Infinity)) throw new GraphFormatError(`edge ${e}: length ${len} is not a finite non-negative number`);
    if (!(time >= 0 && time < Infinity)) throw new GraphFormatError(`edge ${e}: travel time ${time} is not a finite non-negative number`);
  }
  const lonLat = g.isLonLat;
  for (let v = 0; v < n; v++) {
    const x = nodeCoord[2 * v]!;
    const y = nodeCoord[2 * v + 1]!;
    if (!(Math.abs(x) < Infinity && Math.abs(y) < Infinity)) throw new GraphFormatError(`node ${v}: coordinate ${x},${y} is not finite`);
    if (lonLat && (Math.abs(x) > 180 || Math.abs(y) > 90)) throw new GraphFormatError(`node ${v}: ${x},${y} is not a longitude, latitude`);
  }
  g.checkNameTable();
}
