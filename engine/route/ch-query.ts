import type { RoadGraph } from '../graph/index.js';
import type { ContractionHierarchy } from './contraction.js';
import type { Seed } from './endpoints.js';
import type { SearchState } from './search-state.js';
import { searchUpward } from './upward-search.js';

/**
 * Exact point-to-point query on a contraction hierarchy (upward-search.ts): forward over upward edges,
 * backward over downward edges. Parents are slots of ch.upEdge (forward) / ch.downEdge (backward) or the
 * seeds' codes; unpackHierarchyPath maps them to CH edge ids.
 */
export function searchHierarchy(ch: ContractionHierarchy, fwd: SearchState, bwd: SearchState, departures: readonly Seed[], arrivals: readonly Seed[], bound: number): { cost: number; meet: number; settled: number } {
  return searchUpward({ first: ch.upFirst, head: ch.upHead, weight: ch.upW }, { first: ch.downFirst, head: ch.downTail, weight: ch.downW }, fwd, bwd, departures, arrivals, bound);
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
    const e = ch.upEdge[c]!;
    fwdCh.push(e);
    v = chTail(graph, ch, e);
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
    const e = ch.downEdge[c]!;
    bwdCh.push(e);
    v = chHead(graph, ch, e);
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
