import type { Occupancy } from './footprint.js';

/** Moving one movement's departure by shiftS seconds (later when positive) removes the conflict. */
export interface DepartureShift {
  movement: string;
  shiftS: number;
  /** The shifted departure still lies in the movement's departure window. */
  withinWindow: boolean;
}

/** A movement that could be shifted: its occupancy at the place, and how far its departure window lets it move (from its nominal departure). */
export interface ShiftCandidate {
  movement: string;
  at: Occupancy;
  earliestS: number;
  latestS: number;
}

/** Whether two occupancies conflict: closure windows that overlap, or less than `separationS` between the two movements' presence. */
export function conflictOf(a: Occupancy, b: Occupancy, separationS: number): { conflict: boolean; closuresOverlap: boolean; gapS: number } {
  const gapS = Math.max(a.fromS, b.fromS) - Math.min(a.toS, b.toS);
  const closuresOverlap = a.closeS !== null && a.openS !== null && b.closeS !== null && b.openS !== null && Math.max(a.closeS, b.closeS) < Math.min(a.openS, b.openS);
  return { conflict: closuresOverlap || gapS < separationS, closuresOverlap, gapS };
}

/**
 * The smallest whole-minute shift of one movement's departure that removes the conflict, the other
 * movement keeping its time: the shifted movement's times at the place move with its departure (the
 * nominal run translated; a different traffic band on the way can change them, which `motorcade run`
 * with the new departure shows). Later: it arrives `separationS` after the other has left and closes
 * after the other reopens; earlier: the mirror. Both movements and both directions are searched, over
 * their departure windows first; beyond the window only up to maxShiftS, marked withinWindow false.
 * Ties go to the smaller shift, then to moving `b`. null when no shift of at most maxShiftS removes it.
 */
export function suggestShift(a: ShiftCandidate, b: ShiftCandidate, separationS: number, maxShiftS: number): DepartureShift | null {
  const options: DepartureShift[] = [];
  for (const [mover, other] of [
    [b, a],
    [a, b],
  ] as const) {
    for (const shiftS of [laterShift(mover.at, other.at, separationS), earlierShift(mover.at, other.at, separationS)]) {
      if (Math.abs(shiftS) > maxShiftS) continue;
      options.push({ movement: mover.movement, shiftS, withinWindow: shiftS >= mover.earliestS && shiftS <= mover.latestS });
    }
  }
  options.sort((x, y) => Number(y.withinWindow) - Number(x.withinWindow) || Math.abs(x.shiftS) - Math.abs(y.shiftS));
  return options[0] ?? null;
}

const MINUTE_S = 60;

function laterShift(m: Occupancy, o: Occupancy, separationS: number): number {
  let need = o.toS + separationS - m.fromS;
  if (m.closeS !== null && o.openS !== null) need = Math.max(need, o.openS - m.closeS);
  return Math.max(MINUTE_S, Math.ceil(need / MINUTE_S) * MINUTE_S);
}

function earlierShift(m: Occupancy, o: Occupancy, separationS: number): number {
  let need = o.fromS - separationS - m.toS;
  if (m.openS !== null && o.closeS !== null) need = Math.min(need, o.closeS - m.openS);
  return Math.min(-MINUTE_S, Math.floor(need / MINUTE_S) * MINUTE_S);
}
