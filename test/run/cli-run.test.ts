import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The CLI as users run it (built by `npm test` before vitest). Few spawns: each loads the city graph. */
const ROOT = path.join(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const SCENARIO = path.join(ROOT, 'scenarios', 'asean-2022-arrivals.yaml');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.skipIf(!fs.existsSync(CLI))('motorcade run / compare (CLI)', () => {
  it('--json is byte-identical for the same seed and complete; --csv and --geojson write files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-run-'));
    const geo = path.join(dir, 'routes.geojson');
    const first = cli('run', SCENARIO, '--samples', '4', '--seed', 'cli-test', '--json', '--csv', dir, '--geojson', geo);
    expect(first.code, first.err).toBe(0);
    const second = cli('run', SCENARIO, '--samples', '4', '--seed', 'cli-test', '--json');
    expect(second.out).toBe(first.out);
    const result = JSON.parse(first.out);
    expect(result.format).toBe('motorcade-run/1');
    expect(result.samples).toBe(4);
    expect(result.graph.attribution).toMatch(/OpenStreetMap/);
    expect(result.movements[0].options[0].route.coordinates.length).toBeGreaterThan(2);
    for (const f of ['options.csv', 'hotspots.csv', 'response.csv', 'events.csv']) expect(fs.existsSync(path.join(dir, f))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'options.csv'), 'utf8').split('\n')[0]).toMatch(/^movement,option,label/);
    const fc = JSON.parse(fs.readFileSync(geo, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.some((f: { geometry: { type: string } }) => f.geometry.type === 'LineString')).toBe(true);
  });

  it('terminal table: units in the header, the recommended option marked, a verdict per movement', () => {
    const r = cli('run', SCENARIO, '--samples', '2');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/★ /);
    expect(r.out).toMatch(/time p50 min/);
    expect(r.out.match(/verdict: /g)?.length).toBeGreaterThanOrEqual(5);
  });

  it('bad input: one clear line and exit code 2, no stack trace', () => {
    const bad = cli('run', SCENARIO, '--samples', 'many');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--samples must be a whole number/);
    expect(bad.err).not.toMatch(/ at .*\.js:\d+/);
    const missing = cli('run', 'no-such-scenario.yaml');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/not found: no-such-scenario.yaml/);
  });

  it('compare: options side by side, differences and verdict; a misspelt movement gets a suggestion', () => {
    const r = cli('compare', SCENARIO, '--movement', 'c1_pnh_hyatt', '--samples', '3');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/time p50 \(min\)/);
    expect(r.out).toMatch(/verdict: /);
    expect(r.out).not.toMatch(/a1_pnh_raffles/);
    const mv = cli('compare', SCENARIO, '--movement', 'c1_pnh_hyat', '--samples', '2');
    expect(mv.code).toBe(2);
    expect(mv.err).toMatch(/did you mean 'c1_pnh_hyatt'/);
  });
});
