import type { RoadGraph } from '../graph/index.js';
import { IndexedMinHeap } from './indexed-heap.js';

/**
 * A contraction hierarchy (Geisberger et al. 2008) over one cost array: nodes are contracted one by one
 * in order of importance (edge difference + contracted neighbours, lazily updated); when removing x would
 * lose a shortest path u → x → v, a shortcut u → v is added unless a witness path avoiding x is found by a
 * bounded Dijkstra. Queries then run a bidirectional Dijkstra that only goes up in rank (ch-query.ts):
 * exact costs, far fewer settled nodes. The hierarchy belongs to one cost array (the base times or one
 * compiled overlay); building it costs seconds on 400k nodes, so overlays that change per request use A*.
 *
 * Memory layout after the build (typed arrays):
 *  - rank[v]: contraction position.
 *  - upward adjacency (forward search): for node u, CH edges u → v with rank[v] > rank[u]:
 *    upFirst[u] .. upFirst[u+1]-1 index upHead / upW / upEdge.
 *  - downward adjacency stored at the lower node (backward search): for node v, CH edges u → v with
 *    rank[u] > rank[v]: downFirst[v] .. index downTail / downW / downEdge.
 *  - CH edge table: chOrig[c] = original edge id, or -1 for a shortcut whose halves are chChild1[c]
 *    (u → mid) and chChild2[c] (mid → v), for unpacking.
 */
export interface ContractionHierarchy {
  readonly weight: Float64Array;
  readonly rank: Uint32Array;
  readonly upFirst: Uint32Array;
  readonly upHead: Uint32Array;
  readonly upW: Float64Array;
  readonly upEdge: Uint32Array;
  readonly downFirst: Uint32Array;
  readonly downTail: Uint32Array;
  readonly downW: Float64Array;
  readonly downEdge: Uint32Array;
  readonly chOrig: Int32Array;
  readonly chChild1: Int32Array;
  readonly chChild2: Int32Array;
  readonly shortcutCount: number;
  readonly buildMs: number;
}

/**
 * Witness searches stop after settling this many nodes (a missed witness only adds a shortcut, never an
 * error): a small limit when estimating a node's priority, a larger one when contracting it.
 */
const SIMULATE_SETTLE_LIMIT = 25;
const CONTRACT_SETTLE_LIMIT = 80;

