/**
 * Great-circle distances on the WGS84 mean sphere. Good to ~0.5 % against the ellipsoid, far below the
 * accuracy of road geometry; used for edge lengths (metres) and snapping distances.
 */

/** Mean Earth radius in metres (IUGG R1 = (2a + b) / 3). */
export const EARTH_RADIUS_M = 6_371_008.8;

/** Metres per degree of latitude (and of longitude at the equator) on the mean sphere. */
export const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

const RAD = Math.PI / 180;

/** Distance in metres between two lon/lat points given in degrees. No allocation. */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2);
  const t = Math.sin(dLon / 2);
  const a = s * s + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * t * t;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Length in metres of a polyline of [lon, lat] pairs, summed along its vertices. */
export function polylineLengthM(points: readonly (readonly [number, number])[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    sum += haversineM(a[0], a[1], b[0], b[1]);
  }
  return sum;
}
