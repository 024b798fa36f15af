import { GraphFormatError } from '../errors.js';
import { roadClassName, EdgeFlag, type RoadClassName } from './road-class.js';
import { CoordKind, GEOM_SCALE, HEADER_WORDS, SECTION } from './format.js';
import { checkGraphLayout } from './integrity.js';

/** Free-form metadata stored in the buffer: where the graph came from and what import did. */
export interface GraphMeta {
  /** Identifies the inputs (paths, sizes, mtimes, parameters); a cache whose source differs is stale. */
  source: Record<string, unknown>;
  /** Import and repair report (joins, splits, components dropped …). */
  report: Record<string, unknown>;
  builtAt: string;
}

/**
 * The engine's working road graph: a directed graph in compressed sparse rows over typed-array views of
 * one buffer. Construction never copies: `RoadGraph.from(buffer)` only creates views, so a worker that
 * receives the SharedArrayBuffer has the graph at once.
 */
export class RoadGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly coordKind: number;
  readonly firstOut: Uint32Array;
  readonly head: Uint32Array;
  readonly tail: Uint32Array;
  readonly firstIn: Uint32Array;
  readonly inEdge: Uint32Array;
  readonly lengthM: Float64Array;
  readonly timeS: Float64Array;
  readonly roadClass: Uint8Array;
  readonly flags: Uint8Array;
  readonly lanes: Uint8Array;
  readonly nameId: Uint32Array;
  readonly twin: Int32Array;
  /** lon, lat interleaved (planar x, y for PLANAR graphs). */
  readonly nodeCoord: Float64Array;
  readonly geomFirst: Uint32Array;
  readonly geomCoord: Int32Array;
  private readonly nameOffset: Uint32Array;
  private readonly nameBytes: Uint8Array;
  private readonly metaBytes: Uint8Array;
  private names: string[] | undefined;
  private metaCache: GraphMeta | undefined;

  private constructor(readonly buffer: ArrayBuffer | SharedArrayBuffer) {
    // Every offset, length and count is checked before the first view is made.
    checkGraphLayout(buffer);
    const h = new Uint32Array(buffer, 0, HEADER_WORDS);
    this.nodeCount = h[2]!;
    this.edgeCount = h[3]!;
    this.coordKind = h[6]!;
    const section = <T>(id: number, Ctor: { new (b: ArrayBufferLike, o: number, l: number): T; BYTES_PER_ELEMENT: number }): T =>
      new Ctor(buffer, h[8 + 2 * id]!, h[9 + 2 * id]! / Ctor.BYTES_PER_ELEMENT);
    this.firstOut = section(SECTION.firstOut, Uint32Array);
    this.head = section(SECTION.head, Uint32Array);
    this.tail = section(SECTION.tail, Uint32Array);
    this.firstIn = section(SECTION.firstIn, Uint32Array);
    this.inEdge = section(SECTION.inEdge, Uint32Array);
    this.lengthM = section(SECTION.lengthM, Float64Array);
    this.timeS = section(SECTION.timeS, Float64Array);
    this.roadClass = section(SECTION.roadClass, Uint8Array);
    this.flags = section(SECTION.flags, Uint8Array);
    this.lanes = section(SECTION.lanes, Uint8Array);
    this.nameId = section(SECTION.nameId, Uint32Array);
    this.twin = section(SECTION.twin, Int32Array);
    this.nodeCoord = section(SECTION.nodeCoord, Float64Array);
    this.geomFirst = section(SECTION.geomFirst, Uint32Array);
    this.geomCoord = section(SECTION.geomCoord, Int32Array);
    this.nameOffset = section(SECTION.nameOffset, Uint32Array);
    this.nameBytes = section(SECTION.nameBytes, Uint8Array);
    this.metaBytes = section(SECTION.meta, Uint8Array);
    const n = this.nodeCount;
    const m = this.edgeCount;
    if (this.firstOut[n] !== m || this.firstIn[n] !== m) {
      throw new GraphFormatError(`graph adjacency is corrupt (firstOut[n]=${this.firstOut[n]}, firstIn[n]=${this.firstIn[n]}, m=${m})`);
    }
  }

  /** Views over an existing buffer (file bytes, or a SharedArrayBuffer received by a worker). No copy. */
  static from(buffer: ArrayBuffer | SharedArrayBuffer): RoadGraph {
    return new RoadGraph(buffer);
  }

  /** The same graph over a SharedArrayBuffer (one copy, once), to hand to worker threads. */
  toShared(): RoadGraph {
    if (this.buffer instanceof SharedArrayBuffer) return this;
    const shared = new SharedArrayBuffer(this.buffer.byteLength);
    new Uint8Array(shared).set(new Uint8Array(this.buffer));
    return RoadGraph.from(shared);
  }

  get isLonLat(): boolean {
    return this.coordKind === CoordKind.LONLAT;
  }

  lon(node: number): number {
    return this.nodeCoord[2 * node]!;
  }

  lat(node: number): number {
    return this.nodeCoord[2 * node + 1]!;
  }

  outDegree(node: number): number {
    return this.firstOut[node + 1]! - this.firstOut[node]!;
  }

  classOf(edge: number): RoadClassName {
    return roadClassName(this.roadClass[edge]!);
  }

  hasFlag(edge: number, flag: number): boolean {
    return (this.flags[edge]! & flag) !== 0;
  }

  /** Road name of an edge, or '' when unnamed. */
  nameOf(edge: number): string {
    const id = this.nameId[edge]!;
    if (id === 0) return '';
    this.names ??= this.decodeNames();
    return this.names[id] ?? '';
  }

  /** Full polyline of an edge, tail to head, as [lon, lat] pairs (allocates; not for hot loops). */
  edgeGeometry(edge: number): [number, number][] {
    const t = this.tail[edge]!;
    const hd = this.head[edge]!;
    const out: [number, number][] = [[this.lon(t), this.lat(t)]];
    const interior = this.interiorPoints(edge);
    for (const p of interior) out.push(p);
    out.push([this.lon(hd), this.lat(hd)]);
    return out;
  }

  /** Interior shape points of an edge, tail to head, excluding the end nodes. */
  interiorPoints(edge: number): [number, number][] {
    let src = edge;
    let reversed = false;
    if ((this.flags[edge]! & EdgeFlag.GEOMETRY_ON_TWIN) !== 0) {
      src = this.twin[edge]!;
      reversed = true;
    }
    const from = this.geomFirst[src]!;
    const to = this.geomFirst[src + 1]!;
    const pts: [number, number][] = [];
    for (let i = from; i < to; i++) {
      pts.push([this.geomCoord[2 * i]! / GEOM_SCALE, this.geomCoord[2 * i + 1]! / GEOM_SCALE]);
    }
    if (reversed) pts.reverse();
    return pts;
  }

  get meta(): GraphMeta {
    this.metaCache ??= JSON.parse(new TextDecoder().decode(this.metaBytes)) as GraphMeta;
    return this.metaCache;
  }

  /** Entries of the name table (id 0 is the empty name). */
  get nameCount(): number {
    return this.nameOffset.length - 1;
  }

  /** Throws GraphFormatError when the name offsets are not ascending inside the name bytes. */
  checkNameTable(): void {
    const o = this.nameOffset;
    if (o[0] !== 0) throw new GraphFormatError(`nameOffset[0] is ${o[0]}, expected 0`);
    for (let i = 1; i < o.length; i++) {
      if (o[i]! < o[i - 1]! || o[i]! > this.nameBytes.length) throw new GraphFormatError(`nameOffset[${i}] = ${o[i]} is out of order or past the ${this.nameBytes.length} name bytes`);
    }
  }

  /** Bytes of the whole buffer divided by directed edges. */
  get bytesPerEdge(): number {
    return this.buffer.byteLength / Math.max(1, this.edgeCount);
  }

  private decodeNames(): string[] {
    const decoder = new TextDecoder();
    const names: string[] = [];
    for (let i = 0; i + 1 < this.nameOffset.length; i++) {
      names.push(decoder.decode(this.nameBytes.subarray(this.nameOffset[i]!, this.nameOffset[i + 1]!)));
    }
    return names;
  }
}
