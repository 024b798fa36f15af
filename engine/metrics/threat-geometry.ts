import { haversineM, METRES_PER_DEGREE } from '../geo/haversine.js';
import { segmentDistanceSquared } from '../geo/segment-projection.js';
import { ringContains } from '../geo/point-in-polygon.js';
import type { RoadGraph } from '../graph/road-graph.js';
import type { PlanArea } from '../model/run-plan.js';

/**
 * The geometric part of threat exposure, computed once per route edge in prepareRun (time windows are
 * applied per sample at run time).
 *
 * Decay rule (docs/metrics.md): a point inside the zone counts fully (factor 1); outside, the
 * factor falls linearly with the distance d to the zone's boundary, 1 − d / decayM, and is 0 from decayM on.
 * The factor of an edge is the mean over points spaced at most STEP_M apart along its geometry (both
 * ends included), i.e. a length-weighted average to within STEP_M.
 */
export const THREAT_SAMPLE_STEP_M = 20;

/** Distance in metres from a point to the zone (0 inside). */
export function distanceToAreaM(area: PlanArea, lon: number, lat: number): number {
  if (area.type === 'circle') return Math.max(0, haversineM(lon, lat, area.lon, area.lat) - area.radiusM);
  const ring = area.coordinates[0];
  if (!ring || ring.length < 3) return Infinity;
  if (ringContains(ring, lon, lat)) {
    // Inside the outer ring; holes count as outside.
    for (let h = 1; h < area.coordinates.length; h++) if (ringContains(area.coordinates[h]!, lon, lat)) return ringDistanceM(area.coordinates[h]!, lon, lat);
    return 0;
  }
  return ringDistanceM(ring, lon, lat);
}

/** Decay factor at a point: 1 inside, linear to 0 at decayM outside. */
export function decayFactor(distanceM: number, decayM: number): number {
  if (distanceM <= 0) return 1;
  if (decayM <= 0 || distanceM >= decayM) return 0;
  return 1 - distanceM / decayM;
}

/**
 * Mean decay factor along the driven part of an edge, [fromFraction, toFraction] of its geometry.
 */
export function edgeThreatFactor(graph: RoadGraph, edge: number, area: PlanArea, decayM: number, fromFraction = 0, toFraction = 1): number {
  const pts = graph.edgeGeometry(edge);
  // Cumulative lengths along the polyline to place the sample points.
  const cum = [0];
  for (let i = 1; i < pts.length; i++) cum.push(cum[i - 1]! + haversineM(pts[i - 1]![0], pts[i - 1]![1], pts[i]![0], pts[i]![1]));
  const total = cum[cum.length - 1]!;
  const a = fromFraction * total;
  const b = toFraction * total;
  const span = Math.max(0, b - a);
  const steps = Math.max(1, Math.ceil(span / THREAT_SAMPLE_STEP_M));
  let sum = 0;
  let seg = 1;
  for (let k = 0; k <= steps; k++) {
    const at = a + (span * k) / steps;
    while (seg < pts.length - 1 && cum[seg]! < at) seg++;
    const p0 = pts[seg - 1]!;
    const p1 = pts[Math.min(seg, pts.length - 1)]!;
    const len = cum[Math.min(seg, pts.length - 1)]! - cum[seg - 1]!;
    const t = len > 0 ? (at - cum[seg - 1]!) / len : 0;
    const lon = p0[0] + t * (p1[0] - p0[0]);
    const lat = p0[1] + t * (p1[1] - p0[1]);
    sum += decayFactor(distanceToAreaM(area, lon, lat), decayM);
  }
  return sum / (steps + 1);
}

/** A cheap lower bound of the distance from an edge to the zone, to skip far edges before sampling. */
export function roughEdgeDistanceM(graph: RoadGraph, edge: number, area: PlanArea): number {
  const t = graph.tail[edge]!;
  const h = graph.head[edge]!;
  const lon = (graph.lon(t) + graph.lon(h)) / 2;
  const lat = (graph.lat(t) + graph.lat(h)) / 2;
  // Half the chord plus the geometry's extra length bounds how far any point of the edge is from the midpoint.
  const reach = graph.lengthM[edge]! / 2 + 1;
  return distanceToAreaM(area, lon, lat) - reach;
}

/** Distance in metres from a point to a ring's boundary (local equirectangular metres around the point). */
function ringDistanceM(ring: readonly (readonly [number, number])[], lon: number, lat: number): number {
  const kx = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const ky = METRES_PER_DEGREE;
  let best = Infinity;
  for (let i = 1; i < ring.length; i++) {
    const a = ring[i - 1]!;
    const b = ring[i]!;
    const d2 = segmentDistanceSquared(0, 0, (a[0] - lon) * kx, (a[1] - lat) * ky, (b[0] - lon) * kx, (b[1] - lat) * ky);
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best);
}
