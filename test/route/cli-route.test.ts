import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../engine/paths.js';

const MAIN = path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-route-'));

function run(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [MAIN, 'route', ...args], { encoding: 'utf8', cwd: PACKAGE_ROOT, timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('motorcade route (CLI, compiled dist/)', () => {
  beforeAll(() => {
    if (!fs.existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` first (npm test does)');
  });

  it('prints a readable route between landmarks, through a --via stop', () => {
    const r = run('--from', 'pnh_airport', '--via', 'wat_phnom', '--to', 'sokha_hotel');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Route pnh_airport → wat_phnom → sokha_hotel/);
    expect(r.out).toMatch(/\d+\.\d min, \d+\.\d+ km/);
    expect(r.out).toMatch(/road classes: /);
    expect(r.out).toMatch(/bridges: /);
  });

  let fastestEdges: number[] = [];
  it('--json with --alternatives: routes within the stretch, fastest first; --geojson writes a FeatureCollection', () => {
    const file = path.join(tmp, 'alt.geojson');
    const r = run('--from', 'pnh_airport', '--to', 'royal_palace', '--alternatives', '3', '--json', '--geojson', file);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { routes: { time_s: number; cost_s: number; legs: { edges: number[] }[] }[] };
    fastestEdges = doc.routes[0]!.legs[0]!.edges;
    expect(doc.routes.length).toBeGreaterThanOrEqual(2);
    for (const x of doc.routes) expect(x.cost_s).toBeLessThanOrEqual(doc.routes[0]!.cost_s * 1.4 + 0.1);
    const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as { type: string; features: { geometry: { type: string }; properties?: Record<string, unknown> }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.filter((f) => f.geometry.type === 'LineString' && f.properties?.['role'] !== 'snap').length).toBe(doc.routes.length);
  });

  it('--depart at peak is slower than at night', () => {
    const peak = JSON.parse(run('--from', 'pnh_airport', '--to', 'royal_palace', '--depart', '17:30', '--json').out) as { routes: { time_s: number }[] };
    const night = JSON.parse(run('--from', 'pnh_airport', '--to', 'royal_palace', '--depart', '02:00', '--json').out) as { routes: { time_s: number }[] };
    expect(peak.routes[0]!.time_s).toBeGreaterThan(1.5 * night.routes[0]!.time_s);
  });

  it('--close-edge and --avoid change the route', () => {
    expect(fastestEdges.length).toBeGreaterThan(2);
    const mid = fastestEdges[Math.floor(fastestEdges.length / 2)]!;
    // Also avoid a square around Independence Monument (104.928, 11.5564).
    const file = path.join(tmp, 'avoid.geojson');
    const d = 0.002;
    fs.writeFileSync(file, JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[104.928 - d, 11.5564 - d], [104.928 + d, 11.5564 - d], [104.928 + d, 11.5564 + d], [104.928 - d, 11.5564 + d], [104.928 - d, 11.5564 - d]]] } }));
    const r = run('--from', 'pnh_airport', '--to', 'royal_palace', '--close-edge', String(mid), '--avoid', file, '--json');
    expect(r.code, r.err).toBe(0);
    const closed = JSON.parse(r.out) as { routes: { legs: { edges: number[] }[] }[] };
    expect(closed.routes[0]!.legs[0]!.edges).not.toContain(mid);
  });

  it('--service-area writes nested service areas as GeoJSON', () => {
    const file = path.join(tmp, 'sa.geojson');
    const r = run('--from', 'sokha_hotel', '--service-area', '240,480', '--geojson', file, '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { service_areas: { cutoff_s: number; road_length_m: number }[] };
    expect(doc.service_areas.map((a) => a.cutoff_s)).toEqual([240, 480]);
    expect(doc.service_areas[0]!.road_length_m).toBeLessThan(doc.service_areas[1]!.road_length_m);
    const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: { geometry: { type: string } }[] };
    expect(fc.features.some((f) => f.geometry.type === 'Polygon')).toBe(true);
  });

  it('--batch: one line per row, bad rows reported with their line number and exit code 2', () => {
    const file = path.join(tmp, 'od.csv');
    fs.writeFileSync(file, 'from_lon,from_lat,to_lon,to_lat\n104.84,11.55,104.93,11.56\n104.9,abc,104.93,11.56\n104.92,11.57,104.88,11.53\n');
    const r = run('--batch', file);
    expect(r.code).toBe(2);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('line,from_lon,from_lat,to_lon,to_lat,status,time_s,length_m,snap_from_m,snap_to_m,attribution');
    for (const l of lines.slice(1).filter((x) => x !== '')) expect(l).toMatch(/,"Road data © OpenStreetMap contributors, ODbL 1\.0"$/);
    expect(lines.length).toBe(4);
    expect(lines[1]).toMatch(/^2,104\.84,11\.55,104\.93,11\.56,ok,\d+/);
    expect(lines[2]).toMatch(/^3,.*bad-row/);
    expect(lines[3]).toMatch(/^4,.*ok/);
    expect(r.err).toMatch(/od\.csv:3: from_lat 'abc' is not a decimal number/);
  });

  it('bad input: one clear line and exit code 2', () => {
    const unknown = run('--from', 'pnh_airprot', '--to', 'sokha_hotel');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--from 'pnh_airprot' is not a known place or LON,LAT \(did you mean 'pnh_airport'\?\)/);
    expect(unknown.err).not.toMatch(/\n\s+at /);
    expect(run('--from', 'pnh_airport', '--to', 'sokha_hotel', '--depart', '25:00').err).toMatch(/--depart '25:00' is not a time of day/);
    expect(run('--from', 'pnh_airport').err).toMatch(/needs --from and --to/);
    expect(run('--from', '10,10', '--to', 'sokha_hotel').err).toMatch(/more than 1000 m from any road/);
  });
});
