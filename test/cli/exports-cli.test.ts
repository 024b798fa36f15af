import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../engine/paths.js';

const MAIN = path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', cwd: PACKAGE_ROOT, timeout: 120_000 });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-exports-'));
const ODBL = /^Road data © OpenStreetMap contributors, ODbL 1\.0$/;

type Geo = { type: string; coordinates: unknown };
type FC = { type: string; features: { type: string; geometry: Geo; properties: Record<string, unknown> }[]; [member: string]: unknown };

/** RFC 7946 structure: a FeatureCollection of Features, WGS84 positions, no `crs`, no FeatureCollection `properties`. */
function expectRfc7946(fc: FC): void {
  expect(fc.type).toBe('FeatureCollection');
  expect(fc).not.toHaveProperty('properties');
  expect(fc).not.toHaveProperty('crs');
  const position = (p: unknown): void => {
    expect(Array.isArray(p) && (p.length === 2 || p.length === 3)).toBe(true);
    const [x, y] = p as number[];
    expect(Math.abs(x!)).toBeLessThanOrEqual(180);
    expect(Math.abs(y!)).toBeLessThanOrEqual(90);
  };
  for (const f of fc.features) {
    expect(f.type).toBe('Feature');
    expect(typeof f.properties).toBe('object');
    const g = f.geometry;
    if (g.type === 'Point') position(g.coordinates);
    else if (g.type === 'LineString') {
      expect((g.coordinates as unknown[]).length).toBeGreaterThanOrEqual(2);
      (g.coordinates as unknown[]).forEach(position);
    } else if (g.type === 'MultiLineString') (g.coordinates as unknown[][]).forEach((l) => l.forEach(position));
    else if (g.type === 'Polygon') {
      for (const ring of g.coordinates as unknown[][]) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        ring.forEach(position);
      }
    } else throw new Error(`unexpected geometry ${g.type}`);
  }
}

describe('exports are valid RFC 7946 / CSV and carry the ODbL attribution (compiled dist/)', () => {
  it('run --geojson: no FeatureCollection properties; run facts in the `motorcade` member; one LineString per option, Points for the rest, all attributed; CSVs end in an attribution column', () => {
    const geo = path.join(tmp, 'run.geojson');
    const csvDir = path.join(tmp, 'csv');
    const r = cli('run', path.join(PACKAGE_ROOT, 'scenarios', 'summit-day.yaml'), '--samples', '4', '--seed', 'exports', '--geojson', geo, '--csv', csvDir);
    expect(r.status, r.stderr).toBe(0);
    const fc = JSON.parse(fs.readFileSync(geo, 'utf8')) as FC;
    expectRfc7946(fc);
    expect(fc['attribution']).toMatch(ODBL);
    expect(fc['motorcade']).toMatchObject({ seed: 'exports', samples: 4, partial: false });
    const kinds = new Map<string, Set<string>>();
    for (const f of fc.features) {
      expect(f.properties['attribution']).toMatch(ODBL);
      const k = String(f.properties['kind']);
      kinds.set(k, (kinds.get(k) ?? new Set()).add(f.geometry.type));
    }
    // One geometry type per kind, so a GIS that splits by geometry type gets each kind whole.
    expect(kinds.get('route')).toEqual(new Set(['LineString']));
    for (const [k, types] of kinds) if (k !== 'route') expect(types).toEqual(new Set(['Point']));
    for (const name of ['options.csv', 'hotspots.csv', 'response.csv', 'events.csv', 'histograms.csv']) {
      const lines = fs.readFileSync(path.join(csvDir, name), 'utf8').trimEnd().split('\n');
      expect(lines[0]!.endsWith(',attribution'), name).toBe(true);
      // The attribution holds a comma, so it is quoted (RFC 4180).
      for (const line of lines.slice(1)) expect(line.endsWith(',"© OpenStreetMap contributors, ODbL 1.0"'), `${name}: ${line}`).toBe(true);
    }
  });

  it('route --geojson and --service-area --geojson: RFC 7946 with the attribution member', () => {
    const route = path.join(tmp, 'route.geojson');
    expect(cli('route', '--from', 'pnh_airport', '--to', 'royal_palace', '--geojson', route).status).toBe(0);
    const area = path.join(tmp, 'area.geojson');
    expect(cli('route', '--from', 'royal_palace', '--service-area', '240,480', '--geojson', area).status).toBe(0);
    for (const file of [route, area]) {
      const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as FC;
      expectRfc7946(fc);
      expect(fc['attribution']).toMatch(ODBL);
    }
  });
});
