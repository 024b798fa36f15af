import type { RoadGraph } from '../graph/index.js';
import { arrivalSeeds, departureSeeds, directDrive, fractionOn, partial } from './endpoints.js';
import type { HierarchySides } from './hierarchy-metrics.js';
import type { SearchState } from './search-state.js';
import { isNodeEndpoint, type RouteEndpoint } from './types.js';
import type { UpwardAdjacency } from './upward-search.js';

/**
 * A travel matrix between every source and every target. Row-major: the entry from sources[i] to
 * targets[j] is at index i · targetCount + j. An unreachable pair is Infinity in all three arrays (an
 * explicit "no route", never 0; JSON.stringify writes it as null).
 */
export interface TravelTable {
  readonly sourceCount: number;
  readonly targetCount: number;
  /** The optimised cost (s): time with the overlay's penalty multipliers; equals durationsS without penalties. */
  readonly costsS: Float64Array;
  /** Travel time (s) of the least-cost route (the overlay's speed factors applied, penalties not). */
  readonly durationsS: Float64Array;
  /** Length (m) of the least-cost route. */
  readonly distancesM: Float64Array;
}

/** A search's entry into the hierarchy: a node, the cost, time and length already spent reaching it. */
interface Entry {
  node: number;
  cost: number;
  time: number;
  length: number;
}

/**
 * Per-node time and length labels that ride along a SearchState's cost labels (valid where its stamp is
 * current), and the nodes a sweep settled without being stalled. Allocated once per Router.
 */
export class TableScratch {
  readonly time: Float64Array;
  readonly length: Float64Array;
  readonly settled: Int32Array;

  constructor(nodeCount: number) {
    this.time = new Float64Array(nodeCount);
    this.length = new Float64Array(nodeCount);
    this.settled = new Int32Array(nodeCount);
  }
}

/**
 * Bucket-based many-to-many on a hierarchy (Knopp, Schultes, Sanders, Schulz, Wagner 2007): one backward
 * upward search per target leaves (target, cost, time, length) in a bucket at every node it settles; one
 * forward upward search per source then scans the bucket of every node it settles, and the best
 * forward + backward sum per pair is the exact up–down shortest path. Both sweeps stall on demand (a node
 * whose label a higher neighbour beats is neither expanded nor scanned), which keeps exactness.
 * Costs S·T work for the scans plus (S + T) small searches, against S·T bidirectional queries.
 *
 * `time` and `cost` are the per-edge arrays the hierarchy was built for (seeds and the drive along one
 * edge use them). Hot loops are typed arrays; buckets are grown in typed arrays and sorted by node once.
 */
export function hierarchyTable(
  graph: RoadGraph,
  sides: HierarchySides,
  cost: Float64Array,
  time: Float64Array,
  st: SearchState,
  scratch: TableScratch,
  sources: readonly RouteEndpoint[],
  targets: readonly RouteEndpoint[],
): TravelTable {
  const S = sources.length;
  const T = targets.length;
  const costsS = new Float64Array(S * T).fill(Infinity);
  const durationsS = new Float64Array(S * T).fill(Infinity);
  const distancesM = new Float64Array(S * T).fill(Infinity);
  for (let i = 0; i < S; i++) {
    for (let j = 0; j < T; j++) {
      const d = directDrive(graph, cost, sources[i]!, targets[j]!);
      if (!d) continue;
      const share = d.toFraction - d.fromFraction;
      costsS[i * T + j] = d.cost;
      durationsS[i * T + j] = partial(share, time[d.edge]!);
      distancesM[i * T + j] = partial(share, graph.lengthM[d.edge]!);
    }
  }

  // Backward sweeps: bucket entries in arrival order, then grouped by node (counting sort).
  let size = 0;
  let cap = 1024;
  let bNode = new Int32Array(cap);
  let bTarget = new Int32Array(cap);
  let bCost = new Float64Array(cap);
  let bTime = new Float64Array(cap);
  let bLength = new Float64Array(cap);
  for (let j = 0; j < T; j++) {
    const count = sweep(sides.down, sides.downTime, sides.downLength, sides.up, st, scratch, entries(graph, cost, time, targets[j]!, false));
    if (size + count > cap) {
      while (size + count > cap) cap *= 2;
      bNode = grown(bNode, cap);
      bTarget = grown(bTarget, cap);
      bCost = grown(bCost, cap);
      bTime = grown(bTime, cap);
      bLength = grown(bLength, cap);
    }
    for (let k = 0; k < count; k++) {
      const v = scratch.settled[k]!;
      bNode[size] = v;
      bTarget[size] = j;
      bCost[size] = st.dist[v]!;
      bTime[size] = scratch.time[v]!;
      bLength[size] = scratch.length[v]!;
      size++;
    }
  }
  const n = graph.nodeCount;
  const first = new Uint32Array(n + 1);
  for (let k = 0; k < size; k++) first[bNode[k]! + 1]!++;
  for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
  const at = first.slice(0, n);
  const target = new Int32Array(size);
  const tCost = new Float64Array(size);
  const tTime = new Float64Array(size);
  const tLength = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const i = at[bNode[k]!]!++;
    target[i] = bTarget[k]!;
    tCost[i] = bCost[k]!;
    tTime[i] = bTime[k]!;
    tLength[i] = bLength[k]!;
  }

  // Forward sweeps: every settled node's bucket offers a candidate for each target it holds.
  const dist = st.dist;
  const sTime = scratch.time;
  const sLength = scratch.length;
  for (let i = 0; i < S; i++) {
    const count = sweep(sides.up, sides.upTime, sides.upLength, sides.down, st, scratch, entries(graph, cost, time, sources[i]!, true));
    const row = i * T;
    for (let k = 0; k < count; k++) {
      const u = scratch.settled[k]!;
      const du = dist[u]!;
      const tu = sTime[u]!;
      const lu = sLength[u]!;
      const end = first[u + 1]!;
      for (let b = first[u]!; b < end; b++) {
        const c = du + tCost[b]!;
        const idx = row + target[b]!;
        if (c < costsS[idx]!) {
          costsS[idx] = c;
          durationsS[idx] = tu + tTime[b]!;
          distancesM[idx] = lu + tLength[b]!;
        }
      }
    }
  }
  return { sourceCount: S, targetCount: T, costsS, durationsS, distancesM };
}

