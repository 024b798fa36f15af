import type { RouteFound, RouteResult } from '../route/types.js';
import type { PreparedRun } from './prepared-run.js';
import { Track } from './track.js';

/** A safest option whose route the nominal run scores as more exposed than the fastest route's. */
export interface SafestReplacement {
  movement: number;
  option: number;
  /** The fastest route, which the option takes instead. */
  route: RouteFound;
}

/**
 * The safest search weighs edges with the place-dependent part of the score (engine/metrics PlaceExposure)
 * at the departure band's speeds; the nominal run also counts junction waits, the escort's speeds and
 * predictability. So that a "safest" option is never more exposed than the fastest route on the nominal
 * run (the typical day the planner reads), each safest option's nominal total exposure is compared with
 * the fastest route's (the movement's fastest option, or a fresh search at the same band), and the
 * fastest route is taken where it is less exposed.
 *
 * Movement by movement: one movement's replacements do not depend on another's (all are judged on the
 * routes as searched, before any is applied), so a preparation may pause between movements.
 */
export function safestReplacementsOf(world: PreparedRun, mi: number): SafestReplacement[] {
  const out: SafestReplacement[] = [];
  const total = (oi: number) => {
    const run = world.nominal(mi, oi);
    return run ? run.summary.exposure.reduce((a, b) => a + b, 0) : Infinity;
  };
  const mv = world.plan.movements[mi]!;
  const sim = world.movements[mi]!;
  mv.options.forEach((o, oi) => {
    if (o.kind !== 'safest' || !sim.tracks[oi]) return;
    const fi = mv.options.findIndex((x, i) => x.kind === 'fastest' && sim.tracks[i]);
    let fastest: RouteResult;
    let fastExposure: number;
    const safeExposure = total(oi);
    if (fi >= 0) {
      fastest = world.routes[mi]![fi]!;
      fastExposure = total(fi);
    } else {
      const ends = world.endpoints[mi]!;
      fastest = world.routing.fastest(ends.from!, ends.to!, world.traffic.bandAt(mv.departureS));
      if (!fastest.found || fastest.edges.length === 0) return;
      const own = sim.tracks[oi]!;
      sim.tracks[oi] = new Track(world.envs[mi]!, fastest.edges, fastest.fromPosition?.fraction ?? 0, fastest.toPosition?.fraction ?? 1);
      fastExposure = total(oi);
      sim.tracks[oi] = own;
    }
    if (fastest.found && fastExposure < safeExposure - 1e-9) out.push({ movement: mi, option: oi, route: fastest });
  });
  return out;
}
