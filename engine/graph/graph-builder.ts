import { EmptyGraphError, InputError } from '../errors.js';
import { sealGraphBuffer } from './integrity.js';
import { align8, CoordKind, FORMAT_VERSION, GEOM_SCALE, HEADER_WORDS, MAGIC, SECTION, SECTION_COUNT } from './format.js';
import { EdgeFlag } from './road-class.js';
import { RoadGraph, type GraphMeta } from './road-graph.js';

/** One road segment between two junction nodes, as importers describe it. */
export interface RoadSegmentInput {
  from: number;
  to: number;
  /** Metres along the geometry (planar units for PLANAR graphs). */
  lengthM: number;
  /** Free-flow speed, km/h. */
  speedKmh: number;
  roadClass: number;
  /** EdgeFlag bits except ONEWAY / GEOMETRY_ON_TWIN, which the builder sets. */
  flags?: number;
  lanes?: number;
  name?: string;
  /** Interior shape points, from → to, [lon, lat]. */
  interior?: readonly (readonly [number, number])[];
  /** Traversable from → to only. Otherwise the builder adds the twin edge to → from. */
  oneway?: boolean;
}

/**
 * Collects nodes and road segments and writes the single graph buffer. Edge ids in the result are CSR
 * positions (edges sorted by tail node, ties in insertion order), so they are stable for the same input.
 */
export class GraphBuilder {
  private lonLat: number[] = [];
  private segments: RoadSegmentInput[] = [];

  constructor(private readonly coordKind: number = CoordKind.LONLAT) {}

  get nodeCount(): number {
    return this.lonLat.length / 2;
  }

