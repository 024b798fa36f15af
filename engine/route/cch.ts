import { InputError } from '../errors.js';
import type { RoadGraph } from '../graph/index.js';

/**
 * Customizable contraction hierarchy (Dibbelt, Strasser, Wagner 2016), in two phases:
 *  1. Topology, once per graph (metric-independent): contract the undirected road graph in a given node
 *     order, adding an arc between every two higher neighbours of a contracted node (no witness search),
 *     which yields a chordal supergraph; list every lower triangle {x, u, v} (x below u and v).
 *  2. Customization, once per cost array (the base times, or any compiled overlay): give every arc its
 *     upward and downward cost from the original edges, then relax the lower triangles bottom-up:
 *     w(u→v) = min(w(u→v), w(u→x) + w(x→v)). A linear pass over the triangle list: tens of ms where
 *     the classic hierarchy needs seconds, so per-request overlays (closures, penalties, traffic) keep
 *     hierarchy-speed queries.
 *
 * Memory layout (typed arrays): arcs are (low, high) node pairs by rank; `upFirst[v]..` lists the arcs whose
 * lower end is v (upHead = the higher end, upArc = arc id). Triangles are three arc ids per entry
 * (x–u, x–v, u–v) grouped in increasing rank of x.
 */
export interface CchTopology {
  readonly graph: RoadGraph;
  readonly rank: Uint32Array;
  readonly arcLow: Uint32Array;
  readonly arcHigh: Uint32Array;
  readonly upFirst: Uint32Array;
  readonly upHead: Uint32Array;
  readonly upArc: Uint32Array;
  /** Triangles: tri[3i] = arc x–u, tri[3i+1] = arc x–v, tri[3i+2] = arc u–v, with rank u < rank v. */
  readonly tri: Uint32Array;
  readonly buildMs: number;
}

/** A cost array applied to a topology: per arc, the cost low→high (up) and high→low (down) and how to unpack it. */
export interface CchMetric {
  readonly topology: CchTopology;
  readonly weight: Float64Array;
  readonly up: Float64Array;
  readonly down: Float64Array;
  /** ≥ 0: original edge id; -1 - t: the arc is the triangle t's two other arcs (via its lowest node). */
  readonly upVia: Int32Array;
  readonly downVia: Int32Array;
  readonly customizeMs: number;
}

/** Give up beyond this many arcs or triangle words (fill-in of a poor order) rather than exhaust memory. */
const MAX_ARCS = 30_000_000;
const MAX_TRIANGLE_WORDS = 300_000_000;

export function buildCchTopology(graph: RoadGraph, order: Uint32Array): CchTopology {
  const t0 = performance.now();
  const n = graph.nodeCount;
  const rank = order;
  // Undirected adjacency as sets of higher-ranked neighbours, grown by contraction (fill-in).
  const upper: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = graph.tail[e]!;
    const b = graph.head[e]!;
    if (a === b) continue;
    if (rank[a]! < rank[b]!) upper[a]!.add(b);
    else upper[b]!.add(a);
  }
  const byRank = new Uint32Array(n);
  for (let v = 0; v < n; v++) byRank[rank[v]!] = v;
  let arcCount = 0;
  for (let i = 0; i < n; i++) {
    const x = byRank[i]!;
    const ups = [...upper[x]!];
    // Contracting x connects its higher neighbours pairwise (each pair stored at its lower end).
    for (let a = 0; a < ups.length; a++) {
      for (let b = a + 1; b < ups.length; b++) {
        const u = ups[a]!;
        const v = ups[b]!;
        if (rank[u]! < rank[v]!) upper[u]!.add(v);
        else upper[v]!.add(u);
      }
    }
    arcCount += ups.length;
    if (arcCount > MAX_ARCS) throw new InputError(`customizable hierarchy: more than ${MAX_ARCS} arcs, the node order fills in too much`);
  }
  // Arcs grouped by lower end, higher ends sorted by rank (for the triangle merge below).
  const upFirst = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) upFirst[v + 1] = upFirst[v]! + upper[v]!.size;
  const m = upFirst[n]!;
  const upHead = new Uint32Array(m);
  const upArc = new Uint32Array(m);
  const arcLow = new Uint32Array(m);
  const arcHigh = new Uint32Array(m);
  for (let v = 0; v < n; v++) {
    const hs = [...upper[v]!].sort((a, b) => rank[a]! - rank[b]!);
    let i = upFirst[v]!;
    for (const h of hs) {
      upHead[i] = h;
      upArc[i] = i;
      arcLow[i] = v;
      arcHigh[i] = h;
      i++;
    }
    upper[v] = new Set();
  }
  // Lower triangles: for x, every pair u < v of its upper neighbours; arc u–v found by binary search in u's list.
  const findArc = (u: number, v: number): number => {
    let lo = upFirst[u]!;
    let hi = upFirst[u + 1]! - 1;
    const rv = rank[v]!;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const rm = rank[upHead[mid]!]!;
      if (rm === rv) return mid;
      if (rm < rv) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  let triCount = 0;
  for (let v = 0; v < n; v++) {
    const d = upFirst[v + 1]! - upFirst[v]!;
    triCount += (d * (d - 1)) / 2;
  }
  if (3 * triCount > MAX_TRIANGLE_WORDS) throw new InputError(`customizable hierarchy: ${triCount} triangles exceed the limit of ${MAX_TRIANGLE_WORDS / 3}, the node order fills in too much`);
  const tri = new Uint32Array(3 * triCount);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const x = byRank[i]!;
    for (let a = upFirst[x]!; a < upFirst[x + 1]!; a++) {
      for (let b = a + 1; b < upFirst[x + 1]!; b++) {
        const uv = findArc(upHead[a]!, upHead[b]!);
        if (uv < 0) throw new Error('customizable hierarchy: supergraph is not chordal (internal error)');
        tri[k++] = a;
        tri[k++] = b;
        tri[k++] = uv;
      }
    }
  }
  return { graph, rank, arcLow, arcHigh, upFirst, upHead, upArc, tri, buildMs: performance.now() - t0 };
}

