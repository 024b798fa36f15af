import Flatbush from 'flatbush';
import { haversineM, METRES_PER_DEGREE } from '../geo/haversine.js';
import { closestParameter } from '../geo/segment-projection.js';
import { GEOM_SCALE } from './format.js';
import { EdgeFlag } from './road-class.js';
import type { RoadGraph } from './road-graph.js';

/** Where a lon/lat snaps onto the road graph. */
export interface SnapResult {
  edge: number;
  /** Fraction 0..1 along the edge from tail to head, by length along the geometry. */
  fraction: number;
  /** Metres from the tail along the edge (fraction × lengthM[edge]). */
  offsetM: number;
  /** Metres from the query point to the snapped point (planar units on PLANAR graphs). */
  distanceM: number;
  /** The snapped point on the edge geometry. */
  lon: number;
  lat: number;
}

export interface SnapOptions {
  /** Give up beyond this distance (metres; planar units on PLANAR graphs). Default: no limit. */
  maxDistanceM?: number;
  /**
   * Only edges for which this returns true. A road is indexed once (by its lower-id direction); when
   * that direction is refused the twin is tried, and the result is reported on the twin.
   */
  keep?: (edge: number) => boolean;
}

const RAD = Math.PI / 180;

/** One index per graph: building it costs ~0.1 s on Phnom Penh, and validation and the run both snap. */
const SHARED = new WeakMap<RoadGraph, EdgeSnapper>();

/**
 * Nearest-edge lookup: a Flatbush R-tree over every geometry segment of every road, one entry per
 * undirected road (an edge is skipped when its twin has a lower id). Built once per graph (O(segments)).
 *
 * A query is exact, not "nearest bounding box": it asks the tree for the k nearest boxes (best-first),
 * measures those segments exactly, and stops once the best segment is nearer than a lower bound on every
 * box not yet returned (the k-th box distance); otherwise k grows ×4 (from 8) and it asks again. Points
 * far outside the network stay cheap because boxes come nearest first (bench/edge-snapper.ts).
 *
 * Index coordinates are lon·cos(lat0), lat (lat0 = the graph's mid latitude) so that box distances are
 * nearly isotropic; candidates are measured in local metres around the query point (equirectangular,
 * exact to <0.1 % over a few km), and the stopping bound accounts for cos(lat) ≠ cos(lat0).
 * PLANAR graphs (scale graphs) use their own units throughout.
 */
export class EdgeSnapper {
  private readonly index: Flatbush | undefined;
  private readonly lonLat: boolean;
  /** Per segment: its edge. */
  private readonly segEdge: Uint32Array;
  /** Per segment: endpoints x0, y0, x1, y1 in graph coordinates. */
  private readonly segCoord: Float64Array;
  /** Per segment: length along the edge geometry before this segment (metres / planar units). */
  private readonly segStart: Float64Array;
  /** Per edge: total length of its geometry (same units as segStart); only set for indexed edges. */
  private readonly geomLength: Float64Array;
  /** Index x = lon × xScale (cos of the mid latitude; 1 for planar graphs). */
  private readonly xScale: number;
  /** Metres per index unit along y (METRES_PER_DEGREE for lon/lat, 1 for planar). */
  private readonly unitM: number;

  // Best candidate of the query in progress (fields instead of a closure-captured object: no allocation).
  private qx = 0;
  private qy = 0;
  private qCos = 1;
  private bestD2 = Infinity;
  private bestSeg = -1;
  private bestT = 0;
  private bestEdge = -1;
  private keepFn: ((edge: number) => boolean) | undefined;
  /** Flatbush filter: segments whose road is refused by `keep` in both directions are not candidates. */
  private readonly accept = (seg: number): boolean => {
    const keep = this.keepFn;
    if (keep === undefined) return true;
    const e = this.segEdge[seg]!;
    if (keep(e)) return true;
    const twin = this.graph.twin[e]!;
    return twin >= 0 && keep(twin);
  };

  /** The snapper of this graph, built on first use and shared by every caller holding the same graph. */
  static for(graph: RoadGraph): EdgeSnapper {
    let snapper = SHARED.get(graph);
    if (!snapper) SHARED.set(graph, (snapper = new EdgeSnapper(graph)));
    return snapper;
  }

