import type { RoadGraph } from '../graph/index.js';
import { haversineM } from '../geo/haversine.js';

/**
 * Cutting edge polylines at fractions of their length (for mid-edge endpoints and partial edges). Lengths
 * along the polyline are haversine metres on lon/lat graphs and Euclidean on planar ones, the way the
 * snapper measures a position's fraction. Allocates: for results and drawing, not for search loops.
 */

function segLength(graph: RoadGraph, a: readonly [number, number], b: readonly [number, number]): number {
  return graph.isLonLat ? haversineM(a[0], a[1], b[0], b[1]) : Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** Part of a polyline between fractions f0 ≤ f1 of its length, as a new polyline (at least 2 points). */
export function slicePolyline(graph: RoadGraph, line: readonly [number, number][], f0: number, f1: number): [number, number][] {
  if (f0 <= 0 && f1 >= 1) return line.map((p) => [p[0], p[1]]);
  const cum: number[] = [0];
  for (let i = 1; i < line.length; i++) cum.push(cum[i - 1]! + segLength(graph, line[i - 1]!, line[i]!));
  const total = cum[cum.length - 1]!;
  const at = (f: number): [number, number] => {
    const d = Math.min(1, Math.max(0, f)) * total;
    for (let i = 1; i < line.length; i++) {
      if (cum[i]! >= d || i === line.length - 1) {
        const seg = cum[i]! - cum[i - 1]!;
        const t = seg > 0 ? (d - cum[i - 1]!) / seg : 0;
        const a = line[i - 1]!;
        const b = line[i]!;
        return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
      }
    }
    return [line[0]![0], line[0]![1]];
  };
  const out: [number, number][] = [at(f0)];
  const d0 = f0 * total;
  const d1 = f1 * total;
  for (let i = 1; i + 1 < line.length; i++) if (cum[i]! > d0 && cum[i]! < d1) out.push([line[i]![0], line[i]![1]]);
  out.push(at(f1));
  return out;
}

/** The point at `fraction` of the way along an edge. */
export function pointAlong(graph: RoadGraph, edge: number, fraction: number): [number, number] {
  const line = graph.edgeGeometry(edge);
  return slicePolyline(graph, line, fraction, fraction)[0]!;
}

/** Coordinates of a route: the driven parts of its edges, joined without repeating shared points. */
export function routeCoordinates(graph: RoadGraph, edges: readonly number[], fromFraction: number, toFraction: number): [number, number][] {
  const coords: [number, number][] = [];
  for (let i = 0; i < edges.length; i++) {
    const f0 = i === 0 ? fromFraction : 0;
    const f1 = i === edges.length - 1 ? toFraction : 1;
    const part = slicePolyline(graph, graph.edgeGeometry(edges[i]!), f0, f1);
    for (const p of part) {
      const last = coords[coords.length - 1];
      if (last && last[0] === p[0] && last[1] === p[1]) continue;
      coords.push(p);
    }
  }
  if (coords.length === 1) coords.push([coords[0]![0], coords[0]![1]]);
  return coords;
}
