import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The CLI as users run it: compiled JavaScript (`npm test` runs tsc first; alone, run `npm run build`). */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const main = path.join(root, 'dist', 'cli', 'main.js');
const fixtures = path.join(root, 'test', 'fixtures', 'geojson');
let tmp: string;

function motorcade(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', env: { ...process.env, MOTORCADE_CACHE: path.join(tmp, 'cache') }, timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-graph-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!fs.existsSync(main))('motorcade graph', () => {
  const source = (): string => {
    const file = path.join(tmp, 'roads.geojson');
    if (!fs.existsSync(file)) fs.copyFileSync(path.join(fixtures, 'shared-vertex.geojson'), file);
    return file;
  };

  it('build, then info from the cache (text and --json)', () => {
    const built = motorcade('graph', 'build', '--source', source());
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/5 nodes, 8 directed edges, .* km of road: built in \d+ ms \(no cache yet\)/);
    const info = motorcade('graph', 'info', '--source', source());
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toMatch(/graph +5 nodes, 8 directed edges \(4 roads\)/);
    expect(info.stdout).toMatch(/loaded from cache in [\d.]+ ms/);
    expect(info.stdout).toMatch(/shared vertices merged: 1/);
    expect(info.stdout).toMatch(/OpenStreetMap/);
    const json = motorcade('graph', 'info', '--source', source(), '--json');
    const parsed = JSON.parse(json.stdout) as { summary: { nodes: number; kmByClass: Record<string, number>; bbox: number[] }; fromCache: boolean; components: { dropped: { components: number } } };
    expect(parsed.summary.nodes).toBe(5);
    expect(parsed.fromCache).toBe(true);
    expect(Object.keys(parsed.summary.kmByClass).sort()).toEqual(['major', 'minor']);
    expect(parsed.summary.bbox).toEqual([104.9, 11.548, 104.904, 11.552]);
    expect(parsed.components.dropped.components).toBe(0);
  });

  it('export --format geojson writes every directed edge with its attributes', () => {
    const out = path.join(tmp, 'edges.geojson');
    const r = motorcade('graph', 'export', '--source', source(), '--format', 'geojson', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    const fc = JSON.parse(fs.readFileSync(out, 'utf8')) as { type: string; features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: number[][] } }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(8);
    const p = fc.features[0]!.properties;
    expect(Object.keys(p).sort()).toEqual(['bridge', 'class', 'from', 'id', 'length_m', 'name', 'oneway', 'time_s', 'to']);
    expect(fc.features[0]!.geometry.type).toBe('LineString');
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('export --format graphml writes GraphML', () => {
    const out = path.join(tmp, 'edges.graphml');
    const r = motorcade('graph', 'export', '--source', source(), '--format', 'graphml', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toMatch(/<graphml/);
    expect(text.match(/<edge /g)).toHaveLength(8);
    expect(text).toMatch(/attr.name="length_m"/);
  });

  it.each([
    [['graph', 'info', '--source', path.join('nowhere', 'missing.geojson')], /missing\.geojson: file not found/],
    [['graph', 'info', '--source', path.join(fixtures, 'malformed.geojson')], /malformed\.geojson: GeoJSON file is not valid JSON/],
    [['graph', 'info', '--source', path.join(fixtures, 'no-lines.geojson')], /no-lines\.geojson: no road lines/],
    [['graph', 'info', '--source', path.join(fixtures, 'out-of-range.geojson')], /coordinate out of range/],
    [['graph', 'info', '--source', 'roads.shp'], /unknown file type/],
    [['graph', 'info', '--city', 'atlantis'], /unknown city/],
    [['graph', 'info', '--data', path.join('no', 'such', 'dir')], /data folder not found/],
    [['graph', 'export', '--format', 'kml'], /--format 'kml' must be geojson or graphml/],
    [['graph', 'info', '--tolerance', 'wide'], /--tolerance 'wide' must be a number of metres/],
  ])('bad input %j → one line, exit 2, no stack trace', (args, message) => {
    const r = motorcade(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('no half-written cache after a failed import', () => {
    motorcade('graph', 'build', '--source', path.join(fixtures, 'malformed.geojson'));
    const cache = path.join(tmp, 'cache');
    const left = fs.existsSync(cache) ? fs.readdirSync(cache).filter((f) => f.includes('malformed')) : [];
    expect(left).toEqual([]);
  });
});