/** Customize a topology for one cost array (Infinity = closed): original edges, then lower triangles bottom-up. */
export function customizeCch(topology: CchTopology, weight: Float64Array): CchMetric {
  const t0 = performance.now();
  const { graph, rank, arcLow, arcHigh, upFirst, upHead, tri } = topology;
  const m = arcLow.length;
  const up = new Float64Array(m).fill(Infinity);
  const down = new Float64Array(m).fill(Infinity);
  const upVia = new Int32Array(m).fill(-1);
  const downVia = new Int32Array(m).fill(-1);
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = graph.tail[e]!;
    const b = graph.head[e]!;
    const w = weight[e]!;
    if (a === b || !(w < Infinity)) continue;
    const low = rank[a]! < rank[b]! ? a : b;
    const high = low === a ? b : a;
    let arc = -1;
    for (let i = upFirst[low]!; i < upFirst[low + 1]!; i++) {
      if (upHead[i] === high) {
        arc = i;
        break;
      }
    }
    if (low === a) {
      if (w < up[arc]! || (w === up[arc]! && upVia[arc]! >= 0 && e < upVia[arc]!)) {
        up[arc] = w;
        upVia[arc] = e;
      }
    } else if (w < down[arc]! || (w === down[arc]! && downVia[arc]! >= 0 && e < downVia[arc]!)) {
      down[arc] = w;
      downVia[arc] = e;
    }
  }
  // Triangles are grouped by increasing rank of x, so arcs x–u and x–v are final when used.
  for (let t = 0; t < tri.length; t += 3) {
    const xu = tri[t]!;
    const xv = tri[t + 1]!;
    const uv = tri[t + 2]!;
    // u → v = u → x (down of x–u) + x → v (up of x–v); v → u = v → x (down of x–v) + x → u (up of x–u).
    const a = down[xu]! + up[xv]!;
    if (a < up[uv]!) {
      up[uv] = a;
      upVia[uv] = -1 - t / 3;
    }
    const b = down[xv]! + up[xu]!;
    if (b < down[uv]!) {
      down[uv] = b;
      downVia[uv] = -1 - t / 3;
    }
  }
  void arcHigh;
  return { topology, weight, up, down, upVia, downVia, customizeMs: performance.now() - t0 };
}

/**
 * The original edges of arc `arc` driven low→high (`upward`) or high→low, appended to `out` in driving
 * order. Iterative (explicit stack), since unpacking can nest as deep as the hierarchy.
 */
export function unpackArc(metric: CchMetric, arc: number, upward: boolean, out: number[]): void {
  const { tri } = metric.topology;
  const stack: number[] = [arc, upward ? 1 : 0];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    const a = stack.pop()!;
    const via = dir === 1 ? metric.upVia[a]! : metric.downVia[a]!;
    if (via >= 0) {
      out.push(via);
      continue;
    }
    const t = -1 - via;
    const xu = tri[3 * t]!;
    const xv = tri[3 * t + 1]!;
    // up (u→v) = down(x–u) then up(x–v); down (v→u) = down(x–v) then up(x–u). Push second part first.
    if (dir === 1) stack.push(xv, 1, xu, 0);
    else stack.push(xu, 1, xv, 0);
  }
}
