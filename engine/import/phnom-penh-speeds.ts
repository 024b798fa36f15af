import { haversineM } from '../geo/haversine.js';
import { DEFAULT_SPEED_KMH, type RoadClassName } from '../graph/road-class.js';

/**
 * Free-flow speeds of the bundled Phnom Penh roads, from the Cambodian legal limits: 40 km/h in urban
 * areas, 80 km/h on national roads (Ministry of Public Works and Transport, as reported by the Phnom Penh
 * Post and Fresh News, 2022; ../shared/data/phnom-penh/README.md, "Defaults worth knowing"). The data has
 * only two classes (`major` = motorway/trunk/primary in the metro set, plus secondary in the core set;
 * `minor` = the rest), so the rule is:
 *
 * | class | inside the built-up area | outside |
 * |---|---|---|
 * | major | 40 km/h: the urban limit | 80 km/h: the national-road limit (the metro set's major roads outside the city are the national roads and the Techo airport approach) |
 * | minor | 35 km/h | 35 km/h |
 *
 * Minor roads stay below the urban limit everywhere: in town they are the narrow residential grid, and
 * outside the metro set's minor roads are two-lane provincial and district roads through villages, for
 * which no higher limit is sourced.
 *
 * The built-up area is the disc of BUILT_UP_RADIUS_M around the Independence Monument (the gazetteer's
 * `independence_monument`). The radius comes from the core-streets set, OSM's complete street grid of the
 * city drawn as whole ways: 99.9 % of its vertices lie within 8.5 km of the monument (the farthest 9.7 km),
 * so the dense street grid reaches at least that far; 9 km holds it and the urban boulevards out to
 * Pochentong, while the Techo approach (south of ~11.48°N) and the national roads beyond the ring road lie
 * outside. test/import/phnom-penh-speeds.test.ts measures the extent.
 */
export const BUILT_UP_CENTRE = { lon: 104.92819, lat: 11.55644 } as const;
export const BUILT_UP_RADIUS_M = 9000;
export const URBAN_LIMIT_KMH = 40;
export const NATIONAL_ROAD_LIMIT_KMH = 80;
export const MINOR_KMH = 35;

/** Fingerprint of the rule, part of the graph cache key: a change of the rule rebuilds the cache. */
export const PHNOM_PENH_SPEED_RULE = `builtup-${BUILT_UP_RADIUS_M}m-major-${URBAN_LIMIT_KMH}-${NATIONAL_ROAD_LIMIT_KMH}-minor-${MINOR_KMH}`;

export function insideBuiltUpArea(lon: number, lat: number): boolean {
  return haversineM(lon, lat, BUILT_UP_CENTRE.lon, BUILT_UP_CENTRE.lat) <= BUILT_UP_RADIUS_M;
}

/** Free-flow speed (km/h) of a bundled road of class `roadClass` whose middle lies at lon/lat. */
export function phnomPenhSpeedKmh(roadClass: RoadClassName, lon: number, lat: number): number {
  if (roadClass === 'major') return insideBuiltUpArea(lon, lat) ? URBAN_LIMIT_KMH : NATIONAL_ROAD_LIMIT_KMH;
  if (roadClass === 'minor') return MINOR_KMH;
  return DEFAULT_SPEED_KMH[roadClass];
}
