import { InputError } from '../errors.js';
import type { RoadClassName } from '../graph/index.js';

/**
 * Default time-of-day speed factors for Phnom Penh, per road class: the factor multiplies the free-flow
 * speed (0.55 = 45 % slower). Used by `motorcade route --depart HH:MM` and reusable by scenarios.
 *
 * Basis: JICA's Phnom Penh urban transport master plan targets a city-centre travel speed above 20 km/h,
 * i.e. peak speeds on arterials of roughly half the 40–50 km/h free-flow defaults; congestion peaks with
 * school and office hours, 7:00–9:00 and 16:30–18:30. Minor streets lose less at peak (traffic spills over
 * less) and night traffic runs a little above the daytime free-flow defaults.
 *
 * | period        | arterial (trunk, primary, major, motorway) | secondary/tertiary | minor streets |
 * |---------------|------|------|------|
 * | 22:00–05:00 night | 1.15 | 1.10 | 1.05 |
 * | 05:00–07:00 early | 1.00 | 1.00 | 1.00 |
 * | 07:00–09:00 peak  | 0.55 | 0.60 | 0.75 |
 * | 09:00–16:30 day   | 0.80 | 0.85 | 0.90 |
 * | 16:30–18:30 peak  | 0.50 | 0.55 | 0.70 |
 * | 18:30–22:00 evening | 0.85 | 0.90 | 0.95 |
 */
export interface TrafficPeriod {
  name: string;
  /** Minutes after midnight, start inclusive, end exclusive (end may wrap past midnight). */
  startMin: number;
  endMin: number;
  arterial: number;
  collector: number;
  local: number;
}

export const PHNOM_PENH_TRAFFIC_PROFILE: readonly TrafficPeriod[] = [
  { name: 'night', startMin: 22 * 60, endMin: 5 * 60, arterial: 1.15, collector: 1.1, local: 1.05 },
  { name: 'early', startMin: 5 * 60, endMin: 7 * 60, arterial: 1.0, collector: 1.0, local: 1.0 },
  { name: 'morning peak', startMin: 7 * 60, endMin: 9 * 60, arterial: 0.55, collector: 0.6, local: 0.75 },
  { name: 'day', startMin: 9 * 60, endMin: 16 * 60 + 30, arterial: 0.8, collector: 0.85, local: 0.9 },
  { name: 'evening peak', startMin: 16 * 60 + 30, endMin: 18 * 60 + 30, arterial: 0.5, collector: 0.55, local: 0.7 },
  { name: 'evening', startMin: 18 * 60 + 30, endMin: 22 * 60, arterial: 0.85, collector: 0.9, local: 0.95 },
];

const ARTERIAL: RoadClassName[] = ['motorway', 'trunk', 'primary', 'major', 'motorway_link', 'trunk_link', 'primary_link'];
const COLLECTOR: RoadClassName[] = ['secondary', 'tertiary', 'secondary_link', 'tertiary_link', 'unknown'];
const LOCAL: RoadClassName[] = ['unclassified', 'residential', 'living_street', 'service', 'minor'];

/** Parse "HH:MM" (00:00–23:59) into minutes after midnight. */
export function parseClock(text: string, flag = '--depart'): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new InputError(`${flag} '${text}' is not a time of day HH:MM (00:00–23:59)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The period of the profile containing a time of day. */
export function trafficPeriodAt(minutes: number, profile: readonly TrafficPeriod[] = PHNOM_PENH_TRAFFIC_PROFILE): TrafficPeriod {
  const t = ((minutes % 1440) + 1440) % 1440;
  for (const p of profile) {
    const inside = p.startMin <= p.endMin ? t >= p.startMin && t < p.endMin : t >= p.startMin || t < p.endMin;
    if (inside) return p;
  }
  throw new InputError(`traffic profile has no period covering minute ${t}`);
}

/** Speed factors per road class at a time of day, for RouteOverlay.speedFactorByClass. */
export function speedFactorsAt(minutes: number, profile: readonly TrafficPeriod[] = PHNOM_PENH_TRAFFIC_PROFILE): Partial<Record<RoadClassName, number>> {
  const p = trafficPeriodAt(minutes, profile);
  const out: Partial<Record<RoadClassName, number>> = {};
  for (const c of ARTERIAL) out[c] = p.arterial;
  for (const c of COLLECTOR) out[c] = p.collector;
  for (const c of LOCAL) out[c] = p.local;
  return out;
}
