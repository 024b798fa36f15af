import type { Occupancy } from './footprint.js';

/** Moving one movement's departure by shiftS seconds (later when positive) removes the conflict. */
export interface DepartureShift {
  movement: string;
  shiftS: number;
  /** The shifted departure still lies in the movement's departure window. */
  withinWindow: boolean;
  /** Conflicts the shift creates with other movements (re-simulated against the whole day); empty when none. */
  creates: { movement: string; near: string }[];
}

/** Whether two occupancies conflict: closure windows that overlap, or less than `separationS` between the two movements' presence. */
export function conflictOf(a: Occupancy, b: Occupancy, separationS: number): { conflict: boolean; closuresOverlap: boolean; gapS: number } {
  const gapS = Math.max(a.fromS, b.fromS) - Math.min(a.toS, b.toS);
  const closuresOverlap = a.closeS !== null && a.openS !== null && b.closeS !== null && b.openS !== null && Math.max(a.closeS, b.closeS) < Math.min(a.openS, b.openS);
  return { conflict: closuresOverlap || gapS < separationS, closuresOverlap, gapS };
}
