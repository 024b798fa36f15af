import { describe, expect, it } from 'vitest';
import { waterRuns } from '../../engine/import/geojson/bridge-runs.js';
import { WaterMask, type WaterPolygon } from '../../engine/import/geojson/water-mask.js';

/** A square ring (plane metres), closed. */
const square = (x0: number, y0: number, size: number): Float64Array => Float64Array.from([x0, y0, x0 + size, y0, x0 + size, y0 + size, x0, y0 + size, x0, y0]);

describe('WaterMask', () => {
  // A 400 m lake with a 100 m island in the middle.
  const lake: WaterPolygon = [square(0, 0, 400), square(150, 150, 100)];
  const mask = new WaterMask([lake], -100, -100, 600, 600);

  it('is wet inside the polygon, dry outside and on the island (holes)', () => {
    expect(mask.isWater(50, 50)).toBe(true);
    expect(mask.isWater(350, 200)).toBe(true);
    expect(mask.isWater(200, 200)).toBe(false); // island
    expect(mask.isWater(-50, 200)).toBe(false);
    expect(mask.isWater(450, 450)).toBe(false);
    expect(mask.isWater(5000, 5000)).toBe(false); // outside the raster
  });

  it('measures the stretch of a road over water, cut by the island', () => {
    // A road from x = -100 to 500 at y = 200: water 0..150 and 250..400 (the island is dry).
    const runs = waterRuns([-100, 200, 500, 200], mask, 30, 20);
    expect(runs).toHaveLength(2);
    expect(runs[0]![0]).toBeCloseTo(100, -1.2);
    expect(runs[0]![1]).toBeCloseTo(250, -1.2);
    expect(runs[1]![0]).toBeCloseTo(350, -1.2);
    expect(runs[1]![1]).toBeCloseTo(500, -1.2);
  });

  it('ignores a road brushing the water for less than the threshold, and merges short gaps', () => {
    // Along y = 5 for 25 m inside the lake corner: shorter than 30 m.
    expect(waterRuns([-100, 5, 20, 5], mask, 30, 20)).toEqual([]);
    // Two lakes 15 m apart along one road: one bridge.
    const twin = new WaterMask([[square(0, 0, 100)], [square(115, 0, 100)]], -50, -50, 300, 150);
    expect(twin.isWater(107, 50)).toBe(false);
    const runs = waterRuns([-20, 50, 240, 50], twin, 30, 20);
    expect(runs).toHaveLength(1);
    expect(runs[0]![1] - runs[0]![0]).toBeGreaterThan(200);
  });
});
