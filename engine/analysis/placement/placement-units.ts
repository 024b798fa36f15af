import type { ResponderType } from '../../model/run-result.js';
import type { PreparedRun } from '../../sim/prepared-run.js';

/** Turnout of a unit the scenario does not have yet (the schema's default turnout), s. */
export const NEW_UNIT_TURNOUT_S = 60;
/** Availability of a new unit: the whole day, as a responder without `available`. */
const WHOLE_DAY_S = 86400;

/**
 * A unit the placement moves: one responder entry of the scenario (with its turnout, availability window,
 * unit count and the movements it covers), or a new one when more units of a type are asked for than the
 * scenario has. A responder entry with `count: 3` is one unit here: its three vehicles wait at one place.
 */
export interface PlacementUnit {
  id: string;
  type: ResponderType;
  turnoutS: number;
  fromS: number;
  toS: number;
  count: number;
  /** Per movement: 1 = this unit covers it (the movement's `responders` list, or every unit when absent). */
  covers: Uint8Array;
  /** Index in the plan's responders (responder_out injects name it), or −1 for a new unit. */
  responder: number;
  /** Where the scenario has it (lon/lat), or null for a new unit. */
  current: { lon: number; lat: number } | null;
}

/**
 * The units of one type: the scenario's responders of that type in file order, then `wanted − existing`
 * new units (ids `<type>_placed_<n>`, default turnout, all day, covering the movements that list no
 * responders). Asking for fewer units than the scenario has is an error for the caller to report.
 */
export function placementUnits(ctx: PreparedRun, type: ResponderType, wanted?: number): PlacementUnit[] {
  const units: PlacementUnit[] = [];
  ctx.plan.responders.forEach((r, i) => {
    if (r.type !== type) return;
    units.push({
      id: r.id,
      type,
      turnoutS: r.turnoutS,
      fromS: r.fromS,
      toS: r.toS,
      count: r.count,
      covers: Uint8Array.from(ctx.movements, (mv) => mv.allowedResponders[i]!),
      responder: i,
      current: { lon: r.lon, lat: r.lat },
    });
  });
  const taken = new Set(ctx.plan.responders.map((r) => r.id));
  for (let n = 1; units.length < (wanted ?? 0); n++) {
    const id = `${type}_placed_${n}`;
    if (taken.has(id)) continue;
    units.push({ id, type, turnoutS: NEW_UNIT_TURNOUT_S, fromS: 0, toS: WHOLE_DAY_S, count: 1, covers: Uint8Array.from(ctx.plan.movements, (mv) => (mv.responders ? 0 : 1)), responder: -1, current: null });
  }
  return units;
}
