import type { Polygon } from 'geojson';
import { InputError } from '../errors.js';
import { EdgeFlag, ROAD_CLASSES, roadClassCode, type RoadClassName } from '../graph/road-class.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { GEOM_SCALE } from '../graph/format.js';
import { haversineM } from '../geo/haversine.js';
import { polygonBBox, polygonContains, polylineIntersectsPolygon } from './area-geometry.js';

/** A threat zone or other area where driving costs more: a circle (metres) or a GeoJSON polygon. */
export type PenaltyArea = { type: 'circle'; lon: number; lat: number; radiusM: number } | Polygon;

/**
 * What one request changes on the road network, without touching the graph:
 * - closedEdges: directed edge ids that cannot be driven (close the twin too to close both ways);
 * - avoidPolygons: every edge whose geometry touches one of them is closed (both directions);
 * - penalties: cost × factor for the share of an edge inside the area (factors of several areas
 *   multiply); the route's time is unchanged, its cost (what the search minimises) grows;
 * - speedFactorByClass: travel speed × factor per road class (0.6 = 40 % slower, as at peak hour);
 *   changes both time and cost.
 */
export interface RouteOverlay {
  closedEdges?: Iterable<number>;
  avoidPolygons?: Polygon[];
  penalties?: { area: PenaltyArea; factor: number }[];
  speedFactorByClass?: Partial<Record<RoadClassName, number>>;
}

/**
 * An overlay compiled against one graph: per-edge arrays built once and shared by any number of queries
 * (and by several Routers on the same thread). Memory: two Float64 and one Uint8 per directed edge.
 * Many compiled overlays can coexist; the graph is never rebuilt or copied.
 */
export interface CompiledOverlay {
  readonly graph: RoadGraph;
  /** Seconds per edge with speed factors applied; Infinity when closed. */
  readonly timeS: Float64Array;
  /** What searches minimise: timeS × penalty multiplier; Infinity when closed. */
  readonly costS: Float64Array;
  /** 1 for a closed edge. */
  readonly closed: Uint8Array;
  readonly closedCount: number;
  readonly penalizedCount: number;
  /**
   * min over open edges of costS / graph.timeS (1 when nothing is cheaper than free flow). The A*
   * potential of the base graph times this factor is valid for the overlay, so a new overlay needs no
   * O(m) pass before its first A* query.
   */
  readonly minCostFactor: number;
}

/** The graph without changes, as an overlay (arrays alias the graph's own where possible). */
export function baseOverlay(graph: RoadGraph): CompiledOverlay {
  return { graph, timeS: graph.timeS, costS: graph.timeS, closed: new Uint8Array(graph.edgeCount), closedCount: 0, penalizedCount: 0, minCostFactor: 1 };
}

/**
 * Compile `overlay` for `graph`, optionally on top of an already compiled `base` (its closures, speeds and
 * penalties are kept and this overlay's are applied in addition). Invalid input (unknown edge id or road
 * class, non-positive factor, bad circle) is an InputError naming the field and value.
 */
export function compileOverlay(graph: RoadGraph, overlay: RouteOverlay, base?: CompiledOverlay): CompiledOverlay {
  const m = graph.edgeCount;
  if (base && base.graph !== graph) throw new InputError('compileOverlay: the base overlay was compiled for another graph');
  const timeS = new Float64Array(base ? base.timeS : graph.timeS);
  const closed = new Uint8Array(m);
  if (base) closed.set(base.closed);
  const multiplier = new Float64Array(m).fill(1);

  if (overlay.speedFactorByClass) {
    const factorByCode = new Float64Array(ROAD_CLASSES.length).fill(1);
    for (const [name, f] of Object.entries(overlay.speedFactorByClass)) {
      const code = roadClassCode(name);
      if (code === undefined) throw new InputError(`speedFactorByClass: unknown road class '${name}' (known: ${ROAD_CLASSES.join(', ')})`);
      if (typeof f !== 'number' || !(f > 0) || !Number.isFinite(f)) throw new InputError(`speedFactorByClass.${name}: factor ${String(f)} must be a positive number`);
      factorByCode[code] = f;
    }
    const rc = graph.roadClass;
    for (let e = 0; e < m; e++) timeS[e] = timeS[e]! / factorByCode[rc[e]!]!;
  }
  if (overlay.closedEdges) {
    for (const e of overlay.closedEdges) {
      if (!Number.isInteger(e) || e < 0 || e >= m) throw new InputError(`closedEdges: edge ${e} is not in the graph (0..${m - 1})`);
      closed[e] = 1;
    }
  }
  (overlay.avoidPolygons ?? []).forEach((poly, i) => {
    checkPolygon(poly, `avoidPolygons[${i}]`);
    const bb = polygonBBox(poly);
    forEachRoadInBox(graph, bb, (e, line) => {
      if (polylineIntersectsPolygon(line, poly)) {
        closed[e] = 1;
        const t = graph.twin[e]!;
        if (t >= 0) closed[t] = 1;
      }
    });
  });
  let penalized = 0;
  (overlay.penalties ?? []).forEach((p, i) => {
    if (typeof p.factor !== 'number' || !(p.factor > 0) || !Number.isFinite(p.factor)) throw new InputError(`penalties[${i}].factor: ${String(p.factor)} must be a positive number`);
    const { bbox, contains } = areaTest(graph, p.area, `penalties[${i}].area`);
    forEachRoadInBox(graph, bbox, (e, line) => {
      const share = insideShare(graph, line, contains);
      if (share <= 0) return;
      const f = 1 + (p.factor - 1) * share;
      multiplier[e]! *= f;
      const t = graph.twin[e]!;
      if (t >= 0) multiplier[t]! *= f;
    });
  });
  const costS = new Float64Array(m);
  const baseCost = base?.costS;
  let closedCount = 0;
  let minCostFactor = 1;
  const free = graph.timeS;
  for (let e = 0; e < m; e++) {
    if (closed[e]) {
      timeS[e] = Infinity;
      costS[e] = Infinity;
      closedCount++;
      continue;
    }
    // Penalty multipliers of the base carry over: its cost/time ratio times this overlay's multiplier.
    const baseRatio = baseCost ? (base!.timeS[e]! > 0 ? baseCost[e]! / base!.timeS[e]! : 1) : 1;
    const mult = baseRatio * multiplier[e]!;
    if (mult !== 1) penalized++;
    costS[e] = timeS[e]! * mult;
    if (free[e]! > 0) {
      const r = costS[e]! / free[e]!;
      if (r < minCostFactor) minCostFactor = r;
    }
  }
  return { graph, timeS, costS, closed, closedCount, penalizedCount: penalized, minCostFactor };
}

