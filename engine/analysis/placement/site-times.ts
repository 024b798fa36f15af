import type { SearchEndpoint } from '../../metrics/coverage.js';
import type { PreparedRun } from '../../sim/prepared-run.js';
import type { CandidateSite } from './candidate-site.js';
import type { PlacementDemand } from './demand.js';
import type { PlacementUnit } from './placement-units.js';
import { unitsOutAt } from './responder-outages.js';

/**
 * Every candidate's coverage, computed once: per unit u and site s, the unit's response time (turnout +
 * drive) at every demand point, or Infinity where the unit would not count (outside its availability
 * window when the edge is driven, out of service then by responder_out injects, a movement it does not
 * cover, or no road). A placement is then
 * evaluated from these arrays alone, with no search: the time at a point is the minimum over the units.
 *
 * The drive times come from one forward one-to-all search per site, traffic band that the routes meet and
 * responder type (the searches the coverage tables of a run make, with one source each: the type sets the
 * share of congestion avoided with lights and sirens), cut off at the routing policy's limit as those are.
 * Memory: units × sites × 2·edges doubles (6 units × 20 sites × 2 × 2,000 edges ≈ 4 MB); the node tables
 * themselves are dropped once read.
 */
export class SiteTimes {
  /** at[u][s][p]: seconds. */
  readonly at: Float64Array[][];
  /** One-to-all searches made. */
  readonly searches: number;
  /** Per site: false when it could not be placed on the road graph (every time is Infinity). */
  readonly onGraph: boolean[];

  constructor(ctx: PreparedRun, demand: PlacementDemand, sites: readonly CandidateSite[], units: readonly PlacementUnit[]) {
    const points = 2 * demand.tail.length;
    let searches = 0;
    // Whether unit u is in service when the convoy enters edge e (fewer units out than it has), per route.
    const inService = units.map((unit) => {
      const ok = new Uint8Array(demand.tail.length).fill(1);
      if (unit.responder < 0) return ok;
      demand.routes.forEach((r, ri) => {
        const outs = demand.outages[ri]!;
        if (outs.length === 0) return;
        for (let e = r.from; e < r.to; e++) if (unitsOutAt(outs, unit.responder, demand.entryS[e]!) >= unit.count) ok[e] = 0;
      });
      return ok;
    });
    this.onGraph = sites.map((s) => ctx.routing.snap(s) !== undefined);
    this.at = units.map(() => sites.map(() => new Float64Array(points).fill(Infinity)));
    sites.forEach((site, s) => {
      const endpoint = ctx.routing.snap(site) as SearchEndpoint | undefined;
      if (!endpoint) return;
      for (const band of demand.bands) for (const type of new Set(units.map((x) => x.type))) {
        const table = ctx.routing.nodeTimes([{ endpoint, offsetS: 0 }], 'forward', band, type);
        searches++;
        units.forEach((unit, u) => {
          if (unit.type !== type) return;
          const out = this.at[u]![s]!;
          for (let e = 0; e < demand.tail.length; e++) {
            if (demand.band[e] !== band) continue;
            const t = demand.entryS[e]!;
            if (!unit.covers[demand.movement[e]!] || t < unit.fromS || t >= unit.toS || !inService[u]![e]) continue;
            out[2 * e] = table[demand.tail[e]!]! + unit.turnoutS;
            out[2 * e + 1] = table[demand.head[e]!]! + unit.turnoutS;
          }
        });
      }
    });
    this.searches = searches;
  }
}
