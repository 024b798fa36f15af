import type { TrajectoryStep } from '../model/run-result.js';

/** At most this many places name a detour ("via A, B, C, D"). */
export const DETOUR_PLACES = 4;
/** One place per this much detour driven, so a long detour is not named by its first few hundred metres. */
const PLACE_EVERY_M = 1000;

export interface DetourGraph {
  head: ArrayLike<number>;
  lengthM: ArrayLike<number>;
  lon(node: number): number;
  lat(node: number): number;
}

/**
 * The places a driven trajectory passes off its planned route (the nominal run's detour), in driving
 * order, each once, named places only (no bare coordinates), at most DETOUR_PLACES: one described point per PLACE_EVERY_M of
 * detour, from its first edge on. Empty when the trajectory stays on the plan.
 */
export function detourPlaces(g: DetourGraph, planned: readonly number[], trajectory: readonly TrajectoryStep[], describe: (lon: number, lat: number) => string): string[] {
  const onPlan = new Set(planned);
  const out: string[] = [];
  let sinceLast = Infinity;
  for (const step of trajectory) {
    if (onPlan.has(step.edge)) continue;
    if (sinceLast >= PLACE_EVERY_M) {
      const node = g.head[step.edge]!;
      const near = describe(g.lon(node), g.lat(node));
      // A place passed is named: bare coordinates say nothing to a planner reading the verdict.
      if (!/^-?\d+\.\d+, /.test(near) && !out.includes(near)) out.push(near);
      sinceLast = 0;
      if (out.length >= DETOUR_PLACES) break;
    }
    sinceLast += g.lengthM[step.edge]!;
  }
  return out;
}