function checkPolygon(poly: Polygon, where: string): void {
  if (!poly || poly.type !== 'Polygon' || !Array.isArray(poly.coordinates) || !Array.isArray(poly.coordinates[0]) || poly.coordinates[0].length < 4) {
    throw new InputError(`${where}: expected a GeoJSON Polygon with a closed outer ring of at least 4 positions`);
  }
}

/** Bounding box and containment test of an area, in graph coordinates. */
function areaTest(graph: RoadGraph, area: PenaltyArea, where: string): { bbox: [number, number, number, number]; contains: (x: number, y: number) => boolean } {
  if (area.type === 'circle') {
    const { lon, lat, radiusM } = area;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || !(radiusM > 0)) throw new InputError(`${where}: circle needs finite lon/lat and radiusM > 0 (got ${lon}, ${lat}, ${radiusM})`);
    if (!graph.isLonLat) {
      return { bbox: [lon - radiusM, lat - radiusM, lon + radiusM, lat + radiusM], contains: (x, y) => (x - lon) ** 2 + (y - lat) ** 2 <= radiusM * radiusM };
    }
    const dLat = radiusM / 111_000;
    const dLon = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
    return { bbox: [lon - dLon, lat - dLat, lon + dLon, lat + dLat], contains: (x, y) => haversineM(lon, lat, x, y) <= radiusM };
  }
  checkPolygon(area, where);
  return { bbox: polygonBBox(area), contains: (x, y) => polygonContains(area, x, y) };
}

/**
 * Share of a polyline's length inside an area, by testing the midpoints of pieces of at most ~10 m
 * (at most 64 pieces per segment; planar graphs: 16 per segment).
 */
function insideShare(graph: RoadGraph, line: [number, number][], contains: (x: number, y: number) => boolean): number {
  let total = 0;
  let inside = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = line[i]!;
    const [bx, by] = line[i + 1]!;
    const len = graph.isLonLat ? haversineM(ax, ay, bx, by) : Math.hypot(bx - ax, by - ay);
    if (len === 0) continue;
    const pieces = graph.isLonLat ? Math.min(64, Math.max(1, Math.ceil(len / 10))) : 16;
    let hit = 0;
    for (let k = 0; k < pieces; k++) {
      const t = (k + 0.5) / pieces;
      if (contains(ax + (bx - ax) * t, ay + (by - ay) * t)) hit++;
    }
    total += len;
    inside += (len * hit) / pieces;
  }
  return total > 0 ? inside / total : 0;
}

/**
 * Call fn(edge, geometry) for each road (one edge per two-way pair: the one holding the geometry) whose
 * bounding box meets `bb`. Edge boxes are computed from the raw coordinate arrays, so only candidate edges
 * allocate their polyline.
 */
function forEachRoadInBox(graph: RoadGraph, bb: [number, number, number, number], fn: (edge: number, line: [number, number][]) => void): void {
  const [minX, minY, maxX, maxY] = bb;
  const c = graph.nodeCoord;
  const gf = graph.geomFirst;
  const gc = graph.geomCoord;
  for (let e = 0; e < graph.edgeCount; e++) {
    if ((graph.flags[e]! & EdgeFlag.GEOMETRY_ON_TWIN) !== 0 && graph.twin[e]! >= 0) continue;
    const u = graph.tail[e]!;
    const v = graph.head[e]!;
    let x0 = Math.min(c[2 * u]!, c[2 * v]!);
    let x1 = Math.max(c[2 * u]!, c[2 * v]!);
    let y0 = Math.min(c[2 * u + 1]!, c[2 * v + 1]!);
    let y1 = Math.max(c[2 * u + 1]!, c[2 * v + 1]!);
    for (let i = gf[e]!; i < gf[e + 1]!; i++) {
      const x = gc[2 * i]! / GEOM_SCALE;
      const y = gc[2 * i + 1]! / GEOM_SCALE;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    if (x1 < minX || x0 > maxX || y1 < minY || y0 > maxY) continue;
    fn(e, graph.edgeGeometry(e));
  }
}
