import type { RoadGraph } from '../engine/graph/road-graph.js';
import { Router } from '../engine/route/router.js';

/**
 * Service areas for the map: the roads a responder can reach within its travel budget (target minus
 * turnout), at free-flow speed, from the graph node nearest to its post. Drawn as the reachable road
 * lines themselves (an honest "area" on a network, no hull that would cover rivers). The travel times
 * come from the routing core's multi-source search (Router.oneToAll with offsets and a cut-off).
 */

/** Index of the graph node nearest to (lon, lat), by equirectangular distance. Linear scan, O(n). */
export function nearestNode(graph: RoadGraph, lon: number, lat: number): number {
  const k = Math.cos((lat * Math.PI) / 180);
  let best = -1;
  let bestD = Infinity;
  for (let v = 0; v < graph.nodeCount; v++) {
    const dx = (graph.lon(v) - lon) * k;
    const dy = graph.lat(v) - lat;
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = v;
    }
  }
  return best;
}

/** A responder post: where units start and their turnout delay (seconds before they roll). */
export interface Post {
  lon: number;
  lat: number;
  turnoutS: number;
}

/**
 * Edges fully reachable within targetS (turnout included) from any of the posts, each road once (the
 * lower id of a twin pair). No posts or a target ≤ 0 give an empty area. Pass a Router to reuse its
 * search state across calls.
 */
export function serviceAreaEdges(graph: RoadGraph, posts: readonly Post[], targetS: number, router: Router = new Router(graph)): number[] {
  if (posts.length === 0 || !(targetS > 0)) return [];
  const budgetS = targetS;
  // A post starts at its turnout delay, so the budget is the full target time; beyond it times are Infinity.
  const sources = posts.map((p) => ({ endpoint: { node: nearestNode(graph, p.lon, p.lat) }, offsetS: p.turnoutS }));
  const dist = router.oneToAll(sources, { cutoffS: budgetS });
  const edges: number[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    const t = graph.twin[e]!;
    if (t >= 0 && t < e) continue;
    const a = dist[graph.tail[e]!]!;
    const b = dist[graph.head[e]!]!;
    // An edge is inside when it can be driven end to end within the budget from either side.
    if (Math.min(a, b) + graph.timeS[e]! > budgetS) continue;
    edges.push(e);
  }
  return edges;
}
