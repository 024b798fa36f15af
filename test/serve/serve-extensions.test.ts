import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ringsContain } from '../../engine/geo/point-in-polygon.js';
import { EdgeSnapper } from '../../engine/graph/edge-snapper.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { PACKAGE_ROOT, phnomPenhDataDir } from '../../engine/paths.js';
import { MAIN, startServer } from './server-process.js';

let server: Awaited<ReturnType<typeof startServer>>;

describe('motorcade serve extensions: isochrone and POST /scenario/run (loopback)', () => {
  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` first (npm test does)');
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('isochrone: closed, counter-clockwise polygons that cover the reachable roads and leave open river water out', async () => {
    const res = await fetch(`${server.url}isochrone/v1/driving/104.9305,11.56348?contours_minutes=5,15`, { signal: AbortSignal.timeout(60_000) });
    expect(res.status).toBe(200);
    const fc = (await res.json()) as { type: string; features: { geometry: { type: string; coordinates: number[][][][] }; properties: { contour: number } }[]; attribution: string };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.attribution).toMatch(/OpenStreetMap/);
    expect(fc.features.map((f) => f.properties.contour)).toEqual([15, 5]);
    for (const f of fc.features) {
      expect(f.geometry.type).toBe('MultiPolygon');
      for (const poly of f.geometry.coordinates) {
        for (const [k, ring] of poly.entries()) {
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          const area = ring.slice(1).reduce((a, p, i) => a + ring[i]![0]! * p[1]! - p[0]! * ring[i]![1]!, 0);
          if (k === 0) expect(area).toBeGreaterThan(0);
          else expect(area).toBeLessThan(0);
        }
      }
    }
    const inside = (x: number, y: number, f: (typeof fc.features)[number]): boolean => f.geometry.coordinates.some((poly) => ringsContain(poly, x, y));
    // The start is inside both; water farther than 400 m from any road (mid-river) is inside neither.
    for (const f of fc.features) expect(inside(104.9305, 11.5645, f)).toBe(true);
    const { graph } = await loadGraph();
    const snapper = new EdgeSnapper(graph);
    const water = JSON.parse(fs.readFileSync(path.join(phnomPenhDataDir(), 'water.geojson'), 'utf8')) as { features: { geometry: { type: string; coordinates: number[][][] } }[] };
    const open: [number, number][] = [];
    for (let x = 104.9; x <= 104.97 && open.length < 40; x += 0.003) {
      for (let y = 11.53; y <= 11.6; y += 0.003) {
        const wet = water.features.some((w) => w.geometry.type === 'Polygon' && ringsContain(w.geometry.coordinates, x, y));
        if (wet && !snapper.nearest(x, y, { maxDistanceM: 400 })) open.push([x, y]);
      }
    }
    expect(open.length).toBeGreaterThan(5);
    for (const [x, y] of open) expect(inside(x, y, fc.features[0]!), `${x},${y}`).toBe(false);
  });

  it('POST /scenario/run: the same JSON as `motorcade run --json`, YAML or JSON body; problems are InvalidQuery', async () => {
    const file = path.join(PACKAGE_ROOT, 'scenarios', 'summit-day.yaml');
    const cli = spawnSync(process.execPath, [MAIN, 'run', file, '--samples', '40', '--json', '--workers', '0'], { encoding: 'utf8', cwd: PACKAGE_ROOT, timeout: 120_000 });
    expect(cli.status, cli.stderr).toBe(0);
    const yaml = fs.readFileSync(file, 'utf8');
    const res = await fetch(`${server.url}scenario/run?samples=40&id=summit-day`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: yaml, signal: AbortSignal.timeout(120_000) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(cli.stdout));

    const bad = await fetch(`${server.url}scenario/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": 3}', signal: AbortSignal.timeout(30_000) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('InvalidQuery');
    const big = await fetch(`${server.url}scenario/run?samples=10000000`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: yaml, signal: AbortSignal.timeout(30_000) });
    expect(((await big.json()) as { code: string }).code).toBe('TooBig');
    const huge = await fetch(`${server.url}scenario/run`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: 'x'.repeat(300 * 1024), signal: AbortSignal.timeout(30_000) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { code: string }).code).toBe('TooBig');
  });

  it('a host other than loopback gets a warning on stderr before anything else happens; bad flags exit 2', () => {
    // A missing --source fails before the server binds: nothing listens beyond loopback in a test.
    const r = spawnSync(process.execPath, [MAIN, 'serve', '--port', '0', '--host', '0.0.0.0', '--source', 'no-such-roads.geojson'], { encoding: 'utf8', cwd: PACKAGE_ROOT, timeout: 30_000 });
    expect(r.stderr).toMatch(/warning: listening on 0\.0\.0\.0: the API has no authentication/);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const p = spawnSync(process.execPath, [MAIN, 'serve', '--port', 'x'], { encoding: 'utf8', cwd: PACKAGE_ROOT, timeout: 30_000 });
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/--port 'x' must be a whole number/);
  });
});
