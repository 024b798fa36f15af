import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliBuilt, FIXTURES } from '../cli/cli-spawn.js';

/**
 * A landmark used at its gazetteer position snaps at any distance (the routing policy), and `route` warns
 * past the snap limit; validate, run and run --json give the same warning for a scenario, naming where the
 * landmark is first used. kti_airport is 1.1 km from the bundled graph's nearest road.
 */
const FILE = path.relative(path.join(FIXTURES, '..', '..'), path.join(FIXTURES, 'scenario-graph', 'far-landmark.yaml'));
const WARNING = new RegExp(`^${FILE.replace(/[.]/g, '\\.')} {2}movements\\.arrival\\.from {2}warning: landmark 'kti_airport' \\(.+\\) is 1\\.1 km from the nearest mapped road \\(more than the 1000 m snap limit\\)`);

describe('far-landmark warnings', () => {
  it('validate warns, names the movement that uses the landmark, and exits 0', () => {
    if (!cliBuilt) throw new Error('dist/ is not built: run npx tsc -p tsconfig.json');
    const r = cli(['validate', FILE]);
    expect(r.code, r.err).toBe(0);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(WARNING);
  });

  it('run --json carries it with its path, place and distance; the terminal run prints it on stderr', () => {
    const r = cli(['run', FILE, '--samples', '2', '--json']);
    expect(r.code, r.err).toBe(0);
    const res = JSON.parse(r.out) as { warnings: { path: string; place: string; kind: string; distanceM: number; message: string }[] };
    expect(res.warnings.map((w) => [w.path, w.place, w.kind])).toEqual([['movements.arrival.from', 'kti_airport', 'landmark_far_from_road']]);
    expect(res.warnings[0]!.distanceM).toBeGreaterThan(1000);
    const t = cli(['run', FILE, '--samples', '2']);
    expect(t.code, t.err).toBe(0);
    expect(t.err.trim().split('\n')[0]).toMatch(WARNING);
  });
});
