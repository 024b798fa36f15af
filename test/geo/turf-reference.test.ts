import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import turfDistance from '@turf/distance';
import turfLength from '@turf/length';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import booleanIntersects from '@turf/boolean-intersects';
import { lineString, point, polygon } from '@turf/helpers';
import type { Polygon } from 'geojson';
import { haversineM, polylineLengthM } from '../../engine/geo/haversine.js';
import { polygonContains, polylineIntersectsPolygon } from '../../engine/route/area-geometry.js';
import { distanceToAreaM } from '../../engine/metrics/threat-geometry.js';

/**
 * Our geometry lives on hot paths (typed arrays, no GeoJSON objects), so it is hand-written; Turf is the
 * reference it must agree with. Points are drawn around Phnom Penh; fast-check prints the seed on failure.
 */
const SEED = Number(process.env['GEO_SEED'] ?? 20221111);
const lon = fc.double({ min: 104.7, max: 105.05, noNaN: true });
const lat = fc.double({ min: 11.4, max: 11.7, noNaN: true });
const pt = fc.tuple(lon, lat);

// A city block with a courtyard (hole), like the water polygons with islands.
const ring: [number, number][] = [[104.90, 11.54], [104.94, 11.54], [104.95, 11.57], [104.92, 11.59], [104.89, 11.57], [104.90, 11.54]];
const hole: [number, number][] = [[104.91, 11.555], [104.93, 11.555], [104.93, 11.57], [104.91, 11.57], [104.91, 11.555]];
const block: Polygon = { type: 'Polygon', coordinates: [ring, hole] };
const nearBlock = fc.tuple(fc.double({ min: 104.88, max: 104.96, noNaN: true }), fc.double({ min: 11.53, max: 11.60, noNaN: true }));

describe('geometry agrees with Turf', () => {
  it('haversine distance equals @turf/distance to 1e-9 relative', () => {
    fc.assert(
      fc.property(pt, pt, ([a, b], [c, d]) => {
        const ours = haversineM(a, b, c, d);
        const turf = turfDistance(point([a, b]), point([c, d]), { units: 'meters' });
        expect(Math.abs(ours - turf)).toBeLessThanOrEqual(1e-9 * Math.max(1, turf));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('polyline length equals @turf/length', () => {
    fc.assert(
      fc.property(fc.array(pt, { minLength: 2, maxLength: 12 }), (pts) => {
        const turf = turfLength(lineString(pts), { units: 'meters' });
        expect(Math.abs(polylineLengthM(pts) - turf)).toBeLessThanOrEqual(1e-9 * Math.max(1, turf));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('point in polygon (with a hole) equals @turf/boolean-point-in-polygon', () => {
    const turfBlock = polygon([ring, hole]);
    fc.assert(
      fc.property(nearBlock, ([x, y]) => {
        expect(polygonContains(block, x, y)).toBe(booleanPointInPolygon(point([x, y]), turfBlock));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('a threat polygon has distance 0 exactly where Turf says the point is inside', () => {
    const area = { type: 'polygon' as const, coordinates: [ring, hole] };
    fc.assert(
      fc.property(nearBlock, ([x, y]) => {
        const inside = booleanPointInPolygon(point([x, y]), polygon([ring, hole]));
        const d = distanceToAreaM(area as never, x, y);
        if (inside) expect(d).toBe(0);
        else expect(d).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('a circle zone: distance = centre distance − radius, clamped at 0', () => {
    fc.assert(
      fc.property(pt, fc.double({ min: 10, max: 2000, noNaN: true }), ([x, y], r) => {
        const c = { type: 'circle' as const, lon: 104.92, lat: 11.56, radiusM: r };
        const centre = turfDistance(point([x, y]), point([c.lon, c.lat]), { units: 'meters' });
        expect(distanceToAreaM(c as never, x, y)).toBeCloseTo(Math.max(0, centre - r), 6);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('a road crossing an avoided polygon is detected as @turf/boolean-intersects does', () => {
    const turfBlock = polygon([ring, hole]);
    fc.assert(
      fc.property(fc.array(nearBlock, { minLength: 2, maxLength: 5 }), (pts) => {
        expect(polylineIntersectsPolygon(pts, block)).toBe(booleanIntersects(lineString(pts), turfBlock));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
