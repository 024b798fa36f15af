import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunInputs } from '../../../cli/scenario-inputs.js';
import { runInProcess } from '../../../engine/run/run-in-process.js';
import { planTasks, runSampleChunk } from '../../../engine/sim/sample-chunk.js';
import { packSummaries } from '../../../engine/run/summary-codec.js';
import { BoundedRunSummary } from '../../../engine/run/summary/bounded-run-summary.js';
import { ROOT } from '../../cli/cli-spawn.js';

describe('BoundedRunSummary (the bounded adapter beside RunAggregator)', () => {
  it('within the exact budget, gives RunAggregator’s quantiles, histograms, means, shares and scores, from objects and packed rows alike', async () => {
    const { graph, scenario } = await loadRunInputs(path.join(ROOT, 'scenarios', 'contingency-plans.yaml'));
    const { result, ctx } = runInProcess(graph, scenario, { samples: 30 });
    const objects = new BoundedRunSummary(ctx.plan.movements.map((m) => m.options.length));
    const packed = new BoundedRunSummary(ctx.plan.movements.map((m) => m.options.length));
    for (const task of planTasks(ctx, 7)) {
      const s = runSampleChunk(ctx, task);
      objects.add(task, s);
      packed.addPacked(task, packSummaries(s));
    }
    expect(packed.summary()).toEqual(objects.summary());
    const b = objects.summary();
    result.movements.forEach((mv, mi) =>
      mv.options.forEach((o, oi) => {
        const x = b[mi]![oi]!;
        // Quantiles, means, extremes and histograms alike.
        expect({ ...x.timeS, quantiles: undefined }).toEqual({ ...o.timeS, quantiles: undefined });
        expect({ ...x.exposure, quantiles: undefined }).toEqual({ ...o.exposure.total, quantiles: undefined });
        expect([x.samplesDone, x.arrivedShare, x.reroutedShare, x.score]).toEqual([o.samplesDone, o.arrivedShare, o.reroutedShare, o.score]);
        expect(x.timeS.quantiles).toBe('exact');
      }),
    );
  }, 60_000);
});
