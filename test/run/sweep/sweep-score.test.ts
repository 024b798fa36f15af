import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../engine/graph/graph-builder.js';
import { roadClassCode } from '../../../engine/graph/road-class.js';
import type { RoadGraph } from '../../../engine/graph/road-graph.js';
import type { PlanInject, PlanThreat, RunPlan } from '../../../engine/model/run-plan.js';
import type { Scenario } from '../../../engine/scenario/model.js';
import type { LoadedSweep } from '../../../engine/run/sweep/load-sweep.js';
import { runSweepLocal } from '../../../engine/run/sweep/run-sweep.js';
import type { DimensionValue, SweepSpec } from '../../../engine/run/sweep/sweep-model.js';
import type { SweepResult } from '../../../engine/run/sweep/sweep-result.js';
import { VariantSummary, VARIANT_SUMMARY_FORMAT } from '../../../engine/run/sweep/variant-summary.js';
import { sweepTable } from '../../../cli/sweep-output.js';
import { basePlan, latAt, lonAt, movement, place } from '../../support/tiny-world.js';

/**
 * Sweeps score as runs do, on roads where every number can be worked out by hand: three separate
 * straight roads of 100 m edges at 36 km/h (10 m/s), no junctions, no traffic variation, so every
 * sample of a movement is the same day.
 * - short: 400 m along y = 0 (40 s), its only way;
 * - long: 800 m along y = 2 km (80 s);
 * - dead: 400 m along y = 4 km, closed from midnight in the base plan, so it never arrives.
 * Each plan drives one of them.
 */
const ROADS = [
  { y: 0, edges: 4 },
  { y: 2000, edges: 8 },
  { y: 4000, edges: 4 },
];
const SAMPLES = 4;

function roads(): RoadGraph {
  const b = new GraphBuilder();
  const cls = roadClassCode('minor')!;
  let first = 0;
  for (const r of ROADS) {
    for (let i = 0; i <= r.edges; i++) b.addNode(lonAt(i * 100), latAt(r.y));
    for (let i = 0; i < r.edges; i++) b.addSegment({ from: first + i, to: first + i + 1, lengthM: 100, speedKmh: 36, roadClass: cls });
    first += r.edges + 1;
  }
  return b.build({ source: { kind: 'test-roads' }, report: {}, builtAt: 'test' });
}

const closeAt = (label: string, xM: number, yM: number) => ({ label, lon: lonAt(xM), lat: latAt(yM), radiusM: 30 });

function world(opts: { delayMinuteExposure?: number; minArrivedShare?: number; threats?: PlanThreat[]; closures?: DimensionValue[] } = {}): LoadedSweep {
  const deadClosed: PlanInject = { id: 'dead-closed', atS: 0, durationS: null, note: 'dead road closed all day', action: { type: 'close_road', ...closeAt('dead road', 200, 4000) } };
  const plan: RunPlan = basePlan({
    movements: ROADS.map((r, i) => movement({ id: ['m_short', 'm_long', 'm_dead'][i]!, from: place(`from${i}`, 0, r.y), to: place(`to${i}`, r.edges * 100, r.y) })),
    threats: opts.threats ?? [],
    injects: [deadClosed],
  });
  plan.scoring.delayMinuteExposure = opts.delayMinuteExposure ?? 60;
  plan.scoring.minArrivedShare = opts.minArrivedShare ?? 0.5;
  const planOf = (id: string, movementIndex: number) => ({ id, choices: [{ movementIndex, optionIndex: 0, movementId: plan.movements[movementIndex]!.id, optionId: 'fast' }] });
  const spec: SweepSpec = {
    name: 'tiny',
    file: '/tmp/tiny-sweep.yaml',
    scenarioFile: '/tmp/tiny.yaml',
    samples: SAMPLES,
    seed: 'tiny',
    shardSamples: SAMPLES,
    dimensions: opts.closures ? [{ key: 'closure', values: opts.closures }] : [],
    plans: [planOf('plan_short', 0), planOf('plan_long', 1), planOf('plan_dead', 2)],
    sampling: { method: 'grid', variants: null, seed: '1' },
    targets: { arrivedShare: 1, p95TimeS: null },
  };
  return { spec, graph: roads(), scenario: {} as Scenario, basePlan: plan };
}

const entry = (r: SweepResult, id: string) => r.ranking.find((e) => e.id === id)!;

describe('a sweep scores like a run: over the samples that arrived, at the scenario’s rate', () => {
  // No closure, a closure on the short road's only way west and one east: the short plan arrives in 1 of 3 variants.
  const closures: DimensionValue[] = [
    { kind: 'closure', closure: null },
    { kind: 'closure', closure: closeAt('short west', 200, 0) },
    { kind: 'closure', closure: closeAt('short east', 300, 0) },
  ];
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

  it('puts on the time–exposure front only plans that arrive often enough (dead stops at once: 0 s, no exposure)', () => {
    expect(r.pareto).toEqual([
      { plan: 'plan_short', meanTimeS: expect.any(Number), meanExposure: 0, onFront: false },
      { plan: 'plan_long', meanTimeS: 80, meanExposure: 0, onFront: true },
      { plan: 'plan_dead', meanTimeS: 0, meanExposure: 0, onFront: false },
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
    expect(table).toMatch(/^ *3 +plan_dead +did not arrive /m);
    expect(table).toMatch(/^ *1 +plan_long +80 .* best$/m);
    expect(table).toMatch(/^plan_short arrives in 33 % of its samples, below the 50 % minimum \(scoring\.min_arrived_share\): never ranked first$/m);
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
    expect(() => VariantSummary.fromJSON({ ...state, format: 'motorcade-sweep-summary/1' } as never)).toThrow(/format motorcade-sweep-summary\/1, expected motorcade-sweep-summary\/2/);
  });
});
