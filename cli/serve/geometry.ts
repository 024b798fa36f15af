import polyline from '@mapbox/polyline';
import type { LineString } from 'geojson';
import { segmentDistanceSquared } from '../../engine/geo/segment-projection.js';
import { OsrmError } from './osrm-error.js';
import { roundTo } from '../../engine/rounding.js';

export type GeometryFormat = 'polyline' | 'polyline6' | 'geojson';
export type Overview = 'simplified' | 'full' | 'false';

/** A [lon, lat] line in the requested OSRM encoding (polyline strings are lat,lon as OSRM writes them). */
export function encodeLine(coords: readonly [number, number][], format: GeometryFormat): string | LineString {
  if (format === 'geojson') return { type: 'LineString', coordinates: coords.map(([x, y]) => [roundTo(x, 6), roundTo(y, 6)]) };
  return polyline.encode(
    coords.map(([lon, lat]) => [lat, lon]),
    format === 'polyline6' ? 6 : 5,
  );
}

export function checkGeometryFormat(value: string | undefined): GeometryFormat {
  const v = value ?? 'polyline';
  if (v !== 'polyline' && v !== 'polyline6' && v !== 'geojson') throw new OsrmError('InvalidOptions', `geometries '${v}' must be polyline, polyline6 or geojson`);
  return v;
}

/**
 * Douglas–Peucker simplification with a tolerance in metres (equirectangular around the line's first
 * point, exact enough over a city). OSRM's `overview=simplified` draws at the zoom that fits the route;
 * a fixed tolerance of 1/1000 of the route's extent keeps the shape at any screen size.
 */
export function simplifyLine(coords: readonly [number, number][]): [number, number][] {
  if (coords.length <= 2) return coords.map((p) => [p[0], p[1]]);
  const lat0 = (coords[0]![1] * Math.PI) / 180;
  const kx = 111_320 * Math.cos(lat0);
  const ky = 110_540;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of coords) {
    minX = Math.min(minX, x * kx); maxX = Math.max(maxX, x * kx);
    minY = Math.min(minY, y * ky); maxY = Math.max(maxY, y * ky);
  }
  const tol = Math.max(1, Math.hypot(maxX - minX, maxY - minY) / 1000);
  const keep = new Uint8Array(coords.length);
  keep[0] = 1;
  keep[coords.length - 1] = 1;
  const stack: [number, number][] = [[0, coords.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const ax = coords[a]![0] * kx, ay = coords[a]![1] * ky;
    const bx = coords[b]![0] * kx, by = coords[b]![1] * ky;
    let worst = -1, worstD = tol * tol;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistanceSquared(coords[i]![0] * kx, coords[i]![1] * ky, ax, ay, bx, by);
      if (d > worstD) { worstD = d; worst = i; }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return coords.filter((_, i) => keep[i] === 1).map((p) => [p[0], p[1]]);
}
