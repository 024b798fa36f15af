import type { RoadGraph } from '../graph/index.js';

/**
 * The plainest correct Dijkstra, for tests: a textbook binary heap of [cost, node] pairs with lazy
 * deletion, no stamps, no decrease-key, no early exit. Returns the cost from the sources to every node
 * (to the sources from every node when `reverse`).
 */
export function referenceDijkstra(graph: RoadGraph, weight: Float64Array, sources: readonly { node: number; cost: number }[], reverse = false): Float64Array {
  const n = graph.nodeCount;
  const dist = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  const queue: [number, number][] = [];
  for (const s of sources) {
    if (s.cost < dist[s.node]!) {
      dist[s.node] = s.cost;
      pushPair(queue, [s.cost, s.node]);
    }
  }
  while (queue.length > 0) {
    const [d, u] = popMin(queue);
    if (done[u] || d > dist[u]!) continue;
    done[u] = 1;
    if (!reverse) {
      for (let e = graph.firstOut[u]!; e < graph.firstOut[u + 1]!; e++) relax(graph.head[e]!, d + weight[e]!);
    } else {
      for (let i = graph.firstIn[u]!; i < graph.firstIn[u + 1]!; i++) {
        const e = graph.inEdge[i]!;
        relax(graph.tail[e]!, d + weight[e]!);
      }
    }
  }
  return dist;

  function relax(v: number, nd: number): void {
    if (nd < dist[v]!) {
      dist[v] = nd;
      pushPair(queue, [nd, v]);
    }
  }
}

function pushPair(q: [number, number][], p: [number, number]): void {
  q.push(p);
  let i = q.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (q[parent]![0] <= q[i]![0]) break;
    [q[parent], q[i]] = [q[i]!, q[parent]!];
    i = parent;
  }
}

function popMin(q: [number, number][]): [number, number] {
  const top = q[0]!;
  const last = q.pop()!;
  if (q.length > 0) {
    q[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let s = i;
      if (l < q.length && q[l]![0] < q[s]![0]) s = l;
      if (r < q.length && q[r]![0] < q[s]![0]) s = r;
      if (s === i) break;
      [q[s], q[i]] = [q[i]!, q[s]!];
      i = s;
    }
  }
  return top;
}
