import type { Seed } from './endpoints.js';
import type { SearchState } from './search-state.js';
import { unpackArc, type CchMetric } from './cch.js';

/**
 * Exact point-to-point query on a customized CCH: forward search over arcs upward with their up costs,
 * backward search over arcs upward with their down costs (the cost of driving them downward), both only
 * climbing in rank; stop when both tops are ≥ μ. Parents are arc ids (the arc id equals its slot in the
 * upward adjacency) or the seeds' codes (search-state.ts).
 */
export function searchCch(metric: CchMetric, fwd: SearchState, bwd: SearchState, departures: readonly Seed[], arrivals: readonly Seed[], bound: number): { cost: number; meet: number; settled: number } {
  fwd.reset();
  bwd.reset();
  for (let i = 0; i < departures.length; i++) fwd.seed(departures[i]!.node, departures[i]!.cost, departures[i]!.parentCode, i, 0);
  for (let i = 0; i < arrivals.length; i++) bwd.seed(arrivals[i]!.node, arrivals[i]!.cost, arrivals[i]!.parentCode, i, 0);
  const { upFirst, upHead } = metric.topology;
  let mu = bound;
  let meet = -1;
  let settled = 0;
  for (;;) {
    const tf = fwd.heap.topKey();
    const tb = bwd.heap.topKey();
    if (Math.min(tf, tb) >= mu) break;
    const forward = tf <= tb;
    const st = forward ? fwd : bwd;
    const other = forward ? bwd : fwd;
    const wt = forward ? metric.up : metric.down;
    const heap = st.heap;
    const u = heap.pop();
    settled++;
    const du = st.dist[u]!;
    if (other.stamp[u] === other.epoch) {
      const c = du + other.dist[u]!;
      if (c < mu) {
        mu = c;
        meet = u;
      }
    }
    const epoch = st.epoch;
    const stamp = st.stamp;
    const dist = st.dist;
    const parent = st.parent;
    const pos = heap.pos;
    const end = upFirst[u + 1]!;
    for (let i = upFirst[u]!; i < end; i++) {
      const nd = du + wt[i]!;
      if (nd === Infinity) continue;
      const v = upHead[i]!;
      if (stamp[v] !== epoch) {
        stamp[v] = epoch;
        dist[v] = nd;
        parent[v] = i;
        heap.push(v, nd);
      } else if (nd < dist[v]! && pos[v]! >= 0) {
        dist[v] = nd;
        parent[v] = i;
        heap.decrease(v, nd);
      }
    }
  }
  return { cost: mu, meet, settled };
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
