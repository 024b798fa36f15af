import { haversineM } from '../geo/haversine.js';

/** Landmarks farther than this are not used to describe a point; coordinates are given instead. */
export const NEAR_LIMIT_M = 2000;

/**
 * Describe where a point is for a planner: "Chroy Changvar bridge" when within 150 m of a named place,
 * "600 m from Royal Palace" within NEAR_LIMIT_M, else the coordinates. Ties go to the earlier place.
 */
export function describePlace(places: readonly { label: string; lon: number; lat: number }[], lon: number, lat: number): string {
  let best = -1;
  let bestD = Infinity;
  places.forEach((p, i) => {
    if (/^-?\d/.test(p.label)) return; // coordinate-only places describe nothing
    const d = haversineM(lon, lat, p.lon, p.lat);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  if (best >= 0 && bestD <= 150) return places[best]!.label;
  if (best >= 0 && bestD <= NEAR_LIMIT_M) return `${Math.round(bestD / 50) * 50} m from ${places[best]!.label}`;
  return `${lon.toFixed(5)}, ${lat.toFixed(5)}`;
}