export function buildContractionHierarchy(graph: RoadGraph, weight: Float64Array): ContractionHierarchy {
  const t0 = performance.now();
  const n = graph.nodeCount;
  // CH edge table, growing (plain arrays during the build).
  const from: number[] = [];
  const to: number[] = [];
  const w: number[] = [];
  const orig: number[] = [];
  const c1: number[] = [];
  const c2: number[] = [];
  const out: number[][] = Array.from({ length: n }, () => []);
  const inc: number[][] = Array.from({ length: n }, () => []);
  const addEdge = (u: number, v: number, cost: number, o: number, a: number, b: number): void => {
    // Keep one edge per ordered pair: the cheapest.
    for (const c of out[u]!) {
      if (to[c] === v) {
        if (cost < w[c]!) {
          w[c] = cost;
          orig[c] = o;
          c1[c] = a;
          c2[c] = b;
        }
        return;
      }
    }
    const id = from.length;
    from.push(u);
    to.push(v);
    w.push(cost);
    orig.push(o);
    c1.push(a);
    c2.push(b);
    out[u]!.push(id);
    inc[v]!.push(id);
  };
  for (let e = 0; e < graph.edgeCount; e++) {
    const u = graph.tail[e]!;
    const v = graph.head[e]!;
    if (u === v || !(weight[e]! < Infinity)) continue;
    addEdge(u, v, weight[e]!, e, -1, -1);
  }
  const originalCount = from.length;

  const contracted = new Uint8Array(n);
  const deletedNeighbours = new Uint32Array(n);
  const rank = new Uint32Array(n);
  // Witness search state (epoch-stamped, reused).
  const dist = new Float64Array(n);
  const stamp = new Uint32Array(n);
  let epoch = 0;
  const wheap = new IndexedMinHeap(n);

  /** Distances from u avoiding x, up to maxCost, settling at most WITNESS_SETTLE_LIMIT nodes. */
  const witness = (u: number, x: number, maxCost: number, limit: number): void => {
    epoch++;
    wheap.clear();
    stamp[u] = epoch;
    dist[u] = 0;
    wheap.push(u, 0);
    let settled = 0;
    while (wheap.size > 0 && settled < limit) {
      if (wheap.topKey() > maxCost) break;
      const a = wheap.pop();
      settled++;
      const da = dist[a]!;
      for (const c of out[a]!) {
        const b = to[c]!;
        if (b === x || contracted[b]) continue;
        const nd = da + w[c]!;
        if (stamp[b] !== epoch) {
          stamp[b] = epoch;
          dist[b] = nd;
          wheap.push(b, nd);
        } else if (nd < dist[b]! && wheap.pos[b]! >= 0) {
          dist[b] = nd;
          wheap.decrease(b, nd);
        }
      }
    }
  };

  /** Shortcuts needed to contract x: calls add(u, v, cost, inEdge, outEdge) for each (or just counts). */
  const shortcuts = (x: number, add: ((u: number, v: number, cost: number, a: number, b: number) => void) | null): number => {
    let count = 0;
    const outs = out[x]!.filter((c) => !contracted[to[c]!]);
    if (outs.length === 0) return 0;
    let maxOut = 0;
    for (const c of outs) if (w[c]! > maxOut) maxOut = w[c]!;
    for (const ci of inc[x]!) {
      const u = from[ci]!;
      if (contracted[u]) continue;
      witness(u, x, w[ci]! + maxOut, add ? CONTRACT_SETTLE_LIMIT : SIMULATE_SETTLE_LIMIT);
      for (const co of outs) {
        const v = to[co]!;
        if (v === u) continue;
        const via = w[ci]! + w[co]!;
        const d = stamp[v] === epoch ? dist[v]! : Infinity;
        if (d <= via) continue;
        count++;
        if (add) add(u, v, via, ci, co);
      }
    }
    return count;
  };

  const degree = (x: number): number => {
    let d = 0;
    for (const c of out[x]!) if (!contracted[to[c]!]) d++;
    for (const c of inc[x]!) if (!contracted[from[c]!]) d++;
    return d;
  };
  const priority = (x: number): number => shortcuts(x, null) - degree(x) + deletedNeighbours[x]!;

  const queue = new IndexedMinHeap(n);
  for (let v = 0; v < n; v++) queue.push(v, priority(v));
  let next = 0;
  while (queue.size > 0) {
    const x = queue.topNode();
    // Lazy update: recompute; if it is no longer the minimum, put it back with its new key.
    const p = priority(x);
    queue.pop();
    if (queue.size > 0 && p > queue.topKey()) {
      queue.push(x, p);
      continue;
    }
    shortcuts(x, (u, v, cost, a, b) => addEdge(u, v, cost, -1, a, b));
    contracted[x] = 1;
    rank[x] = next++;
    for (const c of out[x]!) if (!contracted[to[c]!]) deletedNeighbours[to[c]!]!++;
    for (const c of inc[x]!) if (!contracted[from[c]!]) deletedNeighbours[from[c]!]!++;
    // Drop edges to and from x from its neighbours' lists, so later searches do not scan dead edges.
    for (const c of out[x]!) {
      const v = to[c]!;
      if (!contracted[v]) inc[v] = inc[v]!.filter((d) => !contracted[from[d]!]);
    }
    for (const c of inc[x]!) {
      const u = from[c]!;
      if (!contracted[u]) out[u] = out[u]!.filter((d) => !contracted[to[d]!]);
    }
  }

  // Freeze into CSR arrays: up edges at the lower tail, down edges at the lower head.
  const m = from.length;
  const upFirst = new Uint32Array(n + 1);
  const downFirst = new Uint32Array(n + 1);
  for (let c = 0; c < m; c++) {
    const u = from[c]!;
    const v = to[c]!;
    if (rank[v]! > rank[u]!) upFirst[u + 1]!++;
    else downFirst[v + 1]!++;
  }
  for (let v = 0; v < n; v++) {
    upFirst[v + 1]! += upFirst[v]!;
    downFirst[v + 1]! += downFirst[v]!;
  }
  const upHead = new Uint32Array(upFirst[n]!);
  const upW = new Float64Array(upFirst[n]!);
  const upEdge = new Uint32Array(upFirst[n]!);
  const downTail = new Uint32Array(downFirst[n]!);
  const downW = new Float64Array(downFirst[n]!);
  const downEdge = new Uint32Array(downFirst[n]!);
  const upAt = upFirst.slice(0, n);
  const downAt = downFirst.slice(0, n);
  for (let c = 0; c < m; c++) {
    const u = from[c]!;
    const v = to[c]!;
    if (rank[v]! > rank[u]!) {
      const i = upAt[u]!++;
      upHead[i] = v;
      upW[i] = w[c]!;
      upEdge[i] = c;
    } else {
      const i = downAt[v]!++;
      downTail[i] = u;
      downW[i] = w[c]!;
      downEdge[i] = c;
    }
  }
  return {
    weight,
    rank,
    upFirst,
    upHead,
    upW,
    upEdge,
    downFirst,
    downTail,
    downW,
    downEdge,
    chOrig: Int32Array.from(orig),
    chChild1: Int32Array.from(c1),
    chChild2: Int32Array.from(c2),
    shortcutCount: m - originalCount,
    buildMs: performance.now() - t0,
  };
}
