import type { RoadGraph } from '../graph/index.js';
import { EARTH_RADIUS_M } from '../geo/haversine.js';
const DEG = Math.PI / 180;

/**
 * Per-node planar coordinates for A*: metres on an equirectangular projection at the graph's mean latitude
 * (lon/lat graphs) or the native planar units (PLANAR graphs).
 *
 * `maxScale` bounds how much the projection can stretch a distance: on the sphere, a short step at
 * latitude φ measures (cos φ0 / cos φ) of its true east-west length after projection, so the stretch is
 * at most max(1, cos φ0 / cos φ) over the graph's latitude range. We add 0.5 % for the difference between
 * the sphere and lengths measured on the WGS84 ellipsoid. The A* potential divides by this bound, which
 * keeps it admissible (heuristic.ts).
 */
export interface NodeProjection {
  x: Float64Array;
  y: Float64Array;
  maxScale: number;
  project(lon: number, lat: number): [number, number];
}

export function projectNodes(graph: RoadGraph): NodeProjection {
  const n = graph.nodeCount;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const c = graph.nodeCoord;
  if (!graph.isLonLat) {
    for (let v = 0; v < n; v++) {
      x[v] = c[2 * v]!;
      y[v] = c[2 * v + 1]!;
    }
    return { x, y, maxScale: 1, project: (a, b) => [a, b] };
  }
  let latSum = 0;
  let lonSum = 0;
  let maxAbsLat = 0;
  for (let v = 0; v < n; v++) {
    lonSum += c[2 * v]!;
    const lat = c[2 * v + 1]!;
    latSum += lat;
    if (Math.abs(lat) > maxAbsLat) maxAbsLat = Math.abs(lat);
  }
  const lat0 = latSum / n;
  const lon0 = lonSum / n;
  const kx = EARTH_RADIUS_M * DEG * Math.cos(lat0 * DEG);
  const ky = EARTH_RADIUS_M * DEG;
  for (let v = 0; v < n; v++) {
    x[v] = (c[2 * v]! - lon0) * kx;
    y[v] = (c[2 * v + 1]! - lat0) * ky;
  }
  const stretch = Math.max(1, Math.cos(lat0 * DEG) / Math.cos(Math.min(89, maxAbsLat) * DEG));
  return { x, y, maxScale: stretch * 1.005, project: (lon, lat) => [(lon - lon0) * kx, (lat - lat0) * ky] };
}

/**
 * The largest k such that k × (projected straight-line distance) never exceeds the cost of any path, for
 * edge costs `weight`: k = min over edges of weight / max(projected chord, length × maxScale). The chord
 * term makes k × |uv| ≤ w(uv) for every edge (so the potential is consistent, by the triangle
 * inequality); the length term covers partial edges to a mid-edge target, whose straight distance from an
 * end node is at most the length driven along the edge. Edges with zero length and chord are skipped.
 * A factor (1 - 1e-9) absorbs floating-point rounding. Returns 0 (plain Dijkstra) when some edge is free.
 */
export function heuristicFactor(graph: RoadGraph, proj: NodeProjection, weight: Float64Array): number {
  const { x, y, maxScale } = proj;
  const tail = graph.tail;
  const head = graph.head;
  const lengthM = graph.lengthM;
  let k = Infinity;
  for (let e = 0; e < graph.edgeCount; e++) {
    const w = weight[e]!;
    if (w === Infinity) continue;
    const u = tail[e]!;
    const v = head[e]!;
    const dx = x[u]! - x[v]!;
    const dy = y[u]! - y[v]!;
    const chord = Math.sqrt(dx * dx + dy * dy);
    const len = Math.max(chord, lengthM[e]! * maxScale);
    if (len === 0) continue;
    const r = w / len;
    if (r < k) k = r;
  }
  if (k === Infinity) return 0;
  return k * (1 - 1e-9);
}
