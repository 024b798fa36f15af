import type { Seed } from './endpoints.js';
import type { SearchState } from './search-state.js';

/**
 * One side of a hierarchy search: a CSR adjacency whose slots first[u] .. first[u+1]-1 lead from u to
 * higher-ranked nodes head[slot] at cost weight[slot] (Infinity = closed). Contraction hierarchies use
 * their upward edges forward and downward edges backward; the CCH uses its upward arcs both ways, with the
 * up costs forward and the down costs backward.
 */
export interface UpwardAdjacency {
  readonly first: Uint32Array;
  readonly head: Uint32Array;
  readonly weight: Float64Array;
}

/**
 * Exact bidirectional query on a hierarchy (CH or CCH): a forward search from the departure seeds over
 * `up` and a backward search from the arrival seeds over `down`, both only climbing in rank, alternating
 * by the smaller top key and stopping when both tops are ≥ μ, the best forward + backward label over nodes
 * reached by both (or `bound`, a cost already achievable along one edge). Parents are adjacency slots of
 * the node's own side (≥ 0) or the seeds' codes (search-state.ts); callers map slots to their edge ids
 * when unpacking, so the hot loop writes the slot it already holds.
 */
export function searchUpward(up: UpwardAdjacency, down: UpwardAdjacency, fwd: SearchState, bwd: SearchState, departures: readonly Seed[], arrivals: readonly Seed[], bound: number): { cost: number; meet: number; settled: number } {
  fwd.reset();
  bwd.reset();
  for (let i = 0; i < departures.length; i++) fwd.seed(departures[i]!.node, departures[i]!.cost, departures[i]!.parentCode, i, 0);
  for (let i = 0; i < arrivals.length; i++) bwd.seed(arrivals[i]!.node, arrivals[i]!.cost, arrivals[i]!.parentCode, i, 0);
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
    const adj = forward ? up : down;
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
    const head = adj.head;
    const wt = adj.weight;
    const end = adj.first[u + 1]!;
    for (let i = adj.first[u]!; i < end; i++) {
      const nd = du + wt[i]!;
      if (nd === Infinity) continue;
      const v = head[i]!;
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
