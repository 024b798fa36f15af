import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyseRun } from '../../engine/analysis/run-analysis.js';
import { RunAggregator } from '../../engine/run/aggregate.js';
import { runInProcess } from '../../engine/run/run-in-process.js';
import { PreparedRun } from '../../engine/sim/prepared-run.js';
import { planTasks, runSampleChunk } from '../../engine/sim/sample-chunk.js';
import { basePlan, gridGraph, movement, place } from '../support/tiny-world.js';

// Two options with a route and one without (its via point is off the graph).
const g = gridGraph(5, 5);
const plan = basePlan({
  samples: 6,
  movements: [
    movement({
      options: [
        { id: 'fast', label: 'primary', kind: 'fastest' },
        { id: 'north', label: 'alternate', kind: 'via', via: [place('v1', 0, 300), place('v2', 400, 300)] },
        { id: 'far', label: 'contingency', kind: 'via', via: [place('nowhere', 50_000, 50_000)] },
      ],
    }),
  ],
});

afterEach(() => vi.restoreAllMocks());

describe('run analysis', () => {
  it('simulates each routed option\'s nominal run and playback sample once per run, none for an option without a route', () => {
    const nominal = vi.spyOn(PreparedRun.prototype, 'nominal');
    const playback = vi.spyOn(PreparedRun.prototype, 'recordSample');
    const { result, analysis, ctx } = runInProcess(g, plan);
    expect(result.movements[0]!.options.map((o) => o.found)).toEqual([true, true, false]);
    expect(result.movements[0]!.options[2]!.reason).toMatch(/via nowhere is more than 1000 m from any road/);
    expect(nominal).toHaveBeenCalledTimes(2);
    expect(playback).toHaveBeenCalledTimes(2);
    expect(analysis.options[0]!.map((o) => o.nominal !== null)).toEqual([true, true, false]);

    // result() only summarises: asking again, partial or not, simulates nothing more and gives the same analysis.
    const agg = new RunAggregator(ctx);
    for (const t of planTasks(ctx, 4)) agg.add(t, runSampleChunk(ctx, t));
    const again = agg.result(analysis);
    agg.result(analysis, { partial: true });
    expect(nominal).toHaveBeenCalledTimes(2);
    expect(playback).toHaveBeenCalledTimes(2);
    expect(JSON.stringify(again)).toBe(JSON.stringify(result));
  });

  it('is the same for a partial result: it depends on the plan, never on the samples done', () => {
    const { ctx, analysis } = runInProcess(g, plan);
    const agg = new RunAggregator(ctx);
    const [first] = planTasks(ctx, 2);
    agg.add(first!, runSampleChunk(ctx, first!));
    const partial = agg.result(analysis, { partial: true });
    const full = runInProcess(g, plan).result;
    expect(partial.movements[0]!.options[0]!.samplesDone).toBe(2);
    expect(partial.movements[0]!.options.map((o) => [o.route, o.hotspots, o.chokepoints, o.robustness, o.playback])).toEqual(full.movements[0]!.options.map((o) => [o.route, o.hotspots, o.chokepoints, o.robustness, o.playback]));
    expect(JSON.stringify(analyseRun(ctx))).toBe(JSON.stringify(analysis));
  });
});
