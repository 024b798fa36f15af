import type { CompiledOverlay } from './overlay.js';
import type { Router } from './router.js';
import type { RouteAlgorithm, RouteEndpoint, RouteFound, RouteNotFound } from './types.js';

/** A route through intermediate points: the legs as searched, and the one drive they make together. */
export interface ViaRoute {
  found: true;
  legs: RouteFound[];
  /**
   * The legs joined: edges in order, where a leg ends part-way along an edge and the next leg continues
   * along that same edge the edge is listed once (the convoy drives through the via point). Time, length
   * and cost are the sums of the legs; `nodes` are the legs' junctions in order.
   */
  route: RouteFound;
}

/** No route through the points: `reason` names the leg; `leg` (1-based) and `legReason` say it apart. */
export interface ViaNotFound extends RouteNotFound {
  leg: number;
  legReason: string;
}

/**
 * Fastest route through `points` in order (at least two): one fastest search per leg with the same
 * overlay and algorithm, legs joined. The first leg that cannot be driven makes the whole route a
 * RouteNotFound naming that leg. The one via of `motorcade route --via`, `motorcade serve` and the run's
 * via options.
 */
export function fastestVia(router: Router, points: readonly RouteEndpoint[], opts: { overlay?: CompiledOverlay; algorithm?: RouteAlgorithm } = {}): ViaRoute | ViaNotFound {
  if (points.length < 2) return { found: false, reason: 'a route through places needs at least two points', leg: 0, legReason: 'fewer than two points' };
  const legs: RouteFound[] = [];
  for (let i = 1; i < points.length; i++) {
    const leg = router.fastest(points[i - 1]!, points[i]!, opts);
    if (!leg.found) return { found: false, reason: points.length > 2 ? `leg ${i}: ${leg.reason}` : leg.reason, leg: i, legReason: leg.reason };
    legs.push(leg);
  }
  const edges: number[] = [];
  const nodes: number[] = [];
  let timeS = 0;
  let lengthM = 0;
  let costS = 0;
  let settled = 0;
  for (const leg of legs) {
    for (const e of leg.edges) if (edges[edges.length - 1] !== e) edges.push(e);
    for (const n of leg.nodes) if (nodes[nodes.length - 1] !== n) nodes.push(n);
    timeS += leg.timeS;
    lengthM += leg.lengthM;
    costS += leg.costS;
    settled += leg.settled;
  }
  const first = legs[0]!;
  const last = legs[legs.length - 1]!;
  return { found: true, legs, route: { found: true, edges, nodes, timeS, lengthM, costS, fromPosition: first.fromPosition, toPosition: last.toPosition, settled } };
}
