import { EdgeSnapper } from '../graph/edge-snapper.js';
import type { RoadGraph } from '../graph/road-graph.js';
import type { CheckContext } from './check-context.js';
import type { Scenario } from './model.js';
import type { DocPath } from './source-map.js';

/** A place farther than this from every road is probably a wrong coordinate (metres). */
export const MAX_SNAP_DISTANCE_M = 300;

/**
 * Checks that need the road graph: every place lies near a road (snap distance ≤ 300 m), and each
 * movement's destination (and via points) can be reached from its origin. Import keeps only the largest
 * strongly connected component, so a snapped place is normally reachable; the check still runs because
 * a user's own graph (or a future closure overlay) need not be strongly connected.
 */
export function checkOnGraph(scenario: Scenario, graph: RoadGraph, ctx: CheckContext, firstUse: ReadonlyMap<string, DocPath>): void {
  // Scale-test graphs in planar coordinates cannot hold lon/lat places: nothing to compare.
  if (!graph.isLonLat) return;
  if (graph.edgeCount === 0) {
    ctx.add(['graph'], 'the road graph is empty: no place can be checked');
    return;
  }
  const snapper = EdgeSnapper.for(graph);
  /** Per place id: a node on its snapped road (the head of the snapped edge), or -1 when off the graph. */
  const nodeOf = new Map<string, number>();
  for (const place of Object.values(scenario.places)) {
    const snap = snapper.nearest(place.lon, place.lat);
    const where = firstUse.get(place.id) ?? ['places', place.id];
    if (!snap) {
      nodeOf.set(place.id, -1);
      ctx.add(where, `place '${place.id}' could not be snapped to the road graph`);
    } else if (snap.distanceM > MAX_SNAP_DISTANCE_M) {
      nodeOf.set(place.id, -1);
      ctx.add(where, `place '${place.id}' (${place.lon}, ${place.lat}) is ${fmtM(snap.distanceM)} from the nearest road (more than ${MAX_SNAP_DISTANCE_M} m): check its coordinates`);
    } else {
      nodeOf.set(place.id, graph.head[snap.edge]!);
    }
  }
  const seen = new Uint8Array(graph.nodeCount);
  const queue = new Uint32Array(graph.nodeCount);
  for (const m of scenario.movements) {
    const stops = [m.from, ...m.via, m.to];
    for (let i = 1; i < stops.length; i++) {
      const a = nodeOf.get(stops[i - 1]!) ?? -1;
      const b = nodeOf.get(stops[i]!) ?? -1;
      if (a < 0 || b < 0) continue;
      if (!reaches(graph, a, b, seen, queue)) {
        ctx.add(['movements', m.id, i === stops.length - 1 ? 'to' : 'via'], `'${stops[i]}' cannot be reached from '${stops[i - 1]}' on the road graph`);
      }
    }
  }
}

/** Breadth-first search over out-edges from `a`; true when `b` is reached. */
function reaches(graph: RoadGraph, a: number, b: number, seen: Uint8Array, queue: Uint32Array): boolean {
  if (a === b) return true;
  seen.fill(0);
  let qh = 0;
  let qt = 0;
  queue[qt++] = a;
  seen[a] = 1;
  while (qh < qt) {
    const u = queue[qh++]!;
    for (let e = graph.firstOut[u]!; e < graph.firstOut[u + 1]!; e++) {
      const v = graph.head[e]!;
      if (seen[v]) continue;
      if (v === b) return true;
      seen[v] = 1;
      queue[qt++] = v;
    }
  }
  return false;
}

function fmtM(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`;
}
