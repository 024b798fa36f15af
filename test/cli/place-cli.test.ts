import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliBuilt, STACK_LINE } from './cli-spawn.js';

interface RunJson {
  movements: { id: string; options: { id: string; response: { type: string; withinTargetShare: number }[] }[] }[];
}

/** Mean over every movement × option of the run's share of route within target for one responder type. */
function meanWithin(run: RunJson, type: string): number {
  const shares = run.movements.flatMap((m) => m.options.map((o) => o.response.find((r) => r.type === type)!.withinTargetShare));
  return shares.reduce((a, b) => a + b, 0) / shares.length;
}

describe.skipIf(!cliBuilt)('motorcade place', () => {
  it('writes a scenario that `run` accepts and that scores better for the placed type with the ordinary scoring', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-place-'));
    const out = path.join(dir, 'placed.yaml');
    const placed = cli(['place', 'scenarios/summit-day.yaml', '--types', 'qrf', '--grid', '4', '-o', out, '--json']);
    expect(placed.err).toBe('');
    expect(placed.code).toBe(0);
    const doc = JSON.parse(placed.out) as { written: string; types: { type: string; before: { withinShare: number }; after: { withinShare: number }; units: { id: string; from: string; to: string; reason: string }[] }[] };
    expect(doc.written).toBe(out);
    const qrf = doc.types[0]!;
    expect(qrf.type).toBe('qrf');
    expect(qrf.after.withinShare).toBeGreaterThan(qrf.before.withinShare);
    expect(qrf.units.every((u) => u.reason.includes(u.id))).toBe(true);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain('Responder placement by `motorcade place`');
    // Everything but the placed responders is as written (comments included).
    expect(text).toContain('# Planner\'s notes');

    const before = cli(['run', 'scenarios/summit-day.yaml', '--samples', '8', '--workers', '0', '--json']);
    const after = cli(['run', out, '--samples', '8', '--workers', '0', '--json']);
    expect(before.code).toBe(0);
    expect(after.code).toBe(0);
    const b = JSON.parse(before.out) as RunJson;
    const a = JSON.parse(after.out) as RunJson;
    expect(meanWithin(a, 'qrf')).toBeGreaterThan(meanWithin(b, 'qrf') + 0.05);
    // The other types were not placed: their coverage is unchanged.
    expect(meanWithin(a, 'police')).toBe(meanWithin(b, 'police'));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a scenario on its own road file, written to another folder: the road path is rewritten and the file validates', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-place-'));
    const out = path.join(dir, 'out.yaml');
    const r = cli(['place', 'test/fixtures/scenario-graph/grid-scenario.yaml', '--grid', '3', '--units', 'police=2', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/police_placed_1 +new unit → /);
    const text = fs.readFileSync(out, 'utf8');
    const graphLine = /^graph: (.+)$/m.exec(text)![1]!;
    expect(path.resolve(dir, graphLine)).toBe(path.resolve('test/fixtures/scenario-graph/grid-roads.geojson'));
    expect(text).toMatch(/police_placed_1: \{ type: police, at: \[ [\d.]+, [\d.]+ \], turnout: 60 s \}/);
    const v = cli(['validate', out]);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/2 responders/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints before/after per movement, the exhaustive gap and the random baseline, and the team roles', () => {
    const r = cli(['place', 'scenarios/summit-day.yaml', '--types', 'eod', '--exhaustive', '--random', '50']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/eod: 1 unit, target 1200 s/);
    expect(r.out).toMatch(/exhaustive optimum .* gap 0\.0 pp/);
    expect(r.out).toMatch(/50 random placements: .* at least as good as 50 of 50/);
    expect(r.out).toMatch(/a1_raffles_venue +primary +100\.0% → 100\.0%/);
    expect(r.out).toMatch(/security detail 1: bridge .*Chroy Changvar/);
    expect(r.out).toMatch(/EOD team eod_venue at /);
  });

  it.each([
    [['--objective', 'best'], /--objective must be within or p95, got "best"/],
    [['--units', 'police=1'], /--units police=1: the scenario has 4 police responders/],
    [['--units', 'tanks=2'], /--units: unknown responder type 'tanks'/],
    [['--grid', '0'], /--grid must be a whole number from 1 to 12, got "0"/],
    [['--candidate', 'nowhere_at_all'], /--candidate 'nowhere_at_all' is neither a place/],
    [['-o', 'scenarios/summit-day.yaml'], /-o scenarios\/summit-day\.yaml: is the scenario/],
  ])('bad input %j: one clear line, exit 2', (args, message) => {
    const r = cli(['place', 'scenarios/summit-day.yaml', ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(STACK_LINE);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
