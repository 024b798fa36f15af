import type { RoadGraph } from '../graph/index.js';
import type { ContractionHierarchy } from './contraction.js';
import type { Seed } from './endpoints.js';
import type { SearchState } from './search-state.js';

/**
 * Exact point-to-point query on a contraction hierarchy: a forward search from the departure seeds over
 * upward edges and a backward search from the arrival seeds over downward edges (both only climb in rank),
 * alternating by the smaller top key and stopping when both tops are ≥ μ, the best forward + backward
 * label over nodes reached by both. Parents are CH edge ids (≥ 0) or the seeds' codes (search-state.ts).
 */
export function searchHierarchy(ch: ContractionHierarchy, fwd: SearchState, bwd: SearchState, departures: readonly Seed[], arrivals: readonly Seed[], bound: number): { cost: number; meet: number; settled: number } {
  fwd.reset();
  bwd.reset();
  for (let i = 0; i < departures.length; i++) fwd.seed(departures[i]!.node, departures[i]!.cost, departures[i]!.parentCode, i, 0);
  for (let i = 0; i < arrivals.length; i++) bwd.seed(arrivals[i]!.node, arrivals[i]!.cost, arrivals[i]!.parentCode, i, 0);
  let mu = bound;
  let meet = -1;
  let settled = 0;
  const fHeap = fwd.heap;
  const bHeap = bwd.heap;
  for (;;) {
    const tf = fHeap.topKey();
    const tb = bHeap.topKey();
    if (Math.min(tf, tb) >= mu) break;
    const forward = tf <= tb;
    const st = forward ? fwd : bwd;
    const other = forward ? bwd : fwd;
    const first = forward ? ch.upFirst : ch.downFirst;
    const adj = forward ? ch.upHead : ch.downTail;
    const wt = forward ? ch.upW : ch.downW;
    const ids = forward ? ch.upEdge : ch.downEdge;
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
    const end = first[u + 1]!;
    for (let i = first[u]!; i < end; i++) {
      const v = adj[i]!;
      const nd = du + wt[i]!;
      if (stamp[v] !== epoch) {
        stamp[v] = epoch;
        dist[v] = nd;
        parent[v] = ids[i]!;
        heap.push(v, nd);
      } else if (nd < dist[v]! && pos[v]! >= 0) {
        dist[v] = nd;
        parent[v] = ids[i]!;
        heap.decrease(v, nd);
      }
    }
  }
  return { cost: mu, meet, settled };
}

/**
 * The original edges of a hierarchy path through `meet`: forward CH edges back to the departure seed and
 * backward CH edges on to the arrival seed, each shortcut unpacked into its two halves recursively.
 * Returns the full edge list (partial first/last edges from the seed codes included).
 */
export function unpackHierarchyPath(graph: RoadGraph, ch: ContractionHierarchy, fwd: SearchState, bwd: SearchState, meet: number): number[] {
  const fwdCh: number[] = [];
  let v = meet;
  let firstCode = -1;
  for (;;) {
    const c = fwd.parent[v]!;
    if (c < 0) {
      firstCode = c;
      break;
    }
    fwdCh.push(c);
    v = chTail(graph, ch, c);
  }
  fwdCh.reverse();
  const bwdCh: number[] = [];
  v = meet;
  let lastCode = -1;
  for (;;) {
    const c = bwd.parent[v]!;
    if (c < 0) {
      lastCode = c;
      break;
    }
    bwdCh.push(c);
    v = chHead(graph, ch, c);
  }
  const edges: number[] = [];
  if (firstCode <= -2) edges.push(-2 - firstCode);
  const stack: number[] = [];
  for (const c of [...fwdCh, ...bwdCh]) {
    stack.push(c);
    while (stack.length > 0) {
      const x = stack.pop()!;
      const o = ch.chOrig[x]!;
      if (o >= 0) edges.push(o);
      else {
        stack.push(ch.chChild2[x]!);
        stack.push(ch.chChild1[x]!);
      }
    }
  }
  if (lastCode <= -2) edges.push(-2 - lastCode);
  return edges;
}

/** Tail / head node of a CH edge, found through its first / last original edge. */
function chTail(graph: RoadGraph, ch: ContractionHierarchy, c: number): number {
  let x = c;
  while (ch.chOrig[x]! < 0) x = ch.chChild1[x]!;
  return graph.tail[ch.chOrig[x]!]!;
}

function chHead(graph: RoadGraph, ch: ContractionHierarchy, c: number): number {
  let x = c;
  while (ch.chOrig[x]! < 0) x = ch.chChild2[x]!;
  return graph.head[ch.chOrig[x]!]!;
}
