import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliBuilt, FIXTURES } from './cli-spawn.js';

/**
 * `run`, `compare` and `report` simulate on the graph the scenario names in `graph:`, as `validate`
 * checks it: the fixture scenario's places are in Paris, on a 4 × 4 grid road file next to it, and
 * thousands of kilometres from any Phnom Penh road.
 */
const SCENARIO = path.join(FIXTURES, 'scenario-graph', 'grid-scenario.yaml');

describe.skipIf(!cliBuilt)('the scenario graph: field', () => {
  it('validate, run, compare and report all use the grid road file', () => {
    const v = cli(['validate', SCENARIO]);
    expect(v.code, v.err).toBe(0);
    const run = cli(['run', SCENARIO, '--samples', '3', '--json']);
    expect(run.code, run.err).toBe(0);
    const result = JSON.parse(run.out);
    expect(result.graph).toMatchObject({ nodes: 12, source: 'geojson' });
    const route = result.movements[0].options[0].route;
    // hotel (2.3501, 48.8501) to venue (2.3559, 48.8559) along the grid: about 0.0058° east + 0.0058° north.
    expect(route.lengthM).toBeGreaterThan(1000);
    expect(route.lengthM).toBeLessThan(1200);
    for (const [lon, lat] of route.coordinates) {
      expect(lon).toBeGreaterThanOrEqual(2.35);
      expect(lon).toBeLessThanOrEqual(2.356);
      expect(lat).toBeGreaterThanOrEqual(48.85);
      expect(lat).toBeLessThanOrEqual(48.856);
    }
    const cmp = cli(['compare', SCENARIO, '--samples', '3']);
    expect(cmp.code, cmp.err).toBe(0);
    expect(cmp.out).toMatch(/length planned \(km\)\s+1\.1/);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-graph-')), 'report.html');
    const rep = cli(['report', SCENARIO, '--samples', '3', '-o', out]);
    expect(rep.code, rep.err).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('2.35');
  });
});
