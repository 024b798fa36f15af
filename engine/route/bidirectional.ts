import type { RoadGraph } from '../graph/index.js';
import type { Seed } from './endpoints.js';
import type { SearchState } from './search-state.js';

/** Outcome of a bidirectional search: best cost and the node where the two trees meet (-1: none). */
export interface Meeting {
  cost: number;
  meet: number;
  settled: number;
}

/**
 * Bidirectional Dijkstra: a forward search from the departures and a reverse search (over the incoming
 * adjacency) from the arrivals, always advancing the side with the smaller top key. μ is the best
 * forward label + backward label over nodes reached by both; the search stops when
 * topF + topB ≥ μ, which makes μ exact (every path of cost < μ would have a node settled on both sides).
 */
export function searchBidirectional(
  graph: RoadGraph,
  weight: Float64Array,
  fwd: SearchState,
  bwd: SearchState,
  departures: readonly Seed[],
  arrivals: readonly Seed[],
  bound: number,
): Meeting {
  fwd.reset();
  bwd.reset();
  for (let i = 0; i < departures.length; i++) fwd.seed(departures[i]!.node, departures[i]!.cost, departures[i]!.parentCode, i, 0);
  for (let i = 0; i < arrivals.length; i++) bwd.seed(arrivals[i]!.node, arrivals[i]!.cost, arrivals[i]!.parentCode, i, 0);
  const firstOut = graph.firstOut;
  const head = graph.head;
  const firstIn = graph.firstIn;
  const inEdge = graph.inEdge;
  const tail = graph.tail;
  const fStamp = fwd.stamp;
  const bStamp = bwd.stamp;
  const fDist = fwd.dist;
  const bDist = bwd.dist;
  const fParent = fwd.parent;
  const bParent = bwd.parent;
  const fHeap = fwd.heap;
  const bHeap = bwd.heap;
  const fPos = fHeap.pos;
  const bPos = bHeap.pos;
  const fEpoch = fwd.epoch;
  const bEpoch = bwd.epoch;
  let mu = bound;
  let meet = -1;
  let settled = 0;
  for (;;) {
    const tf = fHeap.topKey();
    const tb = bHeap.topKey();
    if (tf + tb >= mu) break;
    if (tf <= tb) {
      const u = fHeap.pop();
      settled++;
      const du = fDist[u]!;
      if (bStamp[u] === bEpoch) {
        const c = du + bDist[u]!;
        if (c < mu) {
          mu = c;
          meet = u;
        }
      }
      const end = firstOut[u + 1]!;
      for (let e = firstOut[u]!; e < end; e++) {
        const nd = du + weight[e]!;
        const v = head[e]!;
        if (fStamp[v] !== fEpoch) {
          if (nd === Infinity) continue;
          fStamp[v] = fEpoch;
          fDist[v] = nd;
          fParent[v] = e;
          fHeap.push(v, nd);
        } else if (nd < fDist[v]! && fPos[v]! >= 0) {
          fDist[v] = nd;
          fParent[v] = e;
          fHeap.decrease(v, nd);
        } else continue;
        if (bStamp[v] === bEpoch) {
          const c = nd + bDist[v]!;
          if (c < mu) {
            mu = c;
            meet = v;
          }
        }
      }
    } else {
      const u = bHeap.pop();
      settled++;
      const du = bDist[u]!;
      if (fStamp[u] === fEpoch) {
        const c = du + fDist[u]!;
        if (c < mu) {
          mu = c;
          meet = u;
        }
      }
      const end = firstIn[u + 1]!;
      for (let i = firstIn[u]!; i < end; i++) {
        const e = inEdge[i]!;
        const nd = du + weight[e]!;
        const v = tail[e]!;
        if (bStamp[v] !== bEpoch) {
          if (nd === Infinity) continue;
          bStamp[v] = bEpoch;
          bDist[v] = nd;
          bParent[v] = e;
          bHeap.push(v, nd);
        } else if (nd < bDist[v]! && bPos[v]! >= 0) {
          bDist[v] = nd;
          bParent[v] = e;
          bHeap.decrease(v, nd);
        } else continue;
        if (fStamp[v] === fEpoch) {
          const c = nd + fDist[v]!;
          if (c < mu) {
            mu = c;
            meet = v;
          }
        }
      }
    }
  }
  return { cost: mu, meet, settled };
}
