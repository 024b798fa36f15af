import { conflictOf, type DepartureShift } from './departure-shift.js';
import type { Occupancy } from './footprint.js';
import type { PairSide } from './conflicts.js';
import type { SharedPlace } from './shared-places.js';

const MINUTE_S = 60;

function shifted(o: Occupancy, d: number): Occupancy {
  return { fromS: o.fromS + d, toS: o.toS + d, closeS: o.closeS === null ? null : o.closeS + d, openS: o.openS === null ? null : o.openS + d };
}

/**
 * The smallest whole-minute departure shift of one of the two movements after which none of the
 * places they share conflicts (a shift that clears one conflict can cause another further along, so
 * every shared place is checked): every minute from −maxShiftS to +maxShiftS is tried for each
 * movement, those inside its departure window first, then by size, then moving `b`. null when none works.
 */
export function pairShift(places: readonly SharedPlace[], a: PairSide, b: PairSide, separationS: number, maxShiftS: number): DepartureShift | null {
  let best: DepartureShift | null = null;
  const better = (x: DepartureShift, y: DepartureShift | null) => !y || (x.withinWindow !== y.withinWindow ? x.withinWindow : Math.abs(x.shiftS) < Math.abs(y.shiftS));
  const steps = Math.floor(maxShiftS / MINUTE_S);
  for (const [mover, isB] of [
    [b, true],
    [a, false],
  ] as const) {
    for (let k = 1; k <= steps; k++) {
      for (const d of [k * MINUTE_S, -k * MINUTE_S]) {
        const clear = places.every((p) => !conflictOf(isB ? p.a : shifted(p.a, d), isB ? shifted(p.b, d) : p.b, separationS).conflict);
        if (!clear) continue;
        const cand = { movement: mover.movement, shiftS: d, withinWindow: d >= mover.earliestS && d <= mover.latestS };
        if (better(cand, best)) best = cand;
      }
    }
  }
  return best;
}
