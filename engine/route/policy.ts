import { InputError } from '../errors.js';
import type { EdgeSnapper } from '../graph/edge-snapper.js';
import { ROAD_CLASSES, type RoadClassName } from '../graph/road-class.js';
import type { ResponderType } from '../model/run-result.js';

/**
 * The routing policy: the one set of routing settings that `motorcade route`, `motorcade serve`, the run
 * (option routing, reroutes, coverage searches), the report and scenario validation all use, so that the
 * same trip gets the same answer everywhere. A scenario may override only what its format allows:
 * `traffic.bands` / `traffic.profile: free_flow` replace the profile below (engine/scenario/schema.ts).
 */

/**
 * Farthest a place given by coordinates may lie from every road and still be routed, metres.
 *
 * 1,000 m because (1) the bundled roads lack service and access roads, so real destinations lie well off
 * the mapped network: the PNH terminal is 580 m from its nearest mapped road, and a click on it must
 * still route; (2) the unmodelled gap is then at most ~90 s at the 40 km/h urban limit, under a third of
 * the shortest response target (300 s) the run scores against; (3) in a city whose core holds the complete
 * street grid, a point more than 1 km from every road is a wrong coordinate (in the river, another
 * district, swapped lon/lat), and is refused with its distance.
 *
 * Gazetteer landmarks are never refused: a landmark is a curated, named destination (an airport terminal,
 * a hotel), so a landmark far from the mapped roads means the data lacks its access road, not that the
 * position is wrong. It snaps to its nearest road and the snap distance is reported, with a warning past
 * this limit (`motorcade route`, validation and the run alike).
 */
export const SNAP_LIMIT_M = 1000;

/**
 * Alternative routes (penalty method, alternatives.ts): each at most 1.4 × the fastest's cost and sharing
 * at most 60 % of its length with every route kept before it. These are GraphHopper's documented defaults
 * for alternative routes (`max_weight_factor` 1.4, `max_share_factor` 0.6); a larger stretch offered
 * detours a planner would not drive in a 20 km city.
 */
export const ALTERNATIVES: Readonly<{ maxStretch: number; maxShare: number }> = { maxStretch: 1.4, maxShare: 0.6 };

/**
 * Multi-source searches (response and evacuation tables) stop at 2 h: a unit or hospital farther than
 * that is "unreachable", never a large number, and the search does not sweep the whole metro area.
 */
export const SEARCH_CUTOFF_S = 7200;

/** Where a place lands on the road graph, and how far it had to move. */
export interface PlaceSnap {
  edge: number;
  fraction: number;
  /** Metres from the place to the snapped point. */
  distanceM: number;
  /** The snapped point on the road. */
  lon: number;
  lat: number;
  /** The snap is longer than SNAP_LIMIT_M (only a landmark gets here): warn about it. */
  beyondLimit: boolean;
}

/**
 * Snap a place onto the road graph under the policy: coordinates within `limitM` (default SNAP_LIMIT_M),
 * a landmark at its own gazetteer position at any distance, flagged past the limit. undefined = refused
 * (a coordinate beyond the limit, or an empty graph).
 */
export function snapPlace(snapper: EdgeSnapper, lon: number, lat: number, landmark: boolean, limitM = SNAP_LIMIT_M): PlaceSnap | undefined {
  const s = snapper.nearest(lon, lat, landmark ? {} : { maxDistanceM: limitM });
  if (!s) return undefined;
  return { edge: s.edge, fraction: s.fraction, distanceM: s.distanceM, lon: s.lon, lat: s.lat, beyondLimit: s.distanceM > limitM };
}

