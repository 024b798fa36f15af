import polyline from '@mapbox/polyline';
import type { Polygon } from 'geojson';
import { OsrmError } from './osrm-error.js';

/**
 * The `{coordinates}` path segment of an OSRM request: `lon,lat;lon,lat…`, `polyline(…)` (precision 5)
 * or `polyline6(…)`. Returns [lon, lat] pairs; a malformed segment is InvalidUrl, an out-of-range
 * coordinate InvalidValue, as OSRM answers.
 */
export function parseCoordinates(segment: string, maxCount: number): [number, number][] {
  let points: [number, number][];
  const encoded = /^polyline(6?)\((.+)\)$/.exec(segment);
  if (encoded) {
    try {
      points = polyline.decode(decodeURIComponent(encoded[2]!), encoded[1] ? 6 : 5).map(([lat, lon]) => [lon, lat]);
    } catch {
      throw new OsrmError('InvalidUrl', `coordinates: cannot decode ${encoded[1] ? 'polyline6' : 'polyline'}(…)`);
    }
  } else {
    points = segment.split(';').map((pair, i) => {
      const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(pair);
      if (!m) throw new OsrmError('InvalidUrl', `coordinates[${i}] '${pair}' is not lon,lat`);
      return [Number(m[1]), Number(m[2])];
    });
  }
  points.forEach(([lon, lat], i) => {
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) throw new OsrmError('InvalidValue', `coordinates[${i}] ${lon},${lat} is out of range (lon -180..180, lat -90..90)`);
  });
  if (points.length > maxCount) throw new OsrmError('TooBig', `${points.length} coordinates: at most ${maxCount} per request`);
  return points;
}

/** `radiuses=r;r;…` (metres or `unlimited`, one per coordinate), capped at `cap` metres. */
export function parseRadiuses(value: string | undefined, count: number, cap: number): number[] {
  if (value === undefined || value === '') return new Array<number>(count).fill(cap);
  const parts = value.split(';');
  if (parts.length !== count) throw new OsrmError('InvalidOptions', `radiuses: ${parts.length} values for ${count} coordinates`);
  return parts.map((p, i) => {
    if (p === '' || p === 'unlimited') return cap;
    const r = Number(p);
    if (!(r >= 0) || !Number.isFinite(r)) throw new OsrmError('InvalidOptions', `radiuses[${i}] '${p}' must be metres ≥ 0 or 'unlimited'`);
    return Math.min(r, cap);
  });
}

/** `sources=0;2` / `destinations=all`: indices into the coordinates. */
export function parseIndexList(value: string | undefined, count: number, name: string): number[] {
  if (value === undefined || value === 'all') return Array.from({ length: count }, (_, i) => i);
  return value.split(';').map((p) => {
    const i = Number(p);
    if (!/^\d+$/.test(p) || i >= count) throw new OsrmError('InvalidOptions', `${name}: '${p}' is not a coordinate index (0..${count - 1})`);
    return i;
  });
}

/**
 * `avoid=lon,lat;lon,lat;…|…`: polygons to drive around (motorcade's extension), one ring each, rings
 * separated by `|`; a ring is closed for you when its last point differs from the first.
 */
export function parseAvoid(value: string | undefined, maxPolygons: number): Polygon[] {
  if (value === undefined || value === '') return [];
  const rings = value.split('|');
  if (rings.length > maxPolygons) throw new OsrmError('TooBig', `avoid: ${rings.length} polygons, at most ${maxPolygons}`);
  return rings.map((ring, r) => {
    const pts = ring.split(';').map((pair, i): [number, number] => {
      const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(pair);
      if (!m) throw new OsrmError('InvalidOptions', `avoid polygon ${r} point ${i} '${pair}' is not lon,lat`);
      return [Number(m[1]), Number(m[2])];
    });
    const first = pts[0]!;
    const last = pts[pts.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) pts.push([first[0], first[1]]);
    if (pts.length < 4) throw new OsrmError('InvalidOptions', `avoid polygon ${r} needs at least 3 distinct points`);
    return { type: 'Polygon', coordinates: [pts] };
  });
}

/** `close_edges=12;13`: directed edge ids to close (both directions), motorcade's extension. */
export function parseEdgeList(value: string | undefined, edgeCount: number, maxCount: number): number[] {
  if (value === undefined || value === '') return [];
  const parts = value.split(/[;,]/);
  if (parts.length > maxCount) throw new OsrmError('TooBig', `close_edges: ${parts.length} edges, at most ${maxCount}`);
  return parts.map((p) => {
    const e = Number(p);
    if (!/^\d+$/.test(p) || e >= edgeCount) throw new OsrmError('InvalidOptions', `close_edges: '${p}' is not an edge id (0..${edgeCount - 1})`);
    return e;
  });
}
