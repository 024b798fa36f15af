import type { RoadGraph } from '../graph/road-graph.js';
import type { PlanMovement } from '../model/run-plan.js';
import type { RouteResult } from '../route/types.js';

/**
 * Predictability factor per graph edge for movement mi: k / (k + 1), where k is the number of movements
 * departing EARLIER in the day whose planned route (first option with a route) uses the same road (edge or
 * twin). A watcher who saw k convoys pass knows the road; the factor saturates toward 1.
 */
export function predictabilityFactors(g: RoadGraph, movements: readonly PlanMovement[], routes: readonly (readonly RouteResult[])[], mi: number): Float64Array {
  const count = new Float64Array(g.edgeCount);
  const me = movements[mi]!;
  routes.forEach((opts, mj) => {
    const other = movements[mj]!;
    if (mj === mi || !(other.departureS < me.departureS)) return;
    const r = opts.find((x) => x.found);
    if (!r || !r.found) return;
    const seen = new Set<number>();
    for (const e of r.edges) {
      for (const x of [e, g.twin[e]!]) {
        if (x < 0 || seen.has(x)) continue;
        seen.add(x);
        count[x]!++;
      }
    }
  });
  for (let e = 0; e < count.length; e++) if (count[e]! > 0) count[e] = count[e]! / (count[e]! + 1);
  return count;
}
