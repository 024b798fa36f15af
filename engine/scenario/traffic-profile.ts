import { ROAD_CLASSES, type RoadClassName } from '../graph/road-class.js';
import type { TrafficBand } from './model.js';

/**
 * The built-in Phnom Penh time-of-day profile (`traffic.profile: phnom_penh`, the default).
 *
 * Factors multiply the free-flow class speeds (engine/graph/road-class.ts: 40–60 km/h in town). JICA's
 * urban transport master plan for Phnom Penh sets a city-centre travel speed *above 20 km/h* as a target,
 * i.e. peak speeds today are around half the urban limit: peaks use ~0.5 on the arterial (major) roads
 * that carry commuters and ~0.6 on the minor grid. School runs and the lunch break (many workers go home
 * at midday) give a smaller midday peak. These are planning assumptions, not measurements: scenarios can
 * replace them with their own `traffic.bands`.
 */
const PEAKS: { from: string; to: string; major: number; minor: number }[] = [
  { from: '06:30', to: '08:30', major: 0.5, minor: 0.6 },
  { from: '11:00', to: '13:30', major: 0.7, minor: 0.75 },
  { from: '16:30', to: '18:30', major: 0.45, minor: 0.55 },
];

/** Classes that behave like the bundled data's `major` (arterials) rather than `minor` (streets). */
const MAJOR_LIKE = new Set<RoadClassName>(['major', 'motorway', 'trunk', 'primary', 'secondary', 'motorway_link', 'trunk_link', 'primary_link', 'secondary_link']);

const hm = (s: string) => Number(s.slice(0, 2)) * 3600 + Number(s.slice(3, 5)) * 60;

export function phnomPenhTrafficBands(): TrafficBand[] {
  return PEAKS.map((p) => ({
    fromS: hm(p.from),
    toS: hm(p.to),
    factor: Object.fromEntries(ROAD_CLASSES.map((c) => [c, MAJOR_LIKE.has(c) ? p.major : p.minor])) as Record<RoadClassName, number>,
  }));
}