  constructor(private readonly graph: RoadGraph) {
    this.lonLat = graph.isLonLat;
    const m = graph.edgeCount;
    let segCount = 0;
    for (let e = 0; e < m; e++) {
      if (!this.indexed(e)) continue;
      segCount += this.interiorCount(e) + 1;
    }
    this.segEdge = new Uint32Array(segCount);
    this.segCoord = new Float64Array(4 * segCount);
    this.segStart = new Float64Array(segCount);
    this.geomLength = new Float64Array(m);
    let s = 0;
    const pt = new Float64Array(2);
    for (let e = 0; e < m; e++) {
      if (!this.indexed(e)) continue;
      const points = this.interiorCount(e) + 2;
      this.point(e, 0, pt);
      let x0 = pt[0]!;
      let y0 = pt[1]!;
      let along = 0;
      for (let i = 1; i < points; i++) {
        this.point(e, i, pt);
        const x1 = pt[0]!;
        const y1 = pt[1]!;
        this.segEdge[s] = e;
        this.segCoord[4 * s] = x0;
        this.segCoord[4 * s + 1] = y0;
        this.segCoord[4 * s + 2] = x1;
        this.segCoord[4 * s + 3] = y1;
        this.segStart[s] = along;
        along += this.measure(x0, y0, x1, y1);
        s++;
        x0 = x1;
        y0 = y1;
      }
      this.geomLength[e] = along;
    }
    let minLat = Infinity;
    let maxLat = -Infinity;
    for (let v = 0; v < graph.nodeCount; v++) {
      const lat = graph.nodeCoord[2 * v + 1]!;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
    this.xScale = this.lonLat && graph.nodeCount > 0 ? Math.cos(((minLat + maxLat) / 2) * RAD) : 1;
    this.unitM = this.lonLat ? METRES_PER_DEGREE : 1;
    if (segCount === 0) return;
    const index = new Flatbush(segCount);
    const xs = this.xScale;
    for (let k = 0; k < segCount; k++) {
      const c = this.segCoord;
      const x0 = c[4 * k]! * xs, y0 = c[4 * k + 1]!, x1 = c[4 * k + 2]! * xs, y1 = c[4 * k + 3]!;
      index.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
    }
    index.finish();
    this.index = index;
  }

  /** Number of geometry segments in the index. */
  get segmentCount(): number {
    return this.segEdge.length;
  }

  /** The nearest edge to (lon, lat) (planar x, y on PLANAR graphs), or undefined if none qualifies. */
  nearest(lon: number, lat: number, opts?: SnapOptions): SnapResult | undefined {
    const index = this.index;
    if (index === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) return undefined;
    const maxD = opts?.maxDistanceM ?? Infinity;
    this.qx = lon;
    this.qy = lat;
    this.qCos = this.lonLat ? Math.cos(lat * RAD) : 1;
    this.bestD2 = Infinity;
    this.bestSeg = -1;
    this.bestEdge = -1;
    this.keepFn = opts?.keep;
    // Index distance d (in index units) bounds the local-metre distance from below by d × unitM × c,
    // where c corrects for the query's cos(lat) being smaller than the index's cos(lat0).
    const c = this.lonLat ? Math.min(1, this.qCos / this.xScale) : 1;
    const metresPerIndexUnit = this.unitM * c;
    const ix = lon * this.xScale;
    const maxIndexDistance = maxD / metresPerIndexUnit;
    for (let k = 8; ; k *= 4) {
      const found = index.neighbors(ix, lat, k, maxIndexDistance, this.keepFn === undefined ? undefined : this.accept);
      for (const seg of found) this.consider(seg);
      if (found.length < k) break; // every candidate within maxDistanceM has been measured
      const bound = this.boxDistance(found[found.length - 1]!, ix, lat) * metresPerIndexUnit;
      if (this.bestD2 <= bound * bound) break;
    }
    this.keepFn = undefined;
    if (this.bestSeg < 0 || this.bestD2 > maxD * maxD) return undefined;
    return this.result();
  }

  /** Whether edge e represents its road in the index: one direction per road, the lower id. */
  private indexed(e: number): boolean {
    const t = this.graph.twin[e]!;
    return t < 0 || t > e;
  }

  private interiorCount(e: number): number {
    const g = this.graph;
    const src = (g.flags[e]! & EdgeFlag.GEOMETRY_ON_TWIN) !== 0 ? g.twin[e]! : e;
    return g.geomFirst[src + 1]! - g.geomFirst[src]!;
  }

  /** Point i of edge e's polyline (0 = tail, interior points, last = head) into out[0..1]. */
  private point(e: number, i: number, out: Float64Array): void {
    const g = this.graph;
    const count = this.interiorCount(e);
    if (i === 0) {
      out[0] = g.nodeCoord[2 * g.tail[e]!]!;
      out[1] = g.nodeCoord[2 * g.tail[e]! + 1]!;
      return;
    }
    if (i === count + 1) {
      out[0] = g.nodeCoord[2 * g.head[e]!]!;
      out[1] = g.nodeCoord[2 * g.head[e]! + 1]!;
      return;
    }
    const onTwin = (g.flags[e]! & EdgeFlag.GEOMETRY_ON_TWIN) !== 0;
    const src = onTwin ? g.twin[e]! : e;
    const k = g.geomFirst[src]! + (onTwin ? count - i : i - 1);
    out[0] = g.geomCoord[2 * k]! / GEOM_SCALE;
    out[1] = g.geomCoord[2 * k + 1]! / GEOM_SCALE;
  }

  /** Length of a segment: haversine metres for lon/lat, Euclidean for planar graphs. */
  private measure(x0: number, y0: number, x1: number, y1: number): number {
    return this.lonLat ? haversineM(x0, y0, x1, y1) : Math.hypot(x1 - x0, y1 - y0);
  }

  /** Distance in index units from (ix, y) to segment seg's box (as Flatbush measures it). */
  private boxDistance(seg: number, ix: number, y: number): number {
    const c = this.segCoord;
    const xs = this.xScale;
    const ax = c[4 * seg]! * xs, bx = c[4 * seg + 2]! * xs;
    const ay = c[4 * seg + 1]!, by = c[4 * seg + 3]!;
    const dx = Math.max(Math.min(ax, bx) - ix, ix - Math.max(ax, bx), 0);
    const dy = Math.max(Math.min(ay, by) - y, y - Math.max(ay, by), 0);
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** Measure one candidate segment in local metres around the query and keep it if it is the best. */
  private consider(seg: number): void {
    let edge = this.segEdge[seg]!;
    const keep = this.keepFn;
    if (keep !== undefined && !keep(edge)) {
      const twin = this.graph.twin[edge]!;
      if (twin < 0 || !keep(twin)) return;
      edge = twin;
    }
    const c = this.segCoord;
    const kx = this.lonLat ? METRES_PER_DEGREE * this.qCos : 1;
    const ky = this.lonLat ? METRES_PER_DEGREE : 1;
    const ax = (c[4 * seg]! - this.qx) * kx;
    const ay = (c[4 * seg + 1]! - this.qy) * ky;
    const bx = (c[4 * seg + 2]! - this.qx) * kx;
    const by = (c[4 * seg + 3]! - this.qy) * ky;
    const t = closestParameter(0, 0, ax, ay, bx, by);
    const px = ax + t * (bx - ax);
    const py = ay + t * (by - ay);
    const d2 = px * px + py * py;
    // Ties go to the lower segment id so that results do not depend on the R-tree's visiting order.
    if (d2 < this.bestD2 || (d2 === this.bestD2 && seg < this.bestSeg)) {
      this.bestD2 = d2;
      this.bestSeg = seg;
      this.bestT = t;
      this.bestEdge = edge;
    }
  }

  private result(): SnapResult {
    const seg = this.bestSeg;
    const t = this.bestT;
    const c = this.segCoord;
    const x0 = c[4 * seg]!, y0 = c[4 * seg + 1]!, x1 = c[4 * seg + 2]!, y1 = c[4 * seg + 3]!;
    const lon = x0 + t * (x1 - x0);
    const lat = y0 + t * (y1 - y0);
    const indexedEdge = this.segEdge[seg]!;
    const total = this.geomLength[indexedEdge]!;
    const along = this.segStart[seg]! + t * this.measure(x0, y0, x1, y1);
    let fraction = total > 0 ? Math.min(1, Math.max(0, along / total)) : 0;
    const edge = this.bestEdge;
    if (edge !== indexedEdge) fraction = 1 - fraction;
    const distanceM = this.lonLat ? haversineM(this.qx, this.qy, lon, lat) : Math.sqrt(this.bestD2);
    return { edge, fraction, offsetM: fraction * this.graph.lengthM[edge]!, distanceM, lon, lat };
  }
}
