import { InputError } from '../errors.js';
import type { RoadGraph } from '../graph/index.js';
import { isNodeEndpoint, type EdgePosition, type RouteEndpoint } from './types.js';

/**
 * How a search enters or leaves the graph at an endpoint. A node endpoint is one seed at cost 0. A
 * position part-way along edge e (fraction f) is reached or left through the two ends of its road:
 *  - leaving: drive the rest of e to head(e) at (1 - f)·w(e), or, if the road is two-way, the twin to
 *    tail(e) at f·w(twin);
 *  - arriving: from tail(e) along e at f·w(e), or from head(e) along the twin at (1 - f)·w(twin).
 * `parentCode` is -1 for a node, -2 - edge for the partly driven edge (search-state.ts).
 */
export interface Seed {
  node: number;
  cost: number;
  parentCode: number;
}

export function checkEndpoint(graph: RoadGraph, ep: RouteEndpoint, what: string): void {
  if (isNodeEndpoint(ep)) {
    if (!Number.isInteger(ep.node) || ep.node < 0 || ep.node >= graph.nodeCount) {
      throw new InputError(`${what}: node ${ep.node} is not in the graph (0..${graph.nodeCount - 1})`);
    }
    return;
  }
  if (!Number.isInteger(ep.edge) || ep.edge < 0 || ep.edge >= graph.edgeCount) {
    throw new InputError(`${what}: edge ${ep.edge} is not in the graph (0..${graph.edgeCount - 1})`);
  }
  if (!(ep.fraction >= 0 && ep.fraction <= 1)) throw new InputError(`${what}: fraction ${ep.fraction} must lie in [0, 1]`);
}

/** Seeds of a search that starts at `ep` (forward direction). */
export function departureSeeds(graph: RoadGraph, weight: Float64Array, ep: RouteEndpoint): Seed[] {
  if (isNodeEndpoint(ep)) return [{ node: ep.node, cost: 0, parentCode: -1 }];
  const { edge, fraction } = ep;
  const seeds: Seed[] = [{ node: graph.head[edge]!, cost: partial(1 - fraction, weight[edge]!), parentCode: -2 - edge }];
  const twin = graph.twin[edge]!;
  if (twin >= 0) seeds.push({ node: graph.tail[edge]!, cost: partial(fraction, weight[twin]!), parentCode: -2 - twin });
  return seeds;
}

/** Seeds of a reverse search that ends at `ep`: the nodes from which `ep` is entered, and the cost from there. */
export function arrivalSeeds(graph: RoadGraph, weight: Float64Array, ep: RouteEndpoint): Seed[] {
  if (isNodeEndpoint(ep)) return [{ node: ep.node, cost: 0, parentCode: -1 }];
  const { edge, fraction } = ep;
  const seeds: Seed[] = [{ node: graph.tail[edge]!, cost: partial(fraction, weight[edge]!), parentCode: -2 - edge }];
  const twin = graph.twin[edge]!;
  if (twin >= 0) seeds.push({ node: graph.head[edge]!, cost: partial(1 - fraction, weight[twin]!), parentCode: -2 - twin });
  return seeds;
}

/** Cost of driving a share of an edge; 0 of a closed edge is still 0 (standing on its end node). */
export function partial(share: number, w: number): number {
  return share <= 0 ? 0 : share * w;
}

/** The position of `ep` on `edge` (which is ep.edge or its twin). */
export function fractionOn(graph: RoadGraph, ep: EdgePosition, edge: number): number {
  return edge === ep.edge ? ep.fraction : 1 - ep.fraction;
}

/**
 * A route that stays on one road: both endpoints on the same edge (or its twin) with the target ahead of
 * the source. Returns the cheapest such direct drive, or undefined.
 */
export function directDrive(graph: RoadGraph, weight: Float64Array, from: RouteEndpoint, to: RouteEndpoint): { edge: number; fromFraction: number; toFraction: number; cost: number } | undefined {
  if (isNodeEndpoint(from) || isNodeEndpoint(to)) return undefined;
  let best: { edge: number; fromFraction: number; toFraction: number; cost: number } | undefined;
  const sTwin = graph.twin[from.edge]!;
  const tTwin = graph.twin[to.edge]!;
  const starts: [number, number][] = [[from.edge, from.fraction]];
  if (sTwin >= 0) starts.push([sTwin, 1 - from.fraction]);
  const ends: [number, number][] = [[to.edge, to.fraction]];
  if (tTwin >= 0) ends.push([tTwin, 1 - to.fraction]);
  for (const [se, sf] of starts) {
    for (const [te, tf] of ends) {
      if (se !== te || tf < sf) continue;
      const cost = partial(tf - sf, weight[se]!);
      if (cost < Infinity && (best === undefined || cost < best.cost)) best = { edge: se, fromFraction: sf, toFraction: tf, cost };
    }
  }
  return best;
}
