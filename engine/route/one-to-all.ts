import type { RoadGraph } from '../graph/index.js';
import type { SearchState } from './search-state.js';
import type { Seed } from './endpoints.js';

/** A seed of a multi-source search: where, at what starting cost (offset included), and which source. */
export interface SourceSeed extends Seed {
  source: number;
}

/**
 * Multi-source Dijkstra over the whole graph (forward over outgoing edges, or reverse over incoming edges:
 * "time from every node to the nearest source"), settling nodes in cost order until the heap is empty or
 * the smallest label exceeds `cutoff`. Labels stay in `st` (dist, parent, origin = source index) and the
 * settled nodes are listed in st.settledOrder[0 .. st.settledCount).
 */
export function searchAll(graph: RoadGraph, weight: Float64Array, st: SearchState, seeds: readonly SourceSeed[], reverse: boolean, cutoff: number): void {
  st.reset();
  for (const s of seeds) st.seed(s.node, s.cost, s.parentCode, s.source, 0);
  const epoch = st.epoch;
  const stamp = st.stamp;
  const dist = st.dist;
  const parent = st.parent;
  const origin = st.origin;
  const heap = st.heap;
  const pos = heap.pos;
  const order = st.settledOrder;
  const first = reverse ? graph.firstIn : graph.firstOut;
  const other = reverse ? graph.tail : graph.head;
  const inEdge = graph.inEdge;
  let count = 0;
  while (heap.size > 0) {
    if (heap.topKey() > cutoff) break;
    const u = heap.pop();
    order[count++] = u;
    const du = dist[u]!;
    const ou = origin[u]!;
    const end = first[u + 1]!;
    for (let i = first[u]!; i < end; i++) {
      const e = reverse ? inEdge[i]! : i;
      const nd = du + weight[e]!;
      const v = other[e]!;
      if (stamp[v] !== epoch) {
        if (nd === Infinity) continue;
        stamp[v] = epoch;
        dist[v] = nd;
        parent[v] = e;
        origin[v] = ou;
        heap.push(v, nd);
      } else if (nd < dist[v]! && pos[v]! >= 0) {
        dist[v] = nd;
        parent[v] = e;
        origin[v] = ou;
        heap.decrease(v, nd);
      }
    }
  }
  st.settledCount = count;
}
