import { conflictOf } from './departure-shift.js';
import type { Footprint } from './footprint.js';
import { sharedPlaces } from './shared-places.js';

/** What choosing one option of a movement would mean for deconfliction, the other movements driving their chosen options. */
export interface OptionConflicts {
  option: string;
  /** Conflicts with the other movements' driven options; null when the option has no route (nothing to deconflict). */
  conflicts: number | null;
  /** Ids of the movements it would be in conflict with, in plan order. */
  with: string[];
}

/**
 * For every option of movement `mi`: the conflicts it would have if it were driven and every other movement
 * kept its chosen option (`footprints[mi][oi]`; `chosen[j]` indexes movement j's driven option). The
 * chosen option's count equals the day's conflicts that involve movement `mi`. No shift search: this is
 * the planner's "would the alternative be clear" question, answered at the nominal departures.
 */
export function optionConflicts(
  mi: number,
  optionIds: readonly string[],
  movementIds: readonly string[],
  footprints: readonly (readonly (Footprint | null)[])[],
  chosen: readonly number[],
  separationS: number,
  describe: (lon: number, lat: number) => string,
): OptionConflicts[] {
  return optionIds.map((option, oi) => {
    const own = footprints[mi]![oi];
    if (!own) return { option, conflicts: null, with: [] };
    let conflicts = 0;
    const withIds: string[] = [];
    for (let j = 0; j < movementIds.length; j++) {
      const other = j === mi ? null : footprints[j]![chosen[j]!];
      if (!other) continue;
      // Pairs are compared with the earlier movement first, as the day's conflict list does, so counts agree.
      const places = j < mi ? sharedPlaces(other, own, describe) : sharedPlaces(own, other, describe);
      const n = places.filter((p) => conflictOf(p.a, p.b, separationS).conflict).length;
      if (n === 0) continue;
      conflicts += n;
      withIds.push(movementIds[j]!);
    }
    return { option, conflicts, with: withIds };
  });
}
