/**
 * Layout of the single graph buffer ("MCG" = motorcade graph). The same bytes are the on-disk cache, the
 * in-memory structure (RoadGraph.from) and what workers receive as a SharedArrayBuffer.
 *
 * Header, Uint32 little-endian words:
 *   0 magic 'MCG1'   1 format version   2 node count   3 edge count   4 geometry point count
 *   5 name count     6 coordinate kind  7 section count
 *   8.. section table: for each section in SECTION order, byte offset and byte length (2 words)
 *   CHECKSUM_WORD: CRC32 of every byte of the buffer except this word (integrity.ts)
 * Sections follow in SECTION order without overlap, each starting on an 8-byte boundary so that Float64
 * views need no copy.
 */
export const MAGIC = 0x3147434d; // 'MCG1' read as little-endian Uint32
export const FORMAT_VERSION = 2;

/** Node coordinates are WGS84 lon/lat degrees, or planar units of a projected source (scale graphs). */
export const CoordKind = { LONLAT: 0, PLANAR: 1 } as const;

export const SECTION = {
  /** Uint32[n+1]: outgoing edges of node v are firstOut[v] .. firstOut[v+1]-1 (edges sorted by tail). */
  firstOut: 0,
  /** Uint32[m]: head node of each edge. */
  head: 1,
  /** Uint32[m]: tail node of each edge (redundant with firstOut, kept for O(1) lookups). */
  tail: 2,
  /** Uint32[n+1]: incoming edges of node v are inEdge[firstIn[v] .. firstIn[v+1]-1]. */
  firstIn: 3,
  /** Uint32[m]: edge ids grouped by head node (the reverse adjacency). */
  inEdge: 4,
  /** Float64[m]: length in metres measured along the geometry (planar units for PLANAR graphs). */
  lengthM: 5,
  /** Float64[m]: free-flow travel time in seconds. */
  timeS: 6,
  /** Uint8[m]: road class code (road-class.ts). */
  roadClass: 7,
  /** Uint8[m]: EdgeFlag bits. */
  flags: 8,
  /** Uint8[m]: lanes per direction, 0 = unknown. */
  lanes: 9,
  /** Uint32[m]: index into the name table, 0 = unnamed. */
  nameId: 10,
  /** Int32[m]: the edge running the other way along the same road, or -1. */
  twin: 11,
  /** Float64[2n]: lon, lat per node. */
  nodeCoord: 12,
  /** Uint32[m+1]: interior geometry points of edge e are geomCoord points geomFirst[e] .. geomFirst[e+1]-1. */
  geomFirst: 13,
  /** Int32[2p]: lon, lat of interior geometry points in 1e-7 degrees (1 cm), tail-to-head order. */
  geomCoord: 14,
  /** Uint32[nameCount+1]: byte offsets into nameBytes. */
  nameOffset: 15,
  /** Uint8: UTF-8 names, concatenated. */
  nameBytes: 16,
  /** Uint8: UTF-8 JSON metadata (source, build report). */
  meta: 17,
} as const;

export const SECTION_COUNT = 18;
/** Index of the header word holding the CRC32 checksum, after the section table. */
export const CHECKSUM_WORD = 8 + 2 * SECTION_COUNT;
export const HEADER_WORDS = CHECKSUM_WORD + 1;
export const GEOM_SCALE = 1e7;

export function align8(n: number): number {
  return (n + 7) & ~7;
}
