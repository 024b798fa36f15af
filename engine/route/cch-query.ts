import type { Seed } from './endpoints.js';
import type { SearchState } from './search-state.js';
import { unpackArc, type CchMetric } from './cch.js';
import { searchUpward } from './upward-search.js';

/**
 * Exact point-to-point query on a customized CCH (upward-search.ts): forward over the upward arcs with
 * their up costs, backward over the same arcs with their down costs (the cost of driving them downward).
 * Parents are arc ids (an arc's id is its slot in the upward adjacency) or the seeds' codes.
 */
export function searchCch(metric: CchMetric, fwd: SearchState, bwd: SearchState, departures: readonly Seed[], arrivals: readonly Seed[], bound: number): { cost: number; meet: number; settled: number } {
  const { upFirst, upHead } = metric.topology;
  return searchUpward({ first: upFirst, head: upHead, weight: metric.up }, { first: upFirst, head: upHead, weight: metric.down }, fwd, bwd, departures, arrivals, bound);
}

/** Original edges of the CCH path through `meet`, partial first/last edges from the seed codes included. */
export function unpackCchPath(metric: CchMetric, fwd: SearchState, bwd: SearchState, meet: number): number[] {
  const { arcLow, arcHigh } = metric.topology;
  const upArcs: number[] = [];
  let v = meet;
  let firstCode = -1;
  for (;;) {
    const a = fwd.parent[v]!;
    if (a < 0) {
      firstCode = a;
      break;
    }
    upArcs.push(a);
    v = arcLow[a]!;
  }
  const edges: number[] = [];
  if (firstCode <= -2) edges.push(-2 - firstCode);
  for (let i = upArcs.length - 1; i >= 0; i--) unpackArc(metric, upArcs[i]!, true, edges);
  v = meet;
  let lastCode = -1;
  for (;;) {
    const a = bwd.parent[v]!;
    if (a < 0) {
      lastCode = a;
      break;
    }
    unpackArc(metric, a, false, edges);
    v = arcLow[a]!;
  }
  void arcHigh;
  if (lastCode <= -2) edges.push(-2 - lastCode);
  return edges;
}
