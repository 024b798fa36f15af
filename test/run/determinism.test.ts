import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunAggregator } from '../../engine/run/aggregate.js';
import { runInProcess } from '../../engine/run/run-in-process.js';
import { planTasks, prepareRunFromPlan, runSampleChunk } from '../../engine/sim/sample-chunk.js';
import { basePlan, gridGraph, lonAt, latAt, movement, place } from '../support/tiny-world.js';
import { analyseRun } from '../../engine/analysis/run-analysis.js';

const g = gridGraph(6, 6);
const plan = basePlan({
  samples: 24,
  traffic: { bands: [{ fromS: 9.5 * 3600, toS: 10.5 * 3600, factorByClass: { minor: 0.6 }, default: 0.8 }], variationSigma: 0.25 },
  movements: [
    movement({ escort: { intersectionControl: 'none', convoySpeedKmh: 60, convoyLengthM: 60 }, to: place('b', 500, 300), options: [{ id: 'fast', label: 'primary', kind: 'fastest' }, { id: 'alt', label: 'alternate', kind: 'auto', rank: 1 }], departureWindowS: 600 }),
    movement({ id: 'm2', departureS: 10.2 * 3600, from: place('c', 0, 500), to: place('d', 500, 0) }),
  ],
  threats: [{ id: 't', kind: 'protest', intensity: 0.7, area: { type: 'circle', lon: lonAt(250), lat: latAt(150), radiusM: 80 }, fromS: 9 * 3600, toS: 11 * 3600 }],
  responders: [{ ...place('p', 300, 300), id: 'p', type: 'police', turnoutS: 45, fromS: 0, toS: 86400, count: 2 }],
  hospitals: [place('h', 0, 0)],
  injects: [{ id: 'c', atS: 10 * 3600 + 30, durationS: 600, note: 'crash', action: { type: 'close_road', ...place('x', 250, 0), radiusM: 10, label: 'crash' } }],
});

describe('determinism', () => {
  it('same seed → byte-identical JSON; another seed → different numbers', () => {
    const a = JSON.stringify(runInProcess(g, plan).result);
    const b = JSON.stringify(runInProcess(g, plan).result);
    expect(b).toBe(a);
    const c = JSON.stringify(runInProcess(g, plan, { seed: 'other' }).result);
    expect(c).not.toBe(a);
    expect(a).not.toMatch(/"(timings|prepareMs|builtAt)"/);
  });

  it('chunk size and chunk order do not change the result (as with any number of workers)', () => {
    const reference = JSON.stringify(runInProcess(g, plan).result);
    for (const size of [1, 5, 24]) {
      const ctx = prepareRunFromPlan(g, plan);
      const agg = new RunAggregator(ctx);
      const tasks = planTasks(ctx, size).reverse();
      for (const t of tasks) agg.add(t, runSampleChunk(ctx, t));
      expect(JSON.stringify(agg.result(analyseRun(ctx)))).toBe(reference);
    }
  });
});

describe('invariants over random seeds', () => {
  it('exposure ≥ 0, time > 0, response ≥ turnout, shares within 0..1', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), (seed) => {
        const ctx = prepareRunFromPlan(g, { ...plan, seed }, { samples: 6 });
        for (let mi = 0; mi < ctx.movements.length; mi++) {
          for (let oi = 0; oi < ctx.movements[mi]!.tracks.length; oi++) {
            const track = ctx.movements[mi]!.tracks[oi];
            for (const s of runSampleChunk(ctx, { movementIndex: mi, optionIndex: oi, sampleStart: 0, sampleEnd: 6 })) {
              expect(s.exposure.every((x) => x >= 0)).toBe(true);
              if (track) expect(s.timeS).toBeGreaterThan(0);
              const police = s.response[0]!;
              expect(police.p50S).toBeGreaterThanOrEqual(45);
              expect(police.p95S).toBeGreaterThanOrEqual(police.p50S);
              expect(police.maxS).toBeGreaterThanOrEqual(police.p95S);
              for (const st of [...s.response, ...s.evacuation]) {
                expect(st.withinShare).toBeGreaterThanOrEqual(0);
                expect(st.withinShare).toBeLessThanOrEqual(1);
              }
            }
          }
        }
      }),
      { numRuns: 15, seed: 42 },
    );
  });
});
