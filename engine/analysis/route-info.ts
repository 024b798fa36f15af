import type { RouteInfo } from '../model/run-result.js';
import { round2, round7 } from '../rounding.js';
import { routeCoordinates } from '../route/route-geometry.js';
import type { PreparedRun } from '../sim/prepared-run.js';

/** The planned route of an option with a route, as the result describes it (RouteInfo). */
export function routeInfo(ctx: PreparedRun, mi: number, oi: number): RouteInfo {
  const g = ctx.graph;
  const track = ctx.movements[mi]!.tracks[oi]!;
  // Partial first and last edges are cut at the snapped start and end points.
  const coords = routeCoordinates(g, Array.from(track.edge), track.fromFraction, track.toFraction).map(([x, y]) => [round7(x), round7(y)] as [number, number]);
  const roads: string[] = [];
  let bridges = 0;
  let onBridge = false;
  for (let i = 0; i < track.n; i++) {
    const e = track.edge[i]!;
    const name = g.nameOf(e);
    if (name && roads[roads.length - 1] !== name) roads.push(name);
    const b = ctx.bridgeEdge[e] === 1;
    if (b && !onBridge) bridges++;
    onBridge = b;
  }
  return { edges: Array.from(track.edge), coordinates: coords, lengthM: round2(track.totalM), freeFlowTimeS: round2(track.freeFlowTimeS), roads, bridges };
}

/** RouteInfo of an option without a route. */
export function noRouteInfo(): RouteInfo {
  return { edges: [], coordinates: [], lengthM: 0, freeFlowTimeS: 0, roads: [], bridges: 0 };
}
