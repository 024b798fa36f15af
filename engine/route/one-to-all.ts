import type { RoadGraph } from '../graph/index.js';
import type { SearchState } from './search-state.js';
import type { Seed } from './endpoints.js';

/** A seed of a multi-source search: where, at what starting cost (offset included), and which source. */
export interface SourceSeed extends Seed {
  source: number;
}

/**
 * Multi-source Dijkstra over the whole graph, forward over outgoing edges or reverse over incoming edges
 * ("time from every node to the nearest source"), settling nodes in cost order until the heap is empty or
 * the smallest label exceeds `cutoff`. Each settled node's label is written to `out` (which the caller
 * filled with Infinity) and, when `sourceOut` is given, the index of its source; st.settledCount says how
 * many were settled. No parent edges are kept (nothing reads them; one write less per relaxation).
 * Forward and reverse are separate loops so each reads its adjacency without a branch per edge.
 */
export function searchAll(graph: RoadGraph, weight: Float64Array, st: SearchState, seeds: readonly SourceSeed[], reverse: boolean, cutoff: number, out: Float64Array, sourceOut?: Int32Array): void {
  st.reset();
  for (const s of seeds) st.seed(s.node, s.cost, s.parentCode, s.source, 0);
  if (reverse) searchReverse(graph, weight, st, cutoff, out, sourceOut);
  else searchForward(graph, weight, st, cutoff, out, sourceOut);
}

function searchForward(graph: RoadGraph, weight: Float64Array, st: SearchState, cutoff: number, out: Float64Array, sourceOut: Int32Array | undefined): void {
  const epoch = st.epoch;
  const stamp = st.stamp;
  const dist = st.dist;
  const origin = st.origin;
  const heap = st.heap;
  const pos = heap.pos;
  const firstOut = graph.firstOut;
  const head = graph.head;
  const track = sourceOut !== undefined;
  let count = 0;
  while (heap.size > 0) {
    if (heap.topKey() > cutoff) break;
    const u = heap.pop();
    count++;
    const du = dist[u]!;
    out[u] = du;
    const ou = origin[u]!;
    if (track) sourceOut[u] = ou;
    const end = firstOut[u + 1]!;
    for (let e = firstOut[u]!; e < end; e++) {
      const nd = du + weight[e]!;
      const v = head[e]!;
      if (stamp[v] !== epoch) {
        if (nd === Infinity) continue;
        stamp[v] = epoch;
        dist[v] = nd;
        if (track) origin[v] = ou;
        heap.push(v, nd);
      } else if (nd < dist[v]! && pos[v]! >= 0) {
        dist[v] = nd;
        if (track) origin[v] = ou;
        heap.decrease(v, nd);
      }
    }
  }
  st.settledCount = count;
}

function searchReverse(graph: RoadGraph, weight: Float64Array, st: SearchState, cutoff: number, out: Float64Array, sourceOut: Int32Array | undefined): void {
  const epoch = st.epoch;
  const stamp = st.stamp;
  const dist = st.dist;
  const origin = st.origin;
  const heap = st.heap;
  const pos = heap.pos;
  const firstIn = graph.firstIn;
  const inEdge = graph.inEdge;
  const tail = graph.tail;
  const track = sourceOut !== undefined;
  let count = 0;
  while (heap.size > 0) {
    if (heap.topKey() > cutoff) break;
    const u = heap.pop();
    count++;
    const du = dist[u]!;
    out[u] = du;
    const ou = origin[u]!;
    if (track) sourceOut[u] = ou;
    const end = firstIn[u + 1]!;
    for (let i = firstIn[u]!; i < end; i++) {
      const e = inEdge[i]!;
      const nd = du + weight[e]!;
      const v = tail[e]!;
      if (stamp[v] !== epoch) {
        if (nd === Infinity) continue;
        stamp[v] = epoch;
        dist[v] = nd;
        if (track) origin[v] = ou;
        heap.push(v, nd);
      } else if (nd < dist[v]! && pos[v]! >= 0) {
        dist[v] = nd;
        if (track) origin[v] = ou;
        heap.decrease(v, nd);
      }
    }
  }
  st.settledCount = count;
}
