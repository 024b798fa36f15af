import type { RoadGraph } from '../engine/graph/road-graph.js';

/**
 * Service areas for the map: the roads a responder can reach within its travel budget (target minus
 * turnout), at free-flow speed, from the graph node nearest to its post. Drawn as the reachable road
 * lines themselves (an honest "area" on a network, no hull that would cover rivers).
 *
 * This runs once per responder when the report is generated, so it is a plain binary-heap Dijkstra
 * written for reading; the engine's own searches (engine/route) are the ones written for speed.
 */

/** Index of the graph node nearest to (lon, lat), by equirectangular distance. Linear scan, O(n). */
export function nearestNode(graph: RoadGraph, lon: number, lat: number): number {
  const k = Math.cos((lat * Math.PI) / 180);
  let best = -1;
  let bestD = Infinity;
  for (let v = 0; v < graph.nodeCount; v++) {
    const dx = (graph.lon(v) - lon) * k;
    const dy = graph.lat(v) - lat;
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = v;
    }
  }
  return best;
}

/**
 * Free-flow time in seconds from the nearest source to every node, Infinity beyond `budgetS`. A source
 * starts at its offset (a responder's turnout delay), so the budget is the full target time.
 */
export function travelTimesWithin(graph: RoadGraph, sources: readonly number[], budgetS: number, offsetsS?: readonly number[]): Float64Array {
  const dist = new Float64Array(graph.nodeCount).fill(Infinity);
  // Binary heap of (time, node) as two parallel arrays; lazy deletion of stale entries.
  const heapT: number[] = [];
  const heapV: number[] = [];
  const push = (t: number, v: number): void => {
    let i = heapT.length;
    heapT.push(t);
    heapV.push(v);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heapT[p]! <= t) break;
      heapT[i] = heapT[p]!;
      heapV[i] = heapV[p]!;
      i = p;
    }
    heapT[i] = t;
    heapV[i] = v;
  };
  const pop = (): [number, number] => {
    const t0 = heapT[0]!;
    const v0 = heapV[0]!;
    const lastT = heapT.pop()!;
    const lastV = heapV.pop()!;
    const n = heapT.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && heapT[r]! < heapT[l]! ? r : l;
        if (heapT[c]! >= lastT) break;
        heapT[i] = heapT[c]!;
        heapV[i] = heapV[c]!;
        i = c;
      }
      heapT[i] = lastT;
      heapV[i] = lastV;
    }
    return [t0, v0];
  };
  sources.forEach((s, i) => {
    const t0 = offsetsS?.[i] ?? 0;
    if (s < 0 || s >= graph.nodeCount || t0 > budgetS || t0 >= dist[s]!) return;
    dist[s] = t0;
    push(t0, s);
  });
  while (heapT.length > 0) {
    const [t, v] = pop();
    if (t > dist[v]!) continue;
    for (let e = graph.firstOut[v]!; e < graph.firstOut[v + 1]!; e++) {
      const nt = t + graph.timeS[e]!;
      const w = graph.head[e]!;
      if (nt <= budgetS && nt < dist[w]!) {
        dist[w] = nt;
        push(nt, w);
      }
    }
  }
  return dist;
}

/** A responder post: where units start and their turnout delay (seconds before they roll). */
export interface Post {
  lon: number;
  lat: number;
  turnoutS: number;
}

/**
 * Edges fully reachable within targetS (turnout included) from any of the posts, each road once (the
 * lower id of a twin pair). No posts or a target ≤ 0 give an empty area.
 */
export function serviceAreaEdges(graph: RoadGraph, posts: readonly Post[], targetS: number): number[] {
  if (posts.length === 0 || !(targetS > 0)) return [];
  const budgetS = targetS;
  const sources = posts.map((p) => nearestNode(graph, p.lon, p.lat));
  const dist = travelTimesWithin(graph, sources, budgetS, posts.map((p) => p.turnoutS));
  const edges: number[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    const t = graph.twin[e]!;
    if (t >= 0 && t < e) continue;
    const a = dist[graph.tail[e]!]!;
    const b = dist[graph.head[e]!]!;
    // An edge is inside when it can be driven end to end within the budget from either side.
    if (Math.min(a, b) + graph.timeS[e]! > budgetS) continue;
    edges.push(e);
  }
  return edges;
}
