import type { RoadGraph } from '../graph/index.js';
import { fractionOn } from './endpoints.js';
import type { SearchState } from './search-state.js';
import { isNodeEndpoint, type RouteEndpoint, type RouteFound } from './types.js';

/**
 * Build a RouteFound from search trees. The forward part is read from `fwd.parent` back from `meet` to a
 * seed; the backward part either from `bwd.parent` forward from `meet` (bidirectional search) or from the
 * arrival seed's parent code (unidirectional). Parent codes: ≥ 0 edge, -1 node seed, -2 - e partial edge e.
 */
export function assembleRoute(
  graph: RoadGraph,
  fwd: SearchState,
  meet: number,
  bwd: SearchState | null,
  arrivalCode: number,
  from: RouteEndpoint,
  to: RouteEndpoint,
  costS: number,
  timeWeight: Float64Array,
  settled: number,
): RouteFound {
  const tail = graph.tail;
  const head = graph.head;
  const edges: number[] = [];
  const nodes: number[] = [];
  let v = meet;
  for (;;) {
    const e = fwd.parent[v]!;
    nodes.push(v);
    if (e < 0) {
      if (e <= -2) edges.push(-2 - e);
      break;
    }
    edges.push(e);
    v = tail[e]!;
  }
  edges.reverse();
  nodes.reverse();
  let lastCode = arrivalCode;
  if (bwd) {
    v = meet;
    for (;;) {
      const e = bwd.parent[v]!;
      if (e < 0) {
        lastCode = e;
        break;
      }
      edges.push(e);
      v = head[e]!;
      nodes.push(v);
    }
  }
  if (lastCode <= -2) edges.push(-2 - lastCode);
  if (edges.length === 0) {
    return { found: true, edges, nodes, timeS: 0, lengthM: 0, costS, fromPosition: null, toPosition: null, settled };
  }
  const first = edges[0]!;
  const last = edges[edges.length - 1]!;
  const fromFraction = isNodeEndpoint(from) ? 0 : fractionOn(graph, from, first);
  const toFraction = isNodeEndpoint(to) ? 1 : fractionOn(graph, to, last);
  return finishRoute(graph, edges, nodes, fromFraction, toFraction, costS, timeWeight, settled);
}

/** Fill in time and length of an edge sequence whose first and last edges may be driven in part. */
export function finishRoute(graph: RoadGraph, edges: number[], nodes: number[], fromFraction: number, toFraction: number, costS: number, timeWeight: Float64Array, settled: number): RouteFound {
  const m = pathMeasure(edges, fromFraction, toFraction, timeWeight);
  const len = pathMeasure(edges, fromFraction, toFraction, graph.lengthM);
  return {
    found: true,
    edges,
    nodes,
    timeS: m,
    lengthM: len,
    costS,
    fromPosition: { edge: edges[0]!, fraction: fromFraction },
    toPosition: { edge: edges[edges.length - 1]!, fraction: toFraction },
    settled,
  };
}

/** Σ share × value[e] along a route: first edge from fromFraction, last edge up to toFraction. */
export function pathMeasure(edges: readonly number[], fromFraction: number, toFraction: number, value: Float64Array): number {
  let sum = 0;
  const n = edges.length;
  for (let i = 0; i < n; i++) {
    const start = i === 0 ? fromFraction : 0;
    const end = i === n - 1 ? toFraction : 1;
    const share = end - start;
    if (share > 0) sum += share * value[edges[i]!]!;
  }
  return sum;
}

/**
 * A RouteFound from a complete edge list (first/last edges possibly partial, as the endpoints say), for
 * searches that do not keep per-node parents over original edges (contraction hierarchies).
 */
export function routeFromEdges(graph: RoadGraph, edges: number[], from: RouteEndpoint, to: RouteEndpoint, costS: number, timeWeight: Float64Array, settled: number): RouteFound {
  if (edges.length === 0) {
    const node = isNodeEndpoint(from) ? from.node : graph.tail[from.edge]!;
    return { found: true, edges, nodes: [node], timeS: 0, lengthM: 0, costS, fromPosition: null, toPosition: null, settled };
  }
  const nodes: number[] = [];
  if (isNodeEndpoint(from)) nodes.push(from.node);
  for (let i = 0; i + 1 < edges.length; i++) nodes.push(graph.head[edges[i]!]!);
  if (isNodeEndpoint(to)) nodes.push(to.node);
  const fromFraction = isNodeEndpoint(from) ? 0 : fractionOn(graph, from, edges[0]!);
  const toFraction = isNodeEndpoint(to) ? 1 : fractionOn(graph, to, edges[edges.length - 1]!);
  return finishRoute(graph, edges, nodes, fromFraction, toFraction, costS, timeWeight, settled);
}
