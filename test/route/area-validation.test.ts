import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { avoidClosedCounts, checkAvoidPolygon } from '../../engine/route/area-validation.js';
import { readAvoidPolygons } from '../../cli/avoid-file.js';
import { randomGraph } from './random-graph.js';

/** --avoid polygons: ranges, closed and simple rings, holes inside; orientation normalised to RFC 7946. */
const square = (x0: number, y0: number, d: number) => [[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]];
const ccw = square(104.925, 11.553, 0.006);
const cw = [...ccw].reverse();
const hole = square(104.926, 11.554, 0.001).reverse();

describe('checkAvoidPolygon', () => {
  it.each([
    ['lon/lat swapped', [ccw.map(([x, y]) => [y, x])], /latitude 104.925 is outside -90..90 — \[11.553, 104.925\] looks like \[lat, lon\]/],
    ['longitude 204.9', [[[204.9, 11.553], ...ccw.slice(1, -1), [204.9, 11.553]]], /ring 0 position 0: longitude 204.9 is outside -180..180/],
    ['longitude 1e308', [[[1e308, 11.553], ...ccw.slice(1, -1), [1e308, 11.553]]], /longitude 1e\+308 is outside/],
    ['a NaN-like string', [[['104.9', 11.5], ...ccw.slice(1)]], /ring 0 position 0: expected \[lon, lat\] \(numbers\), got \["104.9",11.5\]/],
    ['a bow-tie', [[[104.925, 11.553], [104.931, 11.559], [104.931, 11.553], [104.925, 11.559], [104.925, 11.553]]], /ring 0 crosses itself near \[104.928, 11.556\]/],
    ['an unclosed ring', [ccw.slice(0, -1)], /ring 0 is not closed: it starts at \[104.925, 11.553\] and ends at \[104.925, 11.559\d*\]/],
    ['too few positions', [[[104.9, 11.5], [104.91, 11.5], [104.9, 11.5]]], /at least 4 positions/],
    ['three positions the same', [[[104.9, 11.5], [104.91, 11.5], [104.91, 11.5], [104.9, 11.5]]], /at least 3 distinct corners, got 2/],
    ['the hole listed first', [hole, ccw], /ring 0 lies inside ring 1: the outer ring must come first/],
    ['a hole outside the outer ring', [ccw, square(104.94, 11.554, 0.001)], /ring 1 \(a hole\) is not inside the outer ring 0/],
    ['a hole crossing the outer ring', [ccw, square(104.92, 11.554, 0.007)], /ring 1 \(a hole\) crosses the outer ring 0/],
    ['no rings', [], /at least one ring/],
  ])('refuses %s', (_what, coordinates, message) => {
    expect(() => checkAvoidPolygon(coordinates)).toThrow(message);
  });

  it('accepts either orientation and normalises to RFC 7946 (outer counterclockwise, holes clockwise)', () => {
    const a = checkAvoidPolygon([ccw, hole]);
    const b = checkAvoidPolygon([cw, [...hole].reverse()]);
    expect(a.coordinates).toEqual([ccw, hole]);
    expect(b.coordinates).toEqual(a.coordinates);
    // A third number (altitude) is dropped.
    expect(checkAvoidPolygon([ccw.map(([x, y]) => [x, y, 12])]).coordinates).toEqual([ccw]);
  });

  it('the avoid file names the feature of a bad polygon', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-avoid-')), 'avoid.geojson');
    fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ccw] } }, { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[ccw], [ccw.slice(0, -1)]] } }] }));
    expect(() => readAvoidPolygons(file)).toThrow(`${file}: features[1].geometry.coordinates[1]: ring 0 is not closed`);
  });
});

describe('avoidClosedCounts', () => {
  const graph = randomGraph({ cols: 20, rows: 20, seed: 'avoid-count' });
  const mid = graph.nodeCount / 2 + 10;
  const [x, y] = [graph.lon(mid), graph.lat(mid)];
  const around = (d: number) => checkAvoidPolygon([square(x - d, y - d, 2 * d)]);

  it('counts the directed edges each area closes on its own; far away: 0; same for either orientation', () => {
    const small = around(0.002);
    const big = around(0.004);
    const far = checkAvoidPolygon([square(x + 5, y + 5, 0.01)]);
    const [s, b, f] = avoidClosedCounts(graph, [small, big, far]);
    expect(s).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(s!);
    expect(f).toBe(0);
    const reversed = { type: 'Polygon' as const, coordinates: [[...small.coordinates[0]!].reverse()] };
    expect(avoidClosedCounts(graph, [reversed])).toEqual([s]);
  });
});
