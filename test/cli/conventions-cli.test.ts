import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, phnomPenhDataDir } from '../../engine/paths.js';

const MAIN = path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', cwd: PACKAGE_ROOT, timeout: 120_000 });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-conventions-'));
const SCENARIO = path.join(PACKAGE_ROOT, 'scenarios', 'summit-day.yaml');

describe('one spelling per concept, --json where a result is printed (compiled dist/)', () => {
  it('route --json gives each place\'s coordinates, where it snapped and how far', () => {
    const r = cli('route', '--from', 'royal_palace', '--to', '104.92,11.57', '--json');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { places: { role: string; lon: number; lat: number; snapped: { lon: number; lat: number; distance_m: number; edge: number } }[] };
    expect(doc.places.map((p) => p.role)).toEqual(['from', 'to']);
    expect(doc.places[1]).toMatchObject({ lon: 104.92, lat: 11.57 });
    for (const p of doc.places) {
      expect(p.snapped.distance_m).toBeGreaterThanOrEqual(0);
      expect(p.snapped.distance_m).toBeLessThan(1000);
      // The snap distance is the distance between the two points given (within rounding).
      const dx = (p.snapped.lon - p.lon) * 111_320 * Math.cos((p.lat * Math.PI) / 180);
      const dy = (p.snapped.lat - p.lat) * 110_574;
      expect(Math.hypot(dx, dy)).toBeCloseTo(p.snapped.distance_m, -1);
    }
  });

  it('graph export -o / --out, and the old --output still works (hidden)', () => {
    const a = path.join(tmp, 'a.geojson');
    const b = path.join(tmp, 'b.geojson');
    expect(cli('graph', 'export', '--format', 'geojson', '-o', a).status).toBe(0);
    expect(cli('graph', 'export', '--format', 'geojson', '--output', b).status).toBe(0);
    expect(fs.readFileSync(a, 'utf8')).toBe(fs.readFileSync(b, 'utf8'));
    const help = cli('graph', 'export', '--help').stdout;
    expect(help).toMatch(/-o, --out <file>/);
    expect(help).not.toMatch(/--output/);
  });

  it('validate --data like every other command; --data-dir still accepted (hidden)', () => {
    for (const flag of ['--data', '--data-dir']) {
      const r = cli('validate', flag, phnomPenhDataDir(), SCENARIO, '--json');
      expect(r.status, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { ok: boolean }[])[0]!.ok).toBe(true);
    }
    expect(cli('validate', '--help').stdout).not.toMatch(/--data-dir/);
  });

  it('compare --json prints the run result narrowed to the movement asked for', () => {
    const r = cli('compare', SCENARIO, '--samples', '20', '--json');
    expect(r.status, r.stderr).toBe(0);
    const all = JSON.parse(r.stdout) as { format: string; movements: { id: string; recommended: string }[] };
    expect(all.format).toBe('motorcade-run/1');
    const one = JSON.parse(cli('compare', SCENARIO, '--samples', '20', '--json', '--movement', all.movements[1]!.id).stdout) as typeof all;
    expect(one.movements).toEqual([all.movements[1]]);
  });
});
