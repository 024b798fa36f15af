import kinks from '@turf/kinks';
import type { Polygon, Position } from 'geojson';
import { InputError } from '../errors.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { ringsContain } from '../geo/point-in-polygon.js';
import { segmentsIntersect } from './area-geometry.js';
import { compileOverlay } from './overlay.js';

/**
 * Checks of a polygon to avoid (`route --avoid`), so that a mistyped area fails loudly instead of
 * closing nothing or everything:
 * - every position is [lon, lat] (an altitude may follow and is dropped) with lon in [-180, 180] and
 *   lat in [-90, 90], finite; a position that fits only as [lat, lon] is named as swapped;
 * - every ring is closed (first and last positions equal, RFC 7946 §3.1.6) with at least 3 distinct
 *   positions, and does not cross itself (a bow-tie; @turf/kinks finds the crossing);
 * - holes lie inside the outer ring and cross neither it nor each other; a first ring that lies
 *   inside a later one is named as holes listed before the outer ring.
 * Orientation: RFC 7946 asks for counterclockwise outer rings and clockwise holes but tells readers not
 * to refuse the other; both are accepted and normalised to the RFC's (what is inside does not depend on
 * it: containment is even-odd).
 */

/** A checked polygon with rings rewound to RFC 7946 orientation; throws InputError naming ring and position. */
export function checkAvoidPolygon(coordinates: unknown): Polygon {
  if (!Array.isArray(coordinates) || coordinates.length === 0) throw new InputError('a polygon needs at least one ring of [lon, lat] positions');
  const rings = coordinates.map((ring, r) => checkRing(ring, r));
  for (let r = 0; r < rings.length; r++) {
    const k = kinks({ type: 'Polygon', coordinates: [rings[r]!] });
    const at = k.features[0]?.geometry.coordinates;
    if (at) throw new InputError(`ring ${r} crosses itself near [${at.map((x) => round6(x)).join(', ')}] (a bow-tie or figure-eight): draw the area as one non-crossing ring, or as several polygons`);
  }
  const outer = rings[0]!;
  for (let h = 1; h < rings.length; h++) {
    const hole = rings[h]!;
    if (ringsCross(outer, hole)) throw new InputError(`ring ${h} (a hole) crosses the outer ring 0: a hole must lie inside it`);
    if (!hole.every((p) => ringsContain([outer], p[0]!, p[1]!))) {
      if (outer.every((p) => ringsContain([hole], p[0]!, p[1]!))) throw new InputError(`ring 0 lies inside ring ${h}: the outer ring must come first, its holes after it`);
      throw new InputError(`ring ${h} (a hole) is not inside the outer ring 0`);
    }
    for (let g = 1; g < h; g++) if (ringsCross(rings[g]!, hole)) throw new InputError(`rings ${g} and ${h} (holes) cross each other`);
  }
  return { type: 'Polygon', coordinates: rings.map((ring, r) => orient(ring, r === 0)) };
}

function checkRing(ring: unknown, r: number): Position[] {
  if (!Array.isArray(ring)) throw new InputError(`ring ${r}: expected an array of [lon, lat] positions`);
  const out = ring.map((p, i) => checkPosition(p, `ring ${r} position ${i}`));
  if (out.length < 4) throw new InputError(`ring ${r}: a ring needs at least 4 positions (3 corners and the first again), got ${out.length}`);
  const first = out[0]!;
  const last = out[out.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    throw new InputError(`ring ${r} is not closed: it starts at [${first.join(', ')}] and ends at [${last.join(', ')}] (RFC 7946: the last position repeats the first)`);
  }
  const distinct = new Set(out.map((p) => `${p[0]},${p[1]}`));
  if (distinct.size < 3) throw new InputError(`ring ${r}: needs at least 3 distinct corners, got ${distinct.size}`);
  return out;
}

function checkPosition(p: unknown, where: string): Position {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((x) => typeof x === 'number')) {
    throw new InputError(`${where}: expected [lon, lat] (numbers), got ${short(p)}`);
  }
  const [lon, lat] = p as number[];
  if (!Number.isFinite(lon!) || !Number.isFinite(lat!)) throw new InputError(`${where}: [${lon}, ${lat}] is not a finite position`);
  const lonOk = Math.abs(lon!) <= 180;
  const latOk = Math.abs(lat!) <= 90;
  if (lonOk && latOk) return [lon!, lat!];
  const swapped = Math.abs(lat!) <= 180 && Math.abs(lon!) <= 90;
  const what = !lonOk ? `longitude ${lon} is outside -180..180` : `latitude ${lat} is outside -90..90`;
  throw new InputError(`${where}: ${what}${swapped ? ` — [${lon}, ${lat}] looks like [lat, lon]; GeoJSON positions are [lon, lat]` : ''}`);
}

/** Whether any edge of ring a crosses or touches any edge of ring b. */
function ringsCross(a: Position[], b: Position[]): boolean {
  for (let i = 0; i + 1 < a.length; i++) {
    for (let j = 0; j + 1 < b.length; j++) {
      if (segmentsIntersect(a[i]![0]!, a[i]![1]!, a[i + 1]![0]!, a[i + 1]![1]!, b[j]![0]!, b[j]![1]!, b[j + 1]![0]!, b[j + 1]![1]!)) return true;
    }
  }
  return false;
}

/** Twice the signed area (shoelace): positive when counterclockwise. */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return s;
}

function orient(ring: Position[], counterclockwise: boolean): Position[] {
  return signedArea2(ring) > 0 === counterclockwise ? ring : [...ring].reverse();
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** How many directed edges each avoided polygon closes on its own (0: it touches no road of the graph). */
export function avoidClosedCounts(graph: RoadGraph, polygons: readonly Polygon[]): number[] {
  return polygons.map((p) => compileOverlay(graph, { avoidPolygons: [p] }).closedCount);
}
