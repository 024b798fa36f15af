import type { RoadGraph } from '../../engine/graph/index.js';
import { directDrive } from '../../engine/route/endpoints.js';
import type { CompiledOverlay, EdgePosition, Router } from '../../engine/route/index.js';

/** Durations (s) and distances (m) from each source to each target, row-major; Infinity = unreachable. */
export interface TravelMatrix {
  durations: Float64Array;
  /** Present when asked for: length of the fastest route found for each pair. */
  distances?: Float64Array;
}

/**
 * The many-to-many matrix behind /table: one one-to-all search per source (Router.oneToAll), read at each
 * target position, never a search per pair. Work: |sources| × O(m log n) plus, for distances, a pass over
 * each search tree in time order. The one place to call Router.table once the engine has it.
 */
export function travelMatrix(router: Router, sources: readonly EdgePosition[], targets: readonly EdgePosition[], opts: { overlay?: CompiledOverlay | undefined; distances?: boolean }): TravelMatrix {
  const g = router.graph;
  const weight = opts.overlay?.costS ?? g.timeS;
  const durations = new Float64Array(sources.length * targets.length);
  const distances = opts.distances ? new Float64Array(sources.length * targets.length) : undefined;
  const times = new Float64Array(g.nodeCount);
  const metres = distances ? new Float64Array(g.nodeCount) : undefined;
  sources.forEach((s, i) => {
    router.oneToAll([{ endpoint: s }], opts.overlay ? { overlay: opts.overlay, out: times } : { out: times });
    if (metres) treeDistances(g, weight, times, s, metres);
    targets.forEach((t, j) => {
      const best = arrival(g, weight, times, metres, s, t);
      durations[i * targets.length + j] = best.time;
      if (distances) distances[i * targets.length + j] = best.metres;
    });
  });
  return distances ? { durations, distances } : { durations };
}

/** Time (and metres) to a position part-way along an edge: through either end, or along the source's road. */
function arrival(g: RoadGraph, w: Float64Array, times: Float64Array, metres: Float64Array | undefined, s: EdgePosition, t: EdgePosition): { time: number; metres: number } {
  const { edge, fraction } = t;
  const twin = g.twin[edge]!;
  const tail = g.tail[edge]!;
  const head = g.head[edge]!;
  let time = times[tail]! + share(fraction, w[edge]!);
  let m = metres ? metres[tail]! + fraction * g.lengthM[edge]! : 0;
  if (twin >= 0) {
    const viaHead = times[head]! + share(1 - fraction, w[twin]!);
    if (viaHead < time) {
      time = viaHead;
      m = metres ? metres[head]! + (1 - fraction) * g.lengthM[twin]! : 0;
    }
  }
  const direct = directDrive(g, w, s, t);
  if (direct && direct.cost < time) {
    time = direct.cost;
    m = (direct.toFraction - direct.fromFraction) * g.lengthM[direct.edge]!;
  }
  return { time, metres: time === Infinity ? Infinity : m };
}

function share(f: number, w: number): number {
  return f <= 0 ? 0 : f * w;
}

/**
 * Metres along a shortest-path tree, given its node times: nodes in time order, each takes the length
 * through an in-edge that is tight (time[tail] + w = time[v], up to rounding), or its seed's length when
 * it was reached straight from the source position. Unreached nodes stay Infinity.
 */
function treeDistances(g: RoadGraph, w: Float64Array, times: Float64Array, s: EdgePosition, out: Float64Array): void {
  out.fill(Infinity);
  const reached: number[] = [];
  for (let v = 0; v < g.nodeCount; v++) if (times[v]! < Infinity) reached.push(v);
  const order = Uint32Array.from(reached).sort((a, b) => times[a]! - times[b]!);
  const seedHead = g.head[s.edge]!;
  const seedTail = g.tail[s.edge]!;
  const twin = g.twin[s.edge]!;
  // Zero-time edges can order a node before its tree parent: a second pass settles those.
  for (let pass = 0; pass < 2; pass++) for (const v of order) if (out[v] === Infinity) settle(v);
  function settle(v: number): void {
    const tv = times[v]!;
    const eps = 1e-9 * Math.max(1, tv);
    let best = Infinity;
    if (v === seedHead && Math.abs(share(1 - s.fraction, w[s.edge]!) - tv) <= eps) best = (1 - s.fraction) * g.lengthM[s.edge]!;
    if (twin >= 0 && v === seedTail && Math.abs(share(s.fraction, w[twin]!) - tv) <= eps) best = Math.min(best, s.fraction * g.lengthM[twin]!);
    for (let k = g.firstIn[v]!; k < g.firstIn[v + 1]!; k++) {
      const e = g.inEdge[k]!;
      const u = g.tail[e]!;
      if (Math.abs(times[u]! + w[e]! - tv) <= eps && out[u]! + g.lengthM[e]! < best) best = out[u]! + g.lengthM[e]!;
    }
    out[v] = best;
  }
}
