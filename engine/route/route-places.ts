import { haversineM, METRES_PER_DEGREE } from '../geo/haversine.js';
import { closestParameter } from '../geo/segment-projection.js';
import type { RoadGraph } from '../graph/index.js';
import { routeCoordinates } from './route-geometry.js';
import type { RouteFound } from './types.js';

/** A named place a route passes, in the order driven. */
export interface PlacePassed {
  id: string;
  name: string;
  kind: string;
  /** Metres driven from the route's start to the point nearest the place. */
  alongM: number;
  /** Metres from the place to the route. */
  offsetM: number;
}

/**
 * A place counts as passed when the route comes within this many metres: a block of the core grid
 * (~150–250 m), so the monument on a roundabout or the hotel on the boulevard is named, the one a
 * street away is not. Bridges use BRIDGE_PASS_M: a bridge landmark is the midpoint of a span several
 * hundred metres long.
 */
export const PASS_M = 250;
export const BRIDGE_PASS_M = 400;

/**
 * The named places (gazetteer landmarks, scenario places) a route passes, in the order it reaches them.
 * The bundled roads carry no names, so this is how a route is told in words ("Independence Monument →
 * Chroy Changvar bridges → …"). Distances in local metres around each point (equirectangular, exact to
 * <0.1 % over a few km). Lon/lat graphs only; planar graphs pass nothing.
 */
export function placesPassed(graph: RoadGraph, legs: readonly RouteFound[], places: readonly { id: string; name: string; kind: string; lon: number; lat: number }[]): PlacePassed[] {
  if (!graph.isLonLat || places.length === 0) return [];
  const line: [number, number][] = [];
  for (const leg of legs) {
    const pts = routeCoordinates(graph, leg.edges, leg.fromPosition?.fraction ?? 0, leg.toPosition?.fraction ?? 1);
    for (const p of pts) {
      const last = line[line.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) line.push(p);
    }
  }
  if (line.length < 2) return [];
  const cum: number[] = [0];
  for (let i = 1; i < line.length; i++) cum.push(cum[i - 1]! + haversineM(line[i - 1]![0], line[i - 1]![1], line[i]![0], line[i]![1]));
  const out: PlacePassed[] = [];
  for (const p of places) {
    const limit = p.kind === 'bridge' ? BRIDGE_PASS_M : PASS_M;
    const cos = Math.cos((p.lat * Math.PI) / 180);
    let best = Infinity;
    let bestAlong = 0;
    for (let i = 1; i < line.length; i++) {
      const [ax, ay] = line[i - 1]!;
      const [bx, by] = line[i]!;
      const x0 = (ax - p.lon) * cos * METRES_PER_DEGREE;
      const y0 = (ay - p.lat) * METRES_PER_DEGREE;
      const x1 = (bx - p.lon) * cos * METRES_PER_DEGREE;
      const y1 = (by - p.lat) * METRES_PER_DEGREE;
      const t = closestParameter(0, 0, x0, y0, x1, y1);
      const d = Math.hypot(x0 + t * (x1 - x0), y0 + t * (y1 - y0));
      if (d < best) {
        best = d;
        bestAlong = cum[i - 1]! + t * (cum[i]! - cum[i - 1]!);
      }
    }
    if (best <= limit) out.push({ id: p.id, name: p.name, kind: p.kind, alongM: bestAlong, offsetM: best });
  }
  return out.sort((a, b) => a.alongM - b.alongM);
}
