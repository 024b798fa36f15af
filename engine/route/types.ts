/**
 * Public value types of the routing core. Costs are seconds (free-flow travel time, possibly scaled by an
 * overlay's speed factors and penalty multipliers); lengths are metres (planar units on PLANAR graphs).
 */

import type { EdgePosition } from '../graph/edge-position.js';

/**
 * A point part-way along a directed edge (engine/graph/edge-position.ts): `fraction` 0 is the tail node,
 * 1 the head; the same point is (twin, 1 - fraction) on the twin. EdgeSnapper results pass straight in.
 */
export type { EdgePosition };

/** Where a route starts or ends: a graph node, or a snapped position part-way along an edge. */
export type RouteEndpoint = { node: number } | EdgePosition;

/**
 * 'ch' uses a contraction hierarchy of the query's cost array, built on first use (seconds on 400k nodes)
 * and kept by the Router; worth it only when one cost array serves many queries. 'cch' uses the
 * customizable hierarchy: its topology is built once per graph, then each cost array (each overlay) is
 * customized in a linear pass, so overlays keep hierarchy-speed queries.
 */
export type RouteAlgorithm = 'dijkstra' | 'astar' | 'bidirectional' | 'ch' | 'cch';

export interface RouteFound {
  found: true;
  /**
   * Directed edges driven, in order. The first and the last may be driven only in part (see fromPosition
   * and toPosition); a route inside one edge has a single edge and no nodes.
   */
  edges: number[];
  /** Junction nodes passed, in order (between consecutive edges). A route from a node to itself is [node]. */
  nodes: number[];
  /** Travel time in seconds (speed factors of the overlay applied, penalties not). */
  timeS: number;
  lengthM: number;
  /** The optimised cost: time with the overlay's penalty multipliers (equals timeS without penalties). */
  costS: number;
  /** Where the route starts on its first edge, or null for an empty route. */
  fromPosition: EdgePosition | null;
  /** Where the route ends on its last edge, or null for an empty route. */
  toPosition: EdgePosition | null;
  /** Nodes settled by the search (work done), for diagnostics and benchmarks. */
  settled: number;
}

export interface RouteNotFound {
  found: false;
  /** Why: unreachable target, endpoint on a closed edge, delay budget, … */
  reason: string;
}

/** "No route" is a value, never an exception. */
export type RouteResult = RouteFound | RouteNotFound;

export function isNodeEndpoint(e: RouteEndpoint): e is { node: number } {
  return (e as { node?: unknown }).node !== undefined;
}
