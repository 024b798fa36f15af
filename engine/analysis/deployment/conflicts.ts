import { round2 } from '../../rounding.js';
import { conflictOf, type DepartureShift } from './departure-shift.js';
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

/** Two movements in conflict somewhere, and the one shift that removes all their conflicts (DayShifts.pairShift). */
export interface PairConflicts {
  movementA: string;
  movementB: string;
  conflicts: number;
  shift: DepartureShift | null;
}

/** Who the pair is, and how its shifts are found (DayShifts: re-simulated, checked against the whole day). */
export interface PairShifts {
  a: { movement: string; option: string };
  b: { movement: string; option: string };
  conflictShift(place: SharedPlace): DepartureShift | null;
  pairShift(): DepartureShift | null;
}

/** Sort the shared places of a pair into uses and conflicts (conflictOf), each conflict with its suggested shift, and the pair's shift when it has conflicts. */
export function classifyShared(places: readonly SharedPlace[], pair: PairShifts, separationS: number): { uses: SharedUse[]; conflicts: Conflict[]; pair: PairConflicts | null } {
  const { a, b } = pair;
  const uses: SharedUse[] = [];
  const conflicts: Conflict[] = [];
  for (const p of places) {
    const c = conflictOf(p.a, p.b, separationS);
    const { roads: _roads, ...place } = p;
    const use: SharedUse = { ...place, movementA: a.movement, optionA: a.option, movementB: b.movement, optionB: b.option, gapS: round2(c.gapS) };
    uses.push(use);
    if (!c.conflict) continue;
    const shift = pair.conflictShift(p);
    conflicts.push({ ...use, reason: c.closuresOverlap ? 'closures_overlap' : 'within_separation', shift });
  }
  const whole = conflicts.length === 0 ? null : { movementA: a.movement, movementB: b.movement, conflicts: conflicts.length, shift: pair.pairShift() };
  return { uses, conflicts, pair: whole };
}