/** "1.1 km" / "370 m", for snap distances in messages. */
export function formatSnapM(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`;
}

/** The warning shown when a landmark snaps farther than the limit. */
export function snapWarning(what: string, distanceM: number, limitM = SNAP_LIMIT_M): string {
  return `${what} is ${formatSnapM(distanceM)} from the nearest mapped road (more than the ${limitM} m snap limit): the route starts/ends on that road, the last ${formatSnapM(distanceM)} are not modelled`;
}

/** Why a movement end or via point has no route: the one wording of route, the run and the report. */
export function tooFarReason(id: string, limitM = SNAP_LIMIT_M): string {
  return `${id} is more than ${limitM} m from any road`;
}

/**
 * The Phnom Penh time-of-day traffic profile: speed factors per road group (the factor multiplies the
 * free-flow speed; 0.55 = 45 % slower). Outside every period traffic is free flow (factor 1), never
 * faster: free-flow speeds already are the legal limits (engine/import/phnom-penh-speeds.ts).
 *
 * Basis: JICA's urban transport master plan for Phnom Penh (PPUTMP, 2014) sets as a target "to maintain
 * the travel speed in the city centre at a level higher than 20 km/h": at the peaks the centre moves just
 * above 20 km/h. With the centre's free-flow speeds (40 km/h arterials, 35 km/h streets) the peak factors
 * 0.55 / 0.6 give 21–22 km/h; test/route/policy.test.ts measures it on the bundled graph. Peaks follow
 * school and office hours (06:30–08:30, 16:30–18:30) with a smaller midday peak (school runs, and many
 * workers go home for lunch); daytime between peaks stays busy. Minor streets lose a little less than
 * arterials (traffic spills over less). Planning assumptions, not measurements: scenarios can replace
 * them with their own `traffic.bands`.
 *
 * | period | arterial (motorway, trunk, primary, major + links) | collector (secondary, tertiary, minor, unknown + links) | local (residential, service, …) |
 * |---|---|---|---|
 * | 06:30–08:30 morning peak | 0.55 | 0.60 | 0.70 |
 * | 08:30–11:00 day          | 0.80 | 0.85 | 0.90 |
 * | 11:00–13:30 midday peak  | 0.70 | 0.75 | 0.80 |
 * | 13:30–16:30 afternoon    | 0.80 | 0.85 | 0.90 |
 * | 16:30–18:30 evening peak | 0.55 | 0.60 | 0.70 |
 * | 18:30–21:00 evening      | 0.85 | 0.90 | 0.95 |
 * | 21:00–06:30 free flow    | 1    | 1    | 1    |
 */
export interface TrafficPeriod {
  name: string;
  /** Minutes after midnight, start inclusive, end exclusive (within one day). */
  startMin: number;
  endMin: number;
  arterial: number;
  collector: number;
  local: number;
}

const hm = (h: number, m = 0) => h * 60 + m;
export const PHNOM_PENH_TRAFFIC_PROFILE: readonly TrafficPeriod[] = [
  { name: 'morning peak', startMin: hm(6, 30), endMin: hm(8, 30), arterial: 0.55, collector: 0.6, local: 0.7 },
  { name: 'day', startMin: hm(8, 30), endMin: hm(11), arterial: 0.8, collector: 0.85, local: 0.9 },
  { name: 'midday peak', startMin: hm(11), endMin: hm(13, 30), arterial: 0.7, collector: 0.75, local: 0.8 },
  { name: 'afternoon', startMin: hm(13, 30), endMin: hm(16, 30), arterial: 0.8, collector: 0.85, local: 0.9 },
  { name: 'evening peak', startMin: hm(16, 30), endMin: hm(18, 30), arterial: 0.55, collector: 0.6, local: 0.7 },
  { name: 'evening', startMin: hm(18, 30), endMin: hm(21), arterial: 0.85, collector: 0.9, local: 0.95 },
];

/** Free flow, outside every period of the profile. */
export const FREE_FLOW_PERIOD: TrafficPeriod = { name: 'free flow', startMin: 0, endMin: 1440, arterial: 1, collector: 1, local: 1 };

const ARTERIAL = new Set<RoadClassName>(['motorway', 'trunk', 'primary', 'major', 'motorway_link', 'trunk_link', 'primary_link']);
const LOCAL = new Set<RoadClassName>(['unclassified', 'residential', 'living_street', 'service']);

/** The road group of a class in the profile (everything not arterial or local is a collector). */
export function trafficGroup(c: RoadClassName): 'arterial' | 'collector' | 'local' {
  return ARTERIAL.has(c) ? 'arterial' : LOCAL.has(c) ? 'local' : 'collector';
}

/** Parse "HH:MM" (00:00–23:59) into minutes after midnight. */
export function parseClock(text: string, flag = '--depart'): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new InputError(`${flag} '${text}' is not a time of day HH:MM (00:00–23:59)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The period of the profile containing a time of day (FREE_FLOW_PERIOD outside every period). */
export function trafficPeriodAt(minutes: number): TrafficPeriod {
  const t = ((minutes % 1440) + 1440) % 1440;
  return PHNOM_PENH_TRAFFIC_PROFILE.find((p) => t >= p.startMin && t < p.endMin) ?? FREE_FLOW_PERIOD;
}

function factorsOf(p: TrafficPeriod): Record<RoadClassName, number> {
  return Object.fromEntries(ROAD_CLASSES.map((c) => [c, p[trafficGroup(c)]])) as Record<RoadClassName, number>;
}

/** Speed factors per road class at a time of day (minutes after midnight), for RouteOverlay.speedFactorByClass. */
export function speedFactorsAt(minutes: number): Record<RoadClassName, number> {
  return factorsOf(trafficPeriodAt(minutes));
}

/** The profile as time bands in seconds since midnight, the form scenarios and the run use. */
export function phnomPenhTrafficBands(): { fromS: number; toS: number; factor: Record<RoadClassName, number> }[] {
  return PHNOM_PENH_TRAFFIC_PROFILE.map((p) => ({ fromS: p.startMin * 60, toS: p.endMin * 60, factor: factorsOf(p) }));
}

/**
 * Share of ordinary congestion (1 − factor) that a responder driving with lights and sirens avoids: its
 * speed factor is 1 − (1 − f)·(1 − share), applied in the response-time tables only (never to the
 * convoy, whose escort has its own rule in engine/sim), and never faster than free flow.
 *
 * Sources: paired runs of the same call with and without lights and sirens saved 38.5 % of the response
 * interval in Minneapolis (Ho & Casey, Ann Emerg Med 1998;32:585–8) and 105.8 s on average in Syracuse
 * (Brown et al., Prehosp Emerg Care 2000;4:70–4). Drivers in Phnom Penh's mixed motorcycle traffic have
 * less room to yield than in those cities, so the policy takes less: avoiding half of the congestion
 * turns the peak factor 0.55 into 0.775, a 29 % shorter drive than in ordinary traffic (below the 38.5 %
 * measured), and nothing off-peak. Police and the quick reaction force drive marked cars with lights and
 * sirens, as ambulances do; the EOD team drives a loaded equipment vehicle at ordinary speed (no priority
 * assumed, as for its 20 min target).
 */
export const RESPONDER_CONGESTION_AVOIDED: Readonly<Record<ResponderType, number>> = {
  police: 0.5,
  qrf: 0.5,
  ambulance: 0.5,
  eod: 0,
};

/** A speed factor with a share `avoided` of its congestion removed (RESPONDER_CONGESTION_AVOIDED). */
export function withCongestionAvoided(factor: number, avoided: number): number {
  return factor >= 1 ? factor : 1 - (1 - factor) * (1 - avoided);
}