  addNode(lon: number, lat: number): number {
    if (this.coordKind === CoordKind.LONLAT && !(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
      throw new InputError(`coordinate out of range: lon ${lon}, lat ${lat}`);
    }
    this.lonLat.push(lon, lat);
    return this.lonLat.length / 2 - 1;
  }

  addSegment(seg: RoadSegmentInput): void {
    if (!(seg.lengthM >= 0) || !Number.isFinite(seg.lengthM)) throw new InputError(`segment length ${seg.lengthM} m is not a finite non-negative number`);
    if (!(seg.speedKmh > 0)) throw new InputError(`segment speed ${seg.speedKmh} km/h must be positive`);
    this.segments.push(seg);
  }

  build(meta: GraphMeta): RoadGraph {
    const n = this.nodeCount;
    if (n === 0 || this.segments.length === 0) throw new EmptyGraphError('the graph has no edges after filtering');
    // Expand segments into directed edges: the forward edge carries the geometry, the twin reads it reversed.
    type Directed = { tail: number; head: number; seg: RoadSegmentInput; reversed: boolean; pair: number };
    const directed: Directed[] = [];
    for (let s = 0; s < this.segments.length; s++) {
      const seg = this.segments[s]!;
      if (seg.from >= n || seg.to >= n || seg.from < 0 || seg.to < 0) throw new InputError(`segment ${s} refers to node ${seg.from}→${seg.to}, graph has ${n} nodes`);
      directed.push({ tail: seg.from, head: seg.to, seg, reversed: false, pair: seg.oneway ? -1 : directed.length + 1 });
      if (!seg.oneway) directed.push({ tail: seg.to, head: seg.from, seg, reversed: true, pair: directed.length - 1 });
    }
    const m = directed.length;
    // Counting sort by tail keeps insertion order among equal tails: deterministic ids.
    const firstOut = new Uint32Array(n + 1);
    for (const d of directed) firstOut[d.tail + 1]!++;
    for (let v = 0; v < n; v++) firstOut[v + 1]! += firstOut[v]!;
    const cursor = firstOut.slice(0, n);
    const position = new Uint32Array(m);
    for (let i = 0; i < m; i++) position[i] = cursor[directed[i]!.tail]!++;

    const names = new Map<string, number>([['', 0]]);
    let geomPoints = 0;
    for (const d of directed) {
      if (!d.reversed) geomPoints += d.seg.interior?.length ?? 0;
      const name = d.seg.name ?? '';
      if (!names.has(name)) names.set(name, names.size);
    }
    const encoder = new TextEncoder();
    const nameChunks = [...names.keys()].map((s) => encoder.encode(s));
    const nameByteCount = nameChunks.reduce((a, c) => a + c.length, 0);
    const metaBytes = encoder.encode(JSON.stringify(meta));

    const sizes: number[] = [];
    sizes[SECTION.firstOut] = 4 * (n + 1);
    sizes[SECTION.head] = 4 * m;
    sizes[SECTION.tail] = 4 * m;
    sizes[SECTION.firstIn] = 4 * (n + 1);
    sizes[SECTION.inEdge] = 4 * m;
    sizes[SECTION.lengthM] = 8 * m;
    sizes[SECTION.timeS] = 8 * m;
    sizes[SECTION.roadClass] = m;
    sizes[SECTION.flags] = m;
    sizes[SECTION.lanes] = m;
    sizes[SECTION.nameId] = 4 * m;
    sizes[SECTION.twin] = 4 * m;
    sizes[SECTION.nodeCoord] = 16 * n;
    sizes[SECTION.geomFirst] = 4 * (m + 1);
    sizes[SECTION.geomCoord] = 8 * geomPoints;
    sizes[SECTION.nameOffset] = 4 * (names.size + 1);
    sizes[SECTION.nameBytes] = nameByteCount;
    sizes[SECTION.meta] = metaBytes.length;
    const offsets: number[] = [];
    let at = align8(HEADER_WORDS * 4);
    for (let s = 0; s < SECTION_COUNT; s++) {
      offsets[s] = at;
      at = align8(at + sizes[s]!);
    }
    const buffer = new ArrayBuffer(at);
    const header = new Uint32Array(buffer, 0, HEADER_WORDS);
    header.set([MAGIC, FORMAT_VERSION, n, m, geomPoints, names.size, this.coordKind, SECTION_COUNT]);
    for (let s = 0; s < SECTION_COUNT; s++) {
      header[8 + 2 * s] = offsets[s]!;
      header[9 + 2 * s] = sizes[s]!;
    }
    const view = <T>(id: number, Ctor: { new (b: ArrayBuffer, o: number, l: number): T; BYTES_PER_ELEMENT: number }): T =>
      new Ctor(buffer, offsets[id]!, sizes[id]! / Ctor.BYTES_PER_ELEMENT);

    view(SECTION.firstOut, Uint32Array).set(firstOut);
    const head = view(SECTION.head, Uint32Array);
    const tail = view(SECTION.tail, Uint32Array);
    const lengthM = view(SECTION.lengthM, Float64Array);
    const timeS = view(SECTION.timeS, Float64Array);
    const roadClass = view(SECTION.roadClass, Uint8Array);
    const flags = view(SECTION.flags, Uint8Array);
    const lanes = view(SECTION.lanes, Uint8Array);
    const nameId = view(SECTION.nameId, Uint32Array);
    const twin = view(SECTION.twin, Int32Array);
    const geomFirst = view(SECTION.geomFirst, Uint32Array);
    const geomCoord = view(SECTION.geomCoord, Int32Array);
    // Geometry counts per edge id first (prefix sums), then the points.
    const geomCount = new Uint32Array(m);
    for (let i = 0; i < m; i++) {
      const d = directed[i]!;
      const e = position[i]!;
      head[e] = d.head;
      tail[e] = d.tail;
      lengthM[e] = d.seg.lengthM;
      timeS[e] = d.seg.lengthM / (d.seg.speedKmh / 3.6);
      roadClass[e] = d.seg.roadClass;
      flags[e] = (d.seg.flags ?? 0) | (d.seg.oneway ? EdgeFlag.ONEWAY : 0) | (d.reversed ? EdgeFlag.GEOMETRY_ON_TWIN : 0);
      lanes[e] = Math.min(255, d.seg.lanes ?? 0);
      nameId[e] = names.get(d.seg.name ?? '')!;
      twin[e] = d.pair >= 0 ? position[d.pair]! : -1;
      if (!d.reversed) geomCount[e] = d.seg.interior?.length ?? 0;
    }
    for (let e = 0; e < m; e++) geomFirst[e + 1] = geomFirst[e]! + geomCount[e]!;
    for (let i = 0; i < m; i++) {
      const d = directed[i]!;
      if (d.reversed || !d.seg.interior) continue;
      let k = geomFirst[position[i]!]!;
      for (const [lon, lat] of d.seg.interior) {
        geomCoord[2 * k] = Math.round(lon * GEOM_SCALE);
        geomCoord[2 * k + 1] = Math.round(lat * GEOM_SCALE);
        k++;
      }
    }
    // Reverse adjacency: edge ids grouped by head, ascending edge id within a group.
    const firstIn = view(SECTION.firstIn, Uint32Array);
    for (let e = 0; e < m; e++) firstIn[head[e]! + 1]!++;
    for (let v = 0; v < n; v++) firstIn[v + 1]! += firstIn[v]!;
    const inCursor = firstIn.slice(0, n);
    const inEdge = view(SECTION.inEdge, Uint32Array);
    for (let e = 0; e < m; e++) inEdge[inCursor[head[e]!]!++] = e;

    view(SECTION.nodeCoord, Float64Array).set(this.lonLat);
    const nameOffset = view(SECTION.nameOffset, Uint32Array);
    const nameBytes = view(SECTION.nameBytes, Uint8Array);
    let nb = 0;
    nameChunks.forEach((chunk, i) => {
      nameOffset[i] = nb;
      nameBytes.set(chunk, nb);
      nb += chunk.length;
    });
    nameOffset[names.size] = nb;
    view(SECTION.meta, Uint8Array).set(metaBytes);
    sealGraphBuffer(buffer);
    return RoadGraph.from(buffer);
  }
}
