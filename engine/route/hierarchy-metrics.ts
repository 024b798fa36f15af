import type { RoadGraph } from '../graph/index.js';
import type { CchMetric } from './cch.js';
import type { ContractionHierarchy } from './contraction.js';
import type { UpwardAdjacency } from './upward-search.js';

/**
 * A hierarchy (CH or customized CCH) seen as two upward adjacencies, each slot carrying, besides the cost
 * it is searched by, the travel time (s) and length (m) of the original edges it stands for. A matrix
 * (table.ts) sums these along the search instead of unpacking every one of its paths.
 *
 *  - `up`: slots of node u lead to higher nodes, driven from u (forward searches);
 *  - `down`: slots of node v lead to higher nodes w, driven from w to v (backward searches);
 *  - `upTime[slot]`, `upLength[slot]` (and `down…`) are per slot of the same adjacency.
 */
export interface HierarchySides {
  readonly up: UpwardAdjacency;
  readonly down: UpwardAdjacency;
  readonly upTime: Float64Array;
  readonly upLength: Float64Array;
  readonly downTime: Float64Array;
  readonly downLength: Float64Array;
}

/**
 * Sides of a contraction hierarchy for the per-edge times `time` (the times of the cost array the
 * hierarchy was built for). A shortcut's time and length are its two halves' sums; halves can be
 * rewritten after the shortcut's id was taken (contraction.ts keeps the cheapest edge per node pair), so
 * the sums are resolved depth-first rather than in id order.
 */
export function chSides(graph: RoadGraph, ch: ContractionHierarchy, time: Float64Array): HierarchySides {
  const m = ch.chOrig.length;
  const edgeTime = new Float64Array(m);
  const edgeLength = new Float64Array(m);
  const done = new Uint8Array(m);
  const stack: number[] = [];
  for (let c = 0; c < m; c++) {
    if (done[c]) continue;
    stack.push(c);
    while (stack.length > 0) {
      const x = stack[stack.length - 1]!;
      const o = ch.chOrig[x]!;
      if (o >= 0) {
        edgeTime[x] = time[o]!;
        edgeLength[x] = graph.lengthM[o]!;
      } else {
        const a = ch.chChild1[x]!;
        const b = ch.chChild2[x]!;
        if (!done[a]) {
          stack.push(a);
          continue;
        }
        if (!done[b]) {
          stack.push(b);
          continue;
        }
        edgeTime[x] = edgeTime[a]! + edgeTime[b]!;
        edgeLength[x] = edgeLength[a]! + edgeLength[b]!;
      }
      done[x] = 1;
      stack.pop();
    }
  }
  const bySlot = (slotEdge: Uint32Array, perEdge: Float64Array): Float64Array => {
    const out = new Float64Array(slotEdge.length);
    for (let i = 0; i < slotEdge.length; i++) out[i] = perEdge[slotEdge[i]!]!;
    return out;
  };
  return {
    up: { first: ch.upFirst, head: ch.upHead, weight: ch.upW },
    down: { first: ch.downFirst, head: ch.downTail, weight: ch.downW },
    upTime: bySlot(ch.upEdge, edgeTime),
    upLength: bySlot(ch.upEdge, edgeLength),
    downTime: bySlot(ch.downEdge, edgeTime),
    downLength: bySlot(ch.downEdge, edgeLength),
  };
}

/**
 * Sides of a customized CCH for the per-edge times `time` (those of the cost array it was customized
 * for). An arc that came from a lower triangle {x, u, v} sums two arcs whose lower end is x, ranked below
 * the arc's own lower end, so visiting lower ends in rank order finds both halves final.
 */
export function cchSides(metric: CchMetric, time: Float64Array): HierarchySides {
  const { graph, rank, upFirst, upHead, tri } = metric.topology;
  const n = graph.nodeCount;
  const m = upHead.length;
  const upTime = new Float64Array(m);
  const upLength = new Float64Array(m);
  const downTime = new Float64Array(m);
  const downLength = new Float64Array(m);
  const byRank = new Uint32Array(n);
  for (let v = 0; v < n; v++) byRank[rank[v]!] = v;
  for (let r = 0; r < n; r++) {
    const x = byRank[r]!;
    for (let a = upFirst[x]!; a < upFirst[x + 1]!; a++) {
      // up (low→high) of arc u–v via x = down(x–u) + up(x–v); down (high→low) = down(x–v) + up(x–u).
      if (metric.up[a]! < Infinity) {
        const via = metric.upVia[a]!;
        if (via >= 0) {
          upTime[a] = time[via]!;
          upLength[a] = graph.lengthM[via]!;
        } else {
          const t = -1 - via;
          const xu = tri[3 * t]!;
          const xv = tri[3 * t + 1]!;
          upTime[a] = downTime[xu]! + upTime[xv]!;
          upLength[a] = downLength[xu]! + upLength[xv]!;
        }
      }
      if (metric.down[a]! < Infinity) {
        const via = metric.downVia[a]!;
        if (via >= 0) {
          downTime[a] = time[via]!;
          downLength[a] = graph.lengthM[via]!;
        } else {
          const t = -1 - via;
          const xu = tri[3 * t]!;
          const xv = tri[3 * t + 1]!;
          downTime[a] = downTime[xv]! + upTime[xu]!;
          downLength[a] = downLength[xv]! + upLength[xu]!;
        }
      }
    }
  }
  return {
    up: { first: upFirst, head: upHead, weight: metric.up },
    down: { first: upFirst, head: upHead, weight: metric.down },
    upTime,
    upLength,
    downTime,
    downLength,
  };
}
