import Flatbush from 'flatbush';
import { EdgeFlag } from '../graph/road-class.js';
import type { RoadGraph } from '../graph/road-graph.js';
import type { NodeProjection } from './projection.js';
import { routeCoordinates } from './route-geometry.js';
import type { RouteFound } from './types.js';

/**
 * Geometric overlap between routes. Two routes "share" a stretch when it lies within `corridorM` metres of
 * the other route, whatever edges draw it: the bundled Phnom Penh data draws many dual carriageways as two
 * parallel two-way lines 10–25 m apart, so comparing edge ids calls a drive on the other carriageway a
 * different route. All distances are metres in the router's local projection (projection.ts).
 */

/** Default corridor half-width (m): wider than a dual carriageway's median, narrower than a city block. */
export const DEFAULT_CORRIDOR_M = 30;
/** Lines are tested at the midpoints of pieces at most this long (m). */
const PIECE_M = 10;

/** A route's polyline in projected metres, with a Flatbush over its segments. */
export class RouteCorridor {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly index: Flatbush | undefined;
  private readonly r2: number;

  constructor(
    graph: RoadGraph,
    route: RouteFound,
    private readonly proj: NodeProjection,
    readonly corridorM: number = DEFAULT_CORRIDOR_M,
  ) {
    const coords = routeLine(graph, route);
    this.xs = new Float64Array(coords.length);
    this.ys = new Float64Array(coords.length);
    coords.forEach(([lon, lat], i) => {
      const [x, y] = proj.project(lon, lat);
      this.xs[i] = x;
      this.ys[i] = y;
    });
    this.r2 = corridorM * corridorM;
    const segs = coords.length - 1;
    if (segs < 1) return;
    this.index = new Flatbush(segs);
    for (let i = 0; i < segs; i++) {
      this.index.add(Math.min(this.xs[i]!, this.xs[i + 1]!), Math.min(this.ys[i]!, this.ys[i + 1]!), Math.max(this.xs[i]!, this.xs[i + 1]!), Math.max(this.ys[i]!, this.ys[i + 1]!));
    }
    this.index.finish();
  }

  /** Number of route segments (polyline points − 1). */
  get segmentCount(): number {
    return Math.max(0, this.xs.length - 1);
  }

  /** Bounding box of segment i, grown by the corridor width. */
  segmentBox(i: number): [number, number, number, number] {
    const c = this.corridorM;
    const xs = this.xs;
    const ys = this.ys;
    return [Math.min(xs[i]!, xs[i + 1]!) - c, Math.min(ys[i]!, ys[i + 1]!) - c, Math.max(xs[i]!, xs[i + 1]!) + c, Math.max(ys[i]!, ys[i + 1]!) + c];
  }

  /** Whether the projected point (x, y) lies within the corridor of the route. */
  covers(x: number, y: number): boolean {
    if (!this.index) return false;
    const c = this.corridorM;
    let hit = false;
    this.index.search(x - c, y - c, x + c, y + c, (i) => {
      if (!hit && segmentDist2(x, y, this.xs[i]!, this.ys[i]!, this.xs[i + 1]!, this.ys[i + 1]!) <= this.r2) hit = true;
      return false;
    });
    return hit;
  }

  /** Share (0..1) of a lon/lat polyline's length that lies within the corridor. */
  shareOfLine(line: readonly [number, number][]): number {
    let total = 0;
    let inside = 0;
    let prev = line.length > 0 ? this.proj.project(line[0]![0], line[0]![1]) : undefined;
    for (let i = 1; i < line.length; i++) {
      const cur = this.proj.project(line[i]![0], line[i]![1]);
      const [ax, ay] = prev!;
      const [bx, by] = cur;
      prev = cur;
      const len = Math.hypot(bx - ax, by - ay);
      if (len === 0) continue;
      const pieces = Math.min(256, Math.max(1, Math.ceil(len / PIECE_M)));
      let hit = 0;
      for (let k = 0; k < pieces; k++) {
        const t = (k + 0.5) / pieces;
        if (this.covers(ax + (bx - ax) * t, ay + (by - ay) * t)) hit++;
      }
      total += len;
      inside += (len * hit) / pieces;
    }
    return total > 0 ? inside / total : 0;
  }
}

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by). */
function segmentDist2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const l2 = dx * dx + dy * dy;
  let t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/**
 * Share (0..1) of route `a`'s length lying within `corridorM` of route `b`: the geometric overlap used by
 * alternatives. Not symmetric (a short route inside a long one shares all of itself).
 */
export function corridorShare(graph: RoadGraph, proj: NodeProjection, a: RouteFound, b: RouteFound | RouteCorridor, corridorM: number = DEFAULT_CORRIDOR_M): number {
  const c = b instanceof RouteCorridor ? b : new RouteCorridor(graph, b, proj, corridorM);
  return c.shareOfLine(routeLine(graph, a));
}

/** A route's driven polyline in lon/lat (empty for a route that drives nothing). */
export function routeLine(graph: RoadGraph, route: RouteFound): [number, number][] {
  return route.edges.length > 0 ? routeCoordinates(graph, route.edges, route.fromPosition?.fraction ?? 0, route.toPosition?.fraction ?? 1) : [];
}

/** Per graph and projection: a Flatbush over each road's bounding box (one entry per two-way pair). */
const roadIndexes = new WeakMap<NodeProjection, { index: Flatbush; roads: Int32Array }>();

function roadIndex(graph: RoadGraph, proj: NodeProjection): { index: Flatbush; roads: Int32Array } {
  let cached = roadIndexes.get(proj);
  if (cached) return cached;
  const list: number[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    if ((graph.flags[e]! & EdgeFlag.GEOMETRY_ON_TWIN) !== 0 && graph.twin[e]! >= 0) continue;
    list.push(e);
  }
  const index = new Flatbush(Math.max(1, list.length));
  for (const e of list) {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const [lon, lat] of graph.edgeGeometry(e)) {
      const [x, y] = proj.project(lon, lat);
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    index.add(x0, y0, x1, y1);
  }
  if (list.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  cached = { index, roads: Int32Array.from(list) };
  roadIndexes.set(proj, cached);
  return cached;
}

/**
 * Call fn(edge, share) for every road with at least `minShare` of its length inside the corridor (the edge
 * holding the geometry; its twin, when there is one, is the same road). The road index is built once per
 * projection (O(m log m)); each call then visits only the roads near the route's segments.
 */
export function forEachRoadInCorridor(graph: RoadGraph, corridor: RouteCorridor, proj: NodeProjection, minShare: number, fn: (edge: number, share: number) => void): void {
  const { index, roads } = roadIndex(graph, proj);
  const seen = new Set<number>();
  for (let i = 0; i < corridor.segmentCount; i++) {
    const [x0, y0, x1, y1] = corridor.segmentBox(i);
    for (const k of index.search(x0, y0, x1, y1)) {
      if (k >= roads.length || seen.has(k)) continue;
      seen.add(k);
      const e = roads[k]!;
      const share = corridor.shareOfLine(graph.edgeGeometry(e));
      if (share >= minShare && share > 0) fn(e, share);
    }
  }
}
