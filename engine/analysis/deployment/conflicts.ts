import { round2 } from '../../rounding.js';
import { conflictOf, suggestShift, type DepartureShift } from './departure-shift.js';
import { pairShift } from './pair-shift.js';
import type { SharedPlace } from './shared-places.js';

/** A place two movements both use on the day, with who and when (the day-level view). */
export interface SharedUse extends Omit<SharedPlace, 'roads'> {
  /** Movement and option ids of a and b. */
  movementA: string;
  optionA: string;
  movementB: string;
  optionB: string;
  /** Seconds between a leaving and b arriving (or the reverse); negative when both are there at once. */
  gapS: number;
}

/** A shared use too close in time, with the shift that removes it. */
export interface Conflict extends SharedUse {
  reason: 'closures_overlap' | 'within_separation';
  /** null: no shift of at most max_shift removes it. */
  shift: DepartureShift | null;
}

/** One movement's side of a pair: what it drives and how far its departure may move (seconds from its nominal departure). */
export interface PairSide {
  movement: string;
  option: string;
  earliestS: number;
  latestS: number;
}

/** Two movements in conflict somewhere, and the one shift that removes all their conflicts (pairShift). */
export interface PairConflicts {
  movementA: string;
  movementB: string;
  conflicts: number;
  shift: DepartureShift | null;
}

/** Sort the shared places of a pair into uses and conflicts (conflictOf), each conflict with its suggested shift, and the pair's shift when it has conflicts. */
export function classifyShared(places: readonly SharedPlace[], a: PairSide, b: PairSide, separationS: number, maxShiftS: number): { uses: SharedUse[]; conflicts: Conflict[]; pair: PairConflicts | null } {
  const uses: SharedUse[] = [];
  const conflicts: Conflict[] = [];
  for (const p of places) {
    const c = conflictOf(p.a, p.b, separationS);
    const { roads: _roads, ...place } = p;
    const use: SharedUse = { ...place, movementA: a.movement, optionA: a.option, movementB: b.movement, optionB: b.option, gapS: round2(c.gapS) };
    uses.push(use);
    if (!c.conflict) continue;
    const shift = suggestShift({ movement: a.movement, at: p.a, earliestS: a.earliestS, latestS: a.latestS }, { movement: b.movement, at: p.b, earliestS: b.earliestS, latestS: b.latestS }, separationS, maxShiftS);
    conflicts.push({ ...use, reason: c.closuresOverlap ? 'closures_overlap' : 'within_separation', shift });
  }
  const pair = conflicts.length === 0 ? null : { movementA: a.movement, movementB: b.movement, conflicts: conflicts.length, shift: pairShift(places, a, b, separationS, maxShiftS) };
  return { uses, conflicts, pair };
}
