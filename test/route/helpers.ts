import seedrandom from 'seedrandom';
import type { RoadGraph } from '../../engine/graph/index.js';
import { referenceDijkstra } from '../../engine/route/reference-dijkstra.js';
import type { RouteEndpoint, RouteFound } from '../../engine/route/index.js';

/** Random endpoint: half nodes, half positions part-way along random edges. */
export function randomEndpoint(graph: RoadGraph, rng: seedrandom.PRNG): RouteEndpoint {
  if (rng() < 0.5) return { node: Math.floor(rng() * graph.nodeCount) };
  return { edge: Math.floor(rng() * graph.edgeCount), fraction: rng() };
}

/**
 * Reference cost between endpoints, written independently of engine/route/endpoints.ts: the reference
 * Dijkstra from every way of leaving `from`, then every way of entering `to`, plus a drive along one edge.
 */
export function referenceCost(graph: RoadGraph, w: Float64Array, from: RouteEndpoint, to: RouteEndpoint): number {
  const part = (s: number, x: number): number => (s <= 0 ? 0 : s * x);
  const leave: { node: number; cost: number }[] = [];
  if ('node' in from) leave.push({ node: from.node, cost: 0 });
  else {
    leave.push({ node: graph.head[from.edge]!, cost: part(1 - from.fraction, w[from.edge]!) });
    const t = graph.twin[from.edge]!;
    if (t >= 0) leave.push({ node: graph.tail[from.edge]!, cost: part(from.fraction, w[t]!) });
  }
  const dist = referenceDijkstra(graph, w, leave.filter((l) => l.cost < Infinity));
  let best = Infinity;
  if ('node' in to) best = dist[to.node]!;
  else {
    best = Math.min(best, dist[graph.tail[to.edge]!]! + part(to.fraction, w[to.edge]!));
    const t = graph.twin[to.edge]!;
    if (t >= 0) best = Math.min(best, dist[graph.head[to.edge]!]! + part(1 - to.fraction, w[t]!));
  }
  if (!('node' in from) && !('node' in to)) {
    const onEdge = (e: number, f: number, ep: { edge: number; fraction: number }): number | undefined => {
      if (ep.edge === e) return ep.fraction;
      if (graph.twin[ep.edge] === e) return 1 - ep.fraction;
      return undefined;
    };
    for (const e of [from.edge, graph.twin[from.edge]!]) {
      if (e < 0) continue;
      const fs = onEdge(e, 0, from)!;
      const ft = onEdge(e, 0, to);
      if (ft !== undefined && ft >= fs) best = Math.min(best, part(ft - fs, w[e]!));
    }
  }
  return best;
}

/** The cost of a route recomputed from its edges (partial ends included) and a check that it is connected. */
export function walkRoute(graph: RoadGraph, r: RouteFound, w: Float64Array, from?: RouteEndpoint, to?: RouteEndpoint): number {
  for (let i = 0; i + 1 < r.edges.length; i++) {
    if (graph.head[r.edges[i]!] !== graph.tail[r.edges[i + 1]!]) throw new Error(`route breaks between edges ${r.edges[i]} and ${r.edges[i + 1]}`);
  }
  if (from && to && r.edges.length > 0) {
    // nodes: the start node (node endpoints), every junction between edges, the end node (node endpoints).
    const expected: number[] = [];
    if ('node' in from) expected.push(from.node);
    for (let i = 0; i + 1 < r.edges.length; i++) expected.push(graph.head[r.edges[i]!]!);
    if ('node' in to) expected.push(to.node);
    if (JSON.stringify(expected) !== JSON.stringify(r.nodes)) throw new Error(`nodes ${JSON.stringify(r.nodes)} ≠ expected ${JSON.stringify(expected)}`);
    if ('node' in from && graph.tail[r.edges[0]!] !== from.node) throw new Error('route does not start at the start node');
  }
  let sum = 0;
  const n = r.edges.length;
  for (let i = 0; i < n; i++) {
    const f0 = i === 0 ? (r.fromPosition?.fraction ?? 0) : 0;
    const f1 = i === n - 1 ? (r.toPosition?.fraction ?? 1) : 1;
    if (f1 - f0 > 0) sum += (f1 - f0) * w[r.edges[i]!]!;
  }
  return sum;
}

export function relClose(a: number, b: number, tol = 1e-9): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}