/**
 * The seeds of a search from (`departing`) or to an endpoint, with the time and length of the partly
 * driven edge. A mid-edge endpoint enters through both ends of its road (endpoints.ts).
 */
function entries(graph: RoadGraph, cost: Float64Array, time: Float64Array, ep: RouteEndpoint, departing: boolean): Entry[] {
  const seeds = departing ? departureSeeds(graph, cost, ep) : arrivalSeeds(graph, cost, ep);
  return seeds.map((s) => {
    if (isNodeEndpoint(ep)) return { node: s.node, cost: s.cost, time: 0, length: 0 };
    const e = -2 - s.parentCode;
    const f = fractionOn(graph, ep, e);
    const share = departing ? 1 - f : f;
    return { node: s.node, cost: s.cost, time: partial(share, time[e]!), length: partial(share, graph.lengthM[e]!) };
  });
}

/**
 * One upward search over `adj` from `seeds` to exhaustion, carrying time and length labels
 * (scratch.time / scratch.length). A node u is stalled when some slot of `stall` (higher nodes w with the
 * cost of driving between w and u in this search's direction) gives dist[w] + cost < dist[u]: its label is
 * not a shortest one, so it is neither expanded nor reported. Writes the settled, unstalled nodes to
 * scratch.settled and returns how many. No allocation per step.
 */
function sweep(adj: UpwardAdjacency, adjTime: Float64Array, adjLength: Float64Array, stall: UpwardAdjacency, st: SearchState, scratch: TableScratch, seeds: readonly Entry[]): number {
  st.reset();
  const tl = scratch.time;
  const ll = scratch.length;
  for (let i = 0; i < seeds.length; i++) {
    const s = seeds[i]!;
    st.seed(s.node, s.cost, -1, i, 0);
    if (st.reached(s.node) && st.origin[s.node] === i) {
      tl[s.node] = s.time;
      ll[s.node] = s.length;
    }
  }
  const epoch = st.epoch;
  const stamp = st.stamp;
  const dist = st.dist;
  const heap = st.heap;
  const pos = heap.pos;
  const head = adj.head;
  const wt = adj.weight;
  const sFirst = stall.first;
  const sHead = stall.head;
  const sWeight = stall.weight;
  const out = scratch.settled;
  let count = 0;
  while (heap.size > 0) {
    const u = heap.pop();
    const du = dist[u]!;
    let stalled = false;
    const sEnd = sFirst[u + 1]!;
    for (let i = sFirst[u]!; i < sEnd; i++) {
      const w = sHead[i]!;
      if (stamp[w] === epoch && dist[w]! + sWeight[i]! < du) {
        stalled = true;
        break;
      }
    }
    if (stalled) continue;
    out[count++] = u;
    const tu = tl[u]!;
    const lu = ll[u]!;
    const end = adj.first[u + 1]!;
    for (let i = adj.first[u]!; i < end; i++) {
      const nd = du + wt[i]!;
      if (nd === Infinity) continue;
      const v = head[i]!;
      if (stamp[v] !== epoch) {
        stamp[v] = epoch;
        dist[v] = nd;
        tl[v] = tu + adjTime[i]!;
        ll[v] = lu + adjLength[i]!;
        heap.push(v, nd);
      } else if (nd < dist[v]! && pos[v]! >= 0) {
        dist[v] = nd;
        tl[v] = tu + adjTime[i]!;
        ll[v] = lu + adjLength[i]!;
        heap.decrease(v, nd);
      }
    }
  }
  st.settledCount = count;
  return count;
}

function grown<A extends Int32Array | Float64Array>(a: A, cap: number): A {
  const b = new (a.constructor as new (n: number) => A)(cap);
  b.set(a);
  return b;
}
