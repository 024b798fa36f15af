import type { RoadGraph } from '../graph/index.js';
import type { Seed } from './endpoints.js';
import type { SearchState } from './search-state.js';

/** Outcome of a point-to-point search: the best cost and how the target was entered. */
export interface TargetHit {
  cost: number;
  /** Node where the search reached the target's entry (meet node), -1 when none. */
  meet: number;
  /** Index into the arrival seeds used at `meet`. */
  arrival: number;
}

/**
 * Forward Dijkstra, or A* when `k > 0`: potential h(v) = k × straight-line distance from v to the target
 * point (tx, ty) in projected units, with k from projection.ts (admissible and consistent). The search
 * stops once the smallest key in the heap cannot beat the best arrival found, so the cost is exact.
 *
 * `bound` is a cost already achievable without the search (a drive along one edge), Infinity otherwise.
 * Hot loop: no allocation, typed arrays read through locals.
 */
export function searchToTarget(
  graph: RoadGraph,
  weight: Float64Array,
  st: SearchState,
  departures: readonly Seed[],
  arrivals: readonly Seed[],
  k: number,
  px: Float64Array,
  py: Float64Array,
  tx: number,
  ty: number,
  bound: number,
): TargetHit {
  st.reset();
  const epoch = st.epoch;
  const stamp = st.stamp;
  const dist = st.dist;
  const parent = st.parent;
  const hArr = st.h;
  const heap = st.heap;
  const pos = heap.pos;
  const firstOut = graph.firstOut;
  const head = graph.head;
  const useH = k > 0;
  for (let i = 0; i < departures.length; i++) {
    const s = departures[i]!;
    let hv = 0;
    if (useH) {
      const dx = px[s.node]! - tx;
      const dy = py[s.node]! - ty;
      hv = k * Math.sqrt(dx * dx + dy * dy);
    }
    st.seed(s.node, s.cost, s.parentCode, i, hv);
  }
  let best = bound;
  let meet = -1;
  let arrival = -1;
  const a0 = arrivals.length > 0 ? arrivals[0]!.node : -1;
  const a1 = arrivals.length > 1 ? arrivals[1]!.node : -1;
  let settled = 0;
  while (heap.size > 0) {
    if (heap.topKey() >= best) break;
    const u = heap.pop();
    settled++;
    const du = dist[u]!;
    if (u === a0 || u === a1) {
      for (let j = 0; j < arrivals.length; j++) {
        const a = arrivals[j]!;
        if (a.node !== u) continue;
        const c = du + a.cost;
        if (c < best) {
          best = c;
          meet = u;
          arrival = j;
        }
      }
    }
    const end = firstOut[u + 1]!;
    for (let e = firstOut[u]!; e < end; e++) {
      const nd = du + weight[e]!;
      const v = head[e]!;
      if (stamp[v] !== epoch) {
        if (nd === Infinity) continue;
        stamp[v] = epoch;
        dist[v] = nd;
        parent[v] = e;
        let hv = 0;
        if (useH) {
          const dx = px[v]! - tx;
          const dy = py[v]! - ty;
          hv = k * Math.sqrt(dx * dx + dy * dy);
        }
        hArr[v] = hv;
        heap.push(v, nd + hv);
      } else if (nd < dist[v]! && pos[v]! >= 0) {
        dist[v] = nd;
        parent[v] = e;
        heap.decrease(v, nd + hArr[v]!);
      }
    }
  }
  st.settledCount = settled;
  return { cost: best, meet, arrival };
}
