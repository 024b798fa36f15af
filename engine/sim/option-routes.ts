import type { PlaceExposure } from '../metrics/place-exposure.js';
import type { PlanMovement, PlanOption } from '../model/run-plan.js';
import { tooFarReason } from '../route/policy.js';
import type { RouteEndpoint, RouteResult } from '../route/types.js';
import type { RunRouting } from './run-routing.js';

/** A movement's two ends on the graph (undefined: too far from any road). */
export interface MovementEndpoints {
  from: RouteEndpoint | undefined;
  to: RouteEndpoint | undefined;
}

/**
 * The route of every option of one movement, searched at the traffic band of its departure. Options that
 * name their route (fastest, safest, via) are searched first; `auto` options then take, in rank order, the
 * alternatives that differ from all of those (an `auto` option never repeats another option's route).
 * An option without a route gets a RouteNotFound whose reason is shown to the user.
 */
export function routeMovementOptions(routing: RunRouting, mv: PlanMovement, ends: MovementEndpoints, band: number, exposure: PlaceExposure): RouteResult[] {
  const { from, to } = ends;
  if (!from) return mv.options.map(() => ({ found: false, reason: tooFarReason(mv.from.id) }));
  if (!to) return mv.options.map(() => ({ found: false, reason: tooFarReason(mv.to.id) }));
  const fixed = mv.options.map((o) => (o.kind === 'auto' ? null : routeNamedOption(routing, mv, o, from, to, band, exposure)));
  const autoCount = mv.options.filter((o) => o.kind === 'auto').length;
  let alts: RouteResult[] = [];
  if (autoCount > 0) {
    const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((e, i) => e === b[i]);
    const taken = fixed.flatMap((r) => (r && r.found ? [r.edges] : []));
    alts = routing.alternatives(from, to, autoCount + taken.length, band).filter((r) => !taken.some((t) => same(t, r.edges)));
  }
  return mv.options.map((o, oi): RouteResult => {
    if (o.kind !== 'auto') return fixed[oi]!;
    const rank = o.rank ?? 0;
    return alts[rank] ?? { found: false, reason: `only ${alts.length} reasonable alternative(s) differ from the other options (wanted #${rank + 1})` };
  });
}

/**
 * A fastest, safest or via option (safest: at most maxDelayS, default 300 s, slower than the fastest; its
 * zones' windows are read from the nominal departure, the middle of the departure window).
 */
function routeNamedOption(routing: RunRouting, mv: PlanMovement, o: PlanOption, from: RouteEndpoint, to: RouteEndpoint, band: number, exposure: PlaceExposure): RouteResult {
  switch (o.kind) {
    case 'fastest':
      return routing.fastest(from, to, band);
    case 'safest':
      return routing.safest(from, to, o.maxDelayS ?? 300, exposure, mv.departureS + mv.departureWindowS / 2, band);
    case 'via': {
      const pts: RouteEndpoint[] = [from];
      for (const v of o.via ?? []) {
        const e = routing.snap(v);
        if (!e) return { found: false, reason: `via ${tooFarReason(v.id)}` };
        pts.push({ edge: e.edge, fraction: e.fraction });
      }
      pts.push(to);
      return routing.via(pts, band);
    }
    default:
      return { found: false, reason: `option kind ${o.kind} is routed with the alternatives` };
  }
}
