import { describe, expect, it } from 'vitest';
import { runSweepLocal, runSweepShard, sweepWork, VariantContexts } from '../../../engine/run/sweep/run-sweep.js';
import type { SweepResult } from '../../../engine/run/sweep/sweep-result.js';
import { OutcomeSummary } from '../../../engine/run/sweep/variant-summary.js';
import { sweepTable } from '../../../cli/sweep-output.js';
import { ESCORTS, SAMPLES, SHORT_CLOSURES, sweepRoads as world } from '../../support/sweep-roads.js';

/**
 * A sweep's times and exposure are those of the samples that arrived, as a run's: a sample stopped at a
 * closure has no door-to-door time. On the hand-checkable roads of test/support/sweep-roads.ts.
 */
const entry = (r: SweepResult, id: string) => r.ranking.find((e) => e.id === id)!;

describe('an outcome summary', () => {
  it('counts every sample, and summarises time, exposure and score of those that arrived only', () => {
    const o = new OutcomeSummary();
    o.add(40, 5, 45, true, false);
    o.add(12, 3, 15, false, true);
    expect([o.samples, o.arrived, o.rerouted]).toEqual([2, 1, 1]);
    expect([o.time.count, o.time.mean(), o.exposure.mean(), o.meanScore()]).toEqual([1, 40, 5, 45]);
    const none = new OutcomeSummary();
    none.add(12, 3, 15, false, false);
    expect([none.samples, none.arrived, none.time.count, none.exposure.count, none.meanScore()]).toEqual([1, 0, 0, 0, null]);
  });
});

describe('times over the arrived samples: no closure and the short road closed × the escort as written (40 s) and capped at 18 km/h (80 s)', () => {
  // Variants in grid order: (none, as written), (none, slow), (west, as written), (west, slow).
  const loaded = world({ closures: SHORT_CLOSURES.slice(0, 2), escorts: ESCORTS });
  const r = runSweepLocal(loaded);

  it('gives a plan arriving in half its samples the time, p95 and histogram of those: 40 s ×4 and 80 s ×4', () => {
    expect(entry(r, 'plan_short')).toMatchObject({ meanTimeS: 60, p95TimeS: 80, meanExposure: 0, arrivedShare: 0.5, eligible: true });
    const h = r.timeHistograms.find((x) => x.plan === 'plan_short')!.histogram!;
    // No bin below 40 s: the samples stopped at the closure are not in it.
    expect([h.start, h.width, h.counts[0], h.counts[19], h.counts.reduce((a, c) => a + c, 0)]).toEqual([40, 2, SAMPLES, SAMPLES, 2 * SAMPLES]);
    expect(entry(r, 'plan_long')).toMatchObject({ meanTimeS: 120, p95TimeS: 160, arrivedShare: 1 });
    expect(r.pareto.find((p) => p.plan === 'plan_short')).toEqual({ plan: 'plan_short', meanTimeS: 60, meanExposure: 0, onFront: true });
  });

  it('merges shard summaries whose time p50 and p95 are the arrived samples’ (a variant where none arrived adds nothing)', () => {
    const work = sweepWork(loaded);
    const contexts = new VariantContexts(loaded.graph);
    const merged = work.variants.map((v) => runSweepShard(contexts, loaded.basePlan, loaded.spec, loaded.spec.plans, v, { sampleStart: 0, sampleEnd: SAMPLES }));
    const short = merged.map((s) => s.plans[0]!);
    expect(short.map((o) => [o.samples, o.arrived, o.time.count])).toEqual([[SAMPLES, SAMPLES, SAMPLES], [SAMPLES, SAMPLES, SAMPLES], [SAMPLES, 0, 0], [SAMPLES, 0, 0]]);
    const all = short.reduce((a, o) => a.merge(o), new OutcomeSummary());
    expect([all.time.quantile(0.5), all.time.quantile(0.95), all.time.count]).toEqual([40, 80, 2 * SAMPLES]);
  });

  it('has no time where nothing arrived: null per variant, null for the plan that never does', () => {
    expect(r.perVariant.map((v) => v.plans.map((p) => p.p95TimeS))).toEqual([
      [40, 80, null],
      [80, 160, null],
      [null, 80, null],
      [null, 160, null],
    ]);
    expect(entry(r, 'plan_dead')).toMatchObject({ meanTimeS: null, p95TimeS: null, meanExposure: null, arrivedShare: 0 });
    expect(r.timeHistograms.find((x) => x.plan === 'plan_dead')!.histogram).toBeNull();
    expect(sweepTable(r, 160)).toMatch(/^ *3 +plan_dead +did not arrive +did not arrive +did not arrive +did not arrive +0% /m);
  });

  it('gives the same bytes whatever the shard size', () => {
    const one = world({ closures: SHORT_CLOSURES.slice(0, 2), escorts: ESCORTS });
    one.spec.shardSamples = 1;
    expect(JSON.stringify(runSweepLocal(one))).toBe(JSON.stringify(r));
  });
});

describe('the p95 break is over the samples that arrived', () => {
  const reasons = (r: SweepResult) => Object.fromEntries(r.breaks.map((b) => [b.plan, b.variants.map((v) => `${v.label}: ${v.reason}`)]));

  it('breaks a plan that never arrives for its arrival, not for a p95 time, at a 30 s target', () => {
    const r = runSweepLocal(world({ closures: SHORT_CLOSURES.slice(0, 2), targets: { arrivedShare: 1, p95TimeS: 30 } }));
    expect(reasons(r)).toEqual({
      plan_short: ['no closure: p95 time 0.67 min passes the target 0.5 min', 'closed short west: arrives in 0 % of samples, below the 50 % minimum'],
      plan_long: ['no closure: p95 time 1.33 min passes the target 0.5 min', 'closed short west: p95 time 1.33 min passes the target 0.5 min'],
      plan_dead: ['no closure', 'closed short west'].map((l) => `${l}: arrives in 0 % of samples, below the 50 % minimum`),
    });
  });

  it('with both shares at 0 a plan arriving nowhere still breaks, saying so (its stopped samples read as 0 s before)', () => {
    const r = runSweepLocal(world({ minArrivedShare: 0, closures: SHORT_CLOSURES.slice(0, 2), targets: { arrivedShare: 0, p95TimeS: 30 } }));
    expect(reasons(r)).toEqual({
      plan_short: ['no closure: p95 time 0.67 min passes the target 0.5 min', 'closed short west: arrives in none of its samples'],
      plan_long: ['no closure: p95 time 1.33 min passes the target 0.5 min', 'closed short west: p95 time 1.33 min passes the target 0.5 min'],
      plan_dead: ['no closure: arrives in none of its samples', 'closed short west: arrives in none of its samples'],
    });
    expect(entry(r, 'plan_dead')).toMatchObject({ eligible: false, meanTimeS: null });
  });
});
