import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanThreat } from '../../../engine/model/run-plan.js';
import { runSweepLocal } from '../../../engine/run/sweep/run-sweep.js';
import type { SweepResult } from '../../../engine/run/sweep/sweep-result.js';
import { VariantSummary, VARIANT_SUMMARY_FORMAT } from '../../../engine/run/sweep/variant-summary.js';
import { sweepTable, writeSweepCsv } from '../../../cli/sweep-output.js';
import { latAt, lonAt } from '../../support/tiny-world.js';
import { closeAt, SAMPLES, SHORT_CLOSURES, sweepRoads as world } from '../../support/sweep-roads.js';

/** Sweeps score as runs do, on the hand-checkable roads of test/support/sweep-roads.ts. */
const entry = (r: SweepResult, id: string) => r.ranking.find((e) => e.id === id)!;

describe('a sweep scores like a run: over the samples that arrived, at the scenario’s rate', () => {
  const closures = SHORT_CLOSURES;
  const r = runSweepLocal(world({ closures }));

  it('scores only the arrived samples, and has no score where a plan never arrives', () => {
    expect(r.scoring).toEqual({ delayMinuteExposure: 60, minArrivedShare: 0.5 });
    // At 60 exposure-s a minute a second weighs one exposure-second: 40 s and 80 s, no exposure.
    expect(entry(r, 'plan_short')).toMatchObject({ meanScore: 40, arrivedShare: 0.3333, eligible: false });
    expect(entry(r, 'plan_long')).toMatchObject({ meanScore: 80, arrivedShare: 1, eligible: true });
    expect(entry(r, 'plan_dead')).toMatchObject({ meanScore: null, arrivedShare: 0, eligible: false, vsBest: null });
    const perVariant = r.perVariant.map((v) => v.plans.map((p) => [p.plan, p.meanScore, p.arrivedShare]));
    expect(perVariant).toEqual([
      [['plan_short', 40, 1], ['plan_long', 80, 1], ['plan_dead', null, 0]],
      [['plan_short', null, 0], ['plan_long', 80, 1], ['plan_dead', null, 0]],
      [['plan_short', null, 0], ['plan_long', 80, 1], ['plan_dead', null, 0]],
    ]);
  });

  it('never ranks first a plan arriving in fewer than min_arrived_share of its samples, however low its score', () => {
    expect(r.ranking.map((e) => e.id)).toEqual(['plan_long', 'plan_short', 'plan_dead']);
    // Paired only where both arrived: the 4 samples of the variant without a closure, 40 − 80 each.
    expect(entry(r, 'plan_short').vsBest).toEqual({ mean: -40, low: -40, high: -40, significant: true, pairs: SAMPLES });
  });

  it('puts on the time–exposure front only plans that arrive often enough, at their means over the arrived samples', () => {
    expect(r.pareto).toEqual([
      { plan: 'plan_short', meanTimeS: 40, meanExposure: 0, onFront: false },
      { plan: 'plan_long', meanTimeS: 80, meanExposure: 0, onFront: true },
      { plan: 'plan_dead', meanTimeS: null, meanExposure: null, onFront: false },
    ]);
  });

  it('reports each variant where a plan arrives too rarely as a break with that reason', () => {
    const reasons = Object.fromEntries(r.breaks.map((b) => [b.plan, b.variants.map((v) => `${v.label}: ${v.reason}`)]));
    expect(reasons).toEqual({
      plan_short: ['closed short west: arrives in 0 % of samples, below the 50 % minimum', 'closed short east: arrives in 0 % of samples, below the 50 % minimum'],
      plan_long: [],
      plan_dead: ['no closure', 'closed short west', 'closed short east'].map((l) => `${l}: arrives in 0 % of samples, below the 50 % minimum`),
    });
  });

  it('says so in the terminal table: did not arrive, and why the lowest score is not first', () => {
    const table = sweepTable(r, 160);
    expect(table).toMatch(/^score = 60 × minutes \+ exposure/m);
    expect(table).toMatch(/^ *3 +plan_dead +did not arrive +did not arrive +did not arrive +did not arrive +0% +- *$/m);
    expect(table).toMatch(/^ *1 +plan_long +80 .* best$/m);
    expect(table).toMatch(/^plan_short arrives in 33 % of its samples, below the 50 % minimum \(scoring\.min_arrived_share\): never ranked first$/m);
  });

  it('writes no number for a score that does not exist in the CSV, and says which plans are eligible', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-score-csv-'));
    try {
      writeSweepCsv(dir, r);
      const rows = fs.readFileSync(path.join(dir, 'ranking.csv'), 'utf8').split('\n').map((l) => l.split(','));
      expect(rows.slice(1, 4).map((c) => c.slice(1, 8))).toEqual([
        ['plan_long', '80', '80', '80', '0', '1', 'true'],
        ['plan_short', '40', '40', '40', '0', '0.3333', 'false'],
        ['plan_dead', '', '', '', '', '0', 'false'],
      ]);
      expect(fs.readFileSync(path.join(dir, 'variants.csv'), 'utf8')).toMatch(/^v\w+,closed short west,plan_short,,,0,$/m);
      expect(fs.readFileSync(path.join(dir, 'pareto.csv'), 'utf8')).toMatch(/^plan_dead,,,false$/m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same bytes whatever the shard size', () => {
    const one = world({ closures });
    one.spec.shardSamples = 1;
    const three = world({ closures });
    three.spec.shardSamples = 3;
    expect(JSON.stringify(runSweepLocal(one))).toBe(JSON.stringify(r));
    expect(JSON.stringify(runSweepLocal(three))).toBe(JSON.stringify(r));
  });

  it('with no plan arriving often enough, none is recommended: the first is only the lowest score', () => {
    // At a 90 % minimum: short arrives in 2 of 3 variants, long in 2 of 3, dead in none.
    const strict = runSweepLocal(world({ minArrivedShare: 0.9, closures: [closures[0]!, closures[1]!, { kind: 'closure', closure: closeAt('long west', 200, 2000) }] }));
    expect(strict.ranking.map((e) => [e.id, e.meanScore, e.arrivedShare, e.eligible])).toEqual([
      ['plan_short', 40, 0.6667, false],
      ['plan_long', 80, 0.6667, false],
      ['plan_dead', null, 0, false],
    ]);
    const table = sweepTable(strict, 160);
    expect(table).toMatch(/^no plan arrives in at least 90 % of its samples \(scoring\.min_arrived_share\): none is recommended$/m);
    expect(table).not.toMatch(/ best$/m);
    expect(strict.breaks.find((b) => b.plan === 'plan_long')!.variants.map((v) => v.reason)).toEqual(['arrives in 0 % of samples, below the 90 % minimum']);
  });
});

describe('the time/exposure trade-off rate decides between a fast exposed plan and a slow quiet one', () => {
  // A zone of intensity 1 over the whole short road: 40 exposure-s on it; the long road is 2 km away.
  const threats: PlanThreat[] = [{ id: 'zone', kind: 'protest', intensity: 1, area: { type: 'circle', lon: lonAt(200), lat: latAt(0), radiusM: 1000 }, fromS: 0, toS: 86400 }];

  it('at 0 a minute is worth nothing: exposure alone ranks, the quiet long plan first', () => {
    const r = runSweepLocal(world({ delayMinuteExposure: 0, threats }));
    expect(r.ranking.map((e) => [e.id, e.meanScore])).toEqual([['plan_long', 0], ['plan_short', 40], ['plan_dead', null]]);
  });

  it('at 600 a second is worth 10 exposure-s: 10 × 40 + 40 = 440 against 10 × 80 = 800, the fast plan first', () => {
    const r = runSweepLocal(world({ delayMinuteExposure: 600, threats }));
    expect(r.ranking.map((e) => [e.id, e.meanScore])).toEqual([['plan_short', 440], ['plan_long', 800], ['plan_dead', null]]);
    expect(entry(r, 'plan_long').vsBest).toMatchObject({ mean: 360, pairs: SAMPLES, significant: true });
  });
});

describe('the shard summary format', () => {
  it('refuses a summary of another format (what a worker of another version would hand back)', () => {
    const state = VariantSummary.empty('v', [[null]], [true]).toJSON();
    expect(state.format).toBe(VARIANT_SUMMARY_FORMAT);
    expect(() => VariantSummary.fromJSON({ ...state, format: 'motorcade-sweep-summary/2' } as never)).toThrow(/format motorcade-sweep-summary\/2, expected motorcade-sweep-summary\/3/);
  });
});
