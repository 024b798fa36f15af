import type { RoadGraph } from '../graph/road-graph.js';
import type { PlanMovement } from '../model/run-plan.js';
import type { RouteResult } from '../route/types.js';

/**
 * Predictability of a road for a movement: k / (k + 1), where k is the number of movements departing
 * EARLIER in the day whose planned route (first option with a route) uses the same road (edge or twin).
 * A watcher who saw k convoys pass knows the road; the factor saturates toward 1.
 *
 * Memory layout: per edge, the sorted departure times (s) of the movements whose planned route uses its
 * road, in one CSR pair (`start`, `departures`): O(total route length), not one edge-sized array per
 * movement (10,000 movements × 25,600 edges × 8 bytes would be 2 GB on Phnom Penh). k for a departure
 * is a binary search in the edge's segment; Tracks read it once per edge when they are built, never per sample.
 */
export class RoadReuse {
  private constructor(
    /** Offset of each edge's departures; length edgeCount + 1. */
    private readonly start: Uint32Array,
    private readonly departures: Float64Array,
  ) {}

  static build(g: RoadGraph, movements: readonly PlanMovement[], routes: readonly (readonly RouteResult[])[]): RoadReuse {
    const planned = routes.map((opts) => opts.find((x) => x.found));
    const roads = (edges: readonly number[]): Set<number> => {
      const seen = new Set<number>();
      for (const e of edges) {
        seen.add(e);
        if (g.twin[e]! >= 0) seen.add(g.twin[e]!);
      }
      return seen;
    };
    const perMovement = planned.map((r) => (r && r.found ? roads(r.edges) : new Set<number>()));
    const start = new Uint32Array(g.edgeCount + 1);
    for (const set of perMovement) for (const e of set) start[e + 1]!++;
    for (let e = 0; e < g.edgeCount; e++) start[e + 1]! += start[e]!;
    const departures = new Float64Array(start[g.edgeCount]!);
    const fill = start.slice(0, g.edgeCount);
    perMovement.forEach((set, mi) => {
      for (const e of set) departures[fill[e]!++] = movements[mi]!.departureS;
    });
    for (let e = 0; e < g.edgeCount; e++) if (start[e + 1]! - start[e]! > 1) departures.subarray(start[e]!, start[e + 1]!).sort();
    return new RoadReuse(start, departures);
  }

  /** k / (k + 1) for edge `e`, k = planned routes on its road departing strictly before `departureS`. */
  factor(e: number, departureS: number): number {
    let lo = this.start[e]!;
    let hi = this.start[e + 1]!;
    const first = lo;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.departures[mid]! < departureS) lo = mid + 1;
      else hi = mid;
    }
    const k = lo - first;
    return k > 0 ? k / (k + 1) : 0;
  }
}
