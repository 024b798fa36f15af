import { METRES_PER_DEGREE } from '../geo/haversine.js';
import { segmentDistanceSquared } from '../geo/segment-projection.js';
import { EdgeFlag } from '../graph/road-class.js';
import type { RoadGraph } from '../graph/road-graph.js';

/**
 * What one closure shuts: a stretch of the route together with the roads that run beside it and carry
 * the same traffic, found from the graph geometry alone (the bundled roads carry no names or refs).
 *
 * - A crossing: when every edge of the stretch is a bridge, every other bridge edge that runs parallel to
 *   it (heading within PARALLEL_MAX_DEG, either direction) with its midpoint within SPAN_MAX_M of the
 *   stretch and beside it (projecting onto it, not beyond its ends): the other spans of a twin bridge
 *   cross the same water side by side. Chroy Changvar's two spans are ~25 m apart, Monivong's ~20 m.
 * - A corridor: otherwise, every non-bridge edge parallel to a stretch edge within CARRIAGEWAY_MAX_M and
 *   beside it: the other carriageway of a dual road (when both edges are one-way, it must run the other
 *   way). The bundled Phnom Penh roads carry no oneway tags, so a boulevard's carriageways are two two-way
 *   lines: on that graph, parallel roads 10–20 m apart are the most common spacing (about 1,300 roads),
 *   a street one block away is 40 m or more, hence 25 m.
 * Both directions of every edge found are closed.
 */
export const PARALLEL_MAX_DEG = 20;
export const SPAN_MAX_M = 60;
export const CARRIAGEWAY_MAX_M = 25;

export interface ClosureUnit {
  /** Route edges of the stretch (driving order). */
  stretch: number[];
  /** Every directed edge closed: the stretch, the parallel roads, and their twins (sorted). */
  closed: number[];
  kind: 'crossing' | 'corridor';
  /** Roads closed side by side: 1 + the parallel spans or carriageways found. */
  spans: number;
}

/** The stretch and the roads beside it (see the rules above). */
export function closureUnit(g: RoadGraph, stretch: readonly number[]): ClosureUnit {
  const closed = new Set<number>();
  const add = (e: number) => {
    closed.add(e);
    if (g.twin[e]! >= 0) closed.add(g.twin[e]!);
  };
  for (const e of stretch) add(e);
  const bridge = stretch.every((e) => g.hasFlag(e, EdgeFlag.BRIDGE));
  const own = new Set(closed);
  const beside = new Set<number>();
  // 0.01° (~1.1 km) of latitude around the stretch: a cheap first cut before the geometry.
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const e of stretch) {
    for (const n of [g.tail[e]!, g.head[e]!]) {
      minLat = Math.min(minLat, g.lat(n));
      maxLat = Math.max(maxLat, g.lat(n));
    }
  }
  for (let p = 0; p < g.edgeCount; p++) {
    if (own.has(p) || closed.has(p)) continue;
    const lat = (g.lat(g.tail[p]!) + g.lat(g.head[p]!)) / 2;
    if (lat < minLat - 0.01 || lat > maxLat + 0.01) continue;
    if (bridge !== g.hasFlag(p, EdgeFlag.BRIDGE)) continue;
    for (const s of stretch) {
      const oneWays = g.twin[p]! < 0 && g.twin[s]! < 0;
      if (runsBeside(g, p, s, bridge ? SPAN_MAX_M : CARRIAGEWAY_MAX_M, !bridge && oneWays ? 'opposite' : 'either')) {
        const road = g.twin[p]! >= 0 ? Math.min(p, g.twin[p]!) : p;
        beside.add(road);
        add(p);
        break;
      }
    }
  }
  return { stretch: [...stretch], closed: [...closed].sort((a, b) => a - b), kind: bridge ? 'crossing' : 'corridor', spans: 1 + countRoads(g, beside) };
}

/** Edge p runs beside edge s: parallel chords, p's midpoint within maxM of s and projecting onto it. */
function runsBeside(g: RoadGraph, p: number, s: number, maxM: number, direction: 'either' | 'opposite'): boolean {
  const [px, py, pdx, pdy] = chord(g, p);
  const [sx, sy, sdx, sdy] = chord(g, s);
  const pl = Math.hypot(pdx, pdy);
  const sl = Math.hypot(sdx, sdy);
  if (pl === 0 || sl === 0) return false;
  const cos = (pdx * sdx + pdy * sdy) / (pl * sl);
  const limit = Math.cos((PARALLEL_MAX_DEG * Math.PI) / 180);
  if (direction === 'opposite' ? cos > -limit : Math.abs(cos) < limit) return false;
  // p's midpoint relative to s's tail, in local metres around s.
  const kx = METRES_PER_DEGREE * Math.cos((sy * Math.PI) / 180);
  const mx = (px + pdx / 2 - sx) * kx;
  const my = (py + pdy / 2 - sy) * METRES_PER_DEGREE;
  const ax = sdx * kx;
  const ay = sdy * METRES_PER_DEGREE;
  const along = (mx * ax + my * ay) / (ax * ax + ay * ay);
  if (along < 0 || along > 1) return false;
  return segmentDistanceSquared(mx, my, 0, 0, ax, ay) <= maxM * maxM;
}

/** Tail lon/lat and the tail→head vector in degrees. */
function chord(g: RoadGraph, e: number): [number, number, number, number] {
  const t = g.tail[e]!;
  const h = g.head[e]!;
  return [g.lon(t), g.lat(t), g.lon(h) - g.lon(t), g.lat(h) - g.lat(t)];
}

/** Distinct roads among edges found beside the stretch: consecutive edges of one span count once. */
function countRoads(g: RoadGraph, roads: Set<number>): number {
  const nodes = new Map<number, number>();
  // Union edges that share an end node: a span split into several edges is one road.
  const list = [...roads];
  const root = list.map((_, i) => i);
  const top = (i: number): number => (root[i] === i ? i : (root[i] = top(root[i]!)));
  list.forEach((e, i) => {
    for (const n of [g.tail[e]!, g.head[e]!]) {
      const j = nodes.get(n);
      if (j === undefined) nodes.set(n, i);
      else root[top(i)] = top(j);
    }
  });
  return new Set(list.map((_, i) => top(i))).size;
}
