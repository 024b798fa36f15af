import type { Feature, FeatureCollection, MultiLineString, Polygon } from 'geojson';
import type { RoadGraph } from '../graph/index.js';
import { slicePolyline } from './route-geometry.js';
import { EdgeFlag } from '../graph/road-class.js';
import { OSM_ATTRIBUTION } from '../graph/attribution.js';

/**
 * Service areas (isochrones) from one-to-all times: for each cut-off, the road network reachable within
 * it (a MultiLineString, edges cut where the time runs out) and its convex hull (a Polygon), as an RFC 7946
 * FeatureCollection. `times` are forward times from Router.oneToAll with the same cost array `weight`.
 */
export function serviceAreas(graph: RoadGraph, times: Float64Array, cutoffsS: readonly number[], weight: Float64Array = graph.timeS): FeatureCollection<MultiLineString | Polygon> {
  const features: Feature<MultiLineString | Polygon>[] = [];
  for (const cutoff of [...cutoffsS].sort((a, b) => a - b)) {
    const lines: [number, number][][] = [];
    let roadM = 0;
    for (let e = 0; e < graph.edgeCount; e++) {
      // One pass per road: the edge holding the geometry; reach from both ends (via the twin too).
      const t = graph.twin[e]!;
      if ((graph.flags[e]! & EdgeFlag.GEOMETRY_ON_TWIN) !== 0 && t >= 0) continue;
      const u = graph.tail[e]!;
      const v = graph.head[e]!;
      const w = weight[e]!;
      const a = times[u]! <= cutoff ? (w > 0 ? Math.min(1, (cutoff - times[u]!) / w) : 1) : 0;
      const wt = t >= 0 ? weight[t]! : Infinity;
      const b = t >= 0 && times[v]! <= cutoff ? (wt > 0 ? Math.min(1, (cutoff - times[v]!) / wt) : 1) : 0;
      if (a <= 0 && b <= 0) continue;
      const line = graph.edgeGeometry(e);
      if (a + b >= 1) {
        lines.push(line);
        roadM += graph.lengthM[e]!;
        continue;
      }
      if (a > 0) lines.push(slicePolyline(graph, line, 0, a));
      if (b > 0) lines.push(slicePolyline(graph, line, 1 - b, 1));
      roadM += (a + b) * graph.lengthM[e]!;
    }
    const points = lines.flat();
    features.push({ type: 'Feature', geometry: { type: 'MultiLineString', coordinates: lines }, properties: { kind: 'reachable-roads', cutoff_s: cutoff, road_length_m: Math.round(roadM) } });
    const hull = convexHull(points);
    if (hull.length >= 3) {
      features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...hull, hull[0]!]] }, properties: { kind: 'service-area', cutoff_s: cutoff } });
    }
  }
  // ODbL: the attribution as a foreign member (RFC 7946 §6.1), as every motorcade export carries it.
  return { type: 'FeatureCollection', features, attribution: `Road data ${OSM_ATTRIBUTION}` } as FeatureCollection<MultiLineString | Polygon>;
}

/** Andrew's monotone chain; counter-clockwise hull without the closing point. */
export function convexHull(points: readonly [number, number][]): [number, number][] {
  const pts = [...points].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  if (pts.length < 3) return pts;
  const cross = (o: [number, number], a: [number, number], b: [number, number]): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: [number, number][] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}
