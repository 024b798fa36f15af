import type { RoadGraph } from '../graph/index.js';
import type { Seed } from './endpoints.js';
import type { LazyMinHeap } from './lazy-heap.js';

/** A seed of a multi-source search: where, at what starting cost (offset included), and which source. */
export interface SourceSeed extends Seed {
  source: number;
}

/**
 * Multi-source Dijkstra over the whole graph, forward over outgoing edges or reverse over incoming edges
 * ("time from every node to the nearest source"), settling nodes in cost order until the heap is empty or
 * the smallest key exceeds `cutoff`. Returns how many nodes were settled.
 *
 * Hot path, no allocation per step (the heap grows by doubling only): the labels live in `out` itself
 * (which the caller filled with Infinity; no stamps, no second label array), the heap is lazy
 * (lazy-heap.ts: an improved node is pushed again, stale entries are skipped when popped), and when
 * `sourceOut` is given (filled with -1) it carries each node's source along with its label. Labels still
 * tentative when the cutoff stops the search are reset to Infinity / -1 at the end. Forward and reverse
 * are separate loops so each reads its adjacency without a branch per edge.
 */
export function searchAll(graph: RoadGraph, weight: Float64Array, heap: LazyMinHeap, seeds: readonly SourceSeed[], reverse: boolean, cutoff: number, out: Float64Array, sourceOut?: Int32Array): number {
  heap.clear();
  heap.ensure(seeds.length);
  for (const s of seeds) {
    // Strictly smaller: on equal cost the first seed offered keeps the node.
    if (!(s.cost < out[s.node]!)) continue;
    out[s.node] = s.cost;
    if (sourceOut) sourceOut[s.node] = s.source;
    heap.push(s.cost, s.node);
  }
  const count = reverse ? searchReverse(graph, weight, heap, cutoff, out, sourceOut) : searchForward(graph, weight, heap, cutoff, out, sourceOut);
  // Entries left in the heap hold the tentative labels beyond the cutoff (a settled node has no entry
  // equal to its label left: it was popped).
  const d = heap.data;
  for (let i = 0; i < heap.size; i++) {
    const v = d[2 * i + 1]!;
    if (d[2 * i] === out[v]) {
      out[v] = Infinity;
      if (sourceOut) sourceOut[v] = -1;
    }
  }
  return count;
}

function searchForward(graph: RoadGraph, weight: Float64Array, heap: LazyMinHeap, cutoff: number, out: Float64Array, sourceOut: Int32Array | undefined): number {
  const firstOut = graph.firstOut;
  const head = graph.head;
  const track = sourceOut !== undefined;
  let count = 0;
  while (heap.size > 0) {
    const du = heap.data[0]!;
    if (du > cutoff) break;
    const u = heap.data[1]!;
    heap.pop();
    if (du > out[u]!) continue;
    count++;
    const start = firstOut[u]!;
    const end = firstOut[u + 1]!;
    heap.ensure(end - start);
    const ou = track ? sourceOut[u]! : -1;
    for (let e = start; e < end; e++) {
      const nd = du + weight[e]!;
      const v = head[e]!;
      if (nd < out[v]!) {
        out[v] = nd;
        if (track) sourceOut[v] = ou;
        heap.push(nd, v);
      }
    }
  }
  return count;
}

function searchReverse(graph: RoadGraph, weight: Float64Array, heap: LazyMinHeap, cutoff: number, out: Float64Array, sourceOut: Int32Array | undefined): number {
  const firstIn = graph.firstIn;
  const inEdge = graph.inEdge;
  const tail = graph.tail;
  const track = sourceOut !== undefined;
  let count = 0;
  while (heap.size > 0) {
    const du = heap.data[0]!;
    if (du > cutoff) break;
    const u = heap.data[1]!;
    heap.pop();
    if (du > out[u]!) continue;
    count++;
    const start = firstIn[u]!;
    const end = firstIn[u + 1]!;
    heap.ensure(end - start);
    const ou = track ? sourceOut[u]! : -1;
    for (let i = start; i < end; i++) {
      const e = inEdge[i]!;
      const nd = du + weight[e]!;
      const v = tail[e]!;
      if (nd < out[v]!) {
        out[v] = nd;
        if (track) sourceOut[v] = ou;
        heap.push(nd, v);
      }
    }
  }
  return count;
}
