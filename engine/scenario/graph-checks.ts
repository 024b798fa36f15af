import { EdgeSnapper } from '../graph/edge-snapper.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { formatSnapM, SNAP_LIMIT_M, snapPlace } from '../route/policy.js';
import type { CheckContext } from './check-context.js';
import type { Scenario } from './model.js';
import type { DocPath } from './source-map.js';

/**
 * Checks that need the road graph, under the same routing policy as `motorcade route` and the run
 * (engine/route/policy.ts): every place given by coordinates lies within the policy's snap limit of a
 * road (a gazetteer landmark at its own position snaps at any distance, as everywhere), and each
 * movement's destination (and via points) can be reached from its origin (a breadth-first search over
 * the edges: no search state to allocate, as validation runs once per sweep variant). Import keeps only
 * the largest strongly connected component, so a snapped place is normally reachable; the check still
 * runs because a user's own graph need not be strongly connected.
 */
export function checkOnGraph(scenario: Scenario, graph: RoadGraph, ctx: CheckContext, firstUse: ReadonlyMap<string, DocPath>): void {
  // Scale-test graphs in planar coordinates cannot hold lon/lat places: nothing to compare.
  if (!graph.isLonLat) return;
  if (graph.edgeCount === 0) {
    ctx.add(['graph'], 'the road graph is empty: no place can be checked');
    return;
  }
  const snapper = EdgeSnapper.for(graph);
  /** Per place id: a node on its snapped road (the head of the snapped edge), or -1 when refused. */
  const nodeOf = new Map<string, number>();
  for (const place of Object.values(scenario.places)) {
    const snap = snapPlace(snapper, place.lon, place.lat, place.gazetteerPosition === true);
    const where = firstUse.get(place.id) ?? ['places', place.id];
    if (snap) {
      nodeOf.set(place.id, graph.head[snap.edge]!);
      continue;
    }
    nodeOf.set(place.id, -1);
    const nearest = snapper.nearest(place.lon, place.lat);
    if (!nearest) ctx.add(where, `place '${place.id}' could not be snapped to the road graph`);
    else ctx.add(where, `place '${place.id}' (${place.lon}, ${place.lat}) is ${formatSnapM(nearest.distanceM)} from the nearest road (more than the ${SNAP_LIMIT_M} m snap limit): check its coordinates`);
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
