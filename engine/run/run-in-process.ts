import type { RoadGraph } from '../graph/road-graph.js';
import type { Scenario } from '../scenario/model.js';
import { analyseRun, type RunAnalysis } from '../analysis/run-analysis.js';
import { RunAggregator } from './aggregate.js';
import { PreparedRun, type PrepareOptions } from '../sim/prepared-run.js';
import type { RunPlan } from '../model/run-plan.js';
import type { RunResult, RunTimings } from '../model/run-result.js';
import { runSampleChunk } from '../sim/sample-chunk.js';
import { planChunks } from './pool/chunk-plan.js';
import { planFromScenario } from '../scenario/scenario-adapter.js';

/**
 * A whole run on the calling thread: prepare, simulate every chunk, aggregate. The pooled runner
 * (engine/run/run.ts) gives the byte-identical RunResult; this is its reference and the path
 * for tests and single-core use. Timings are returned beside the result, never inside it.
 */
export function runInProcess(graph: RoadGraph, input: Scenario | RunPlan, opts: PrepareOptions & { onProgress?: (done: number, total: number) => void } = {}): { result: RunResult; timings: RunTimings; ctx: PreparedRun; analysis: RunAnalysis } {
  const t0 = performance.now();
  const plan = isPlan(input) ? input : planFromScenario(input, graph);
  const ctx = new PreparedRun(graph, plan, opts);
  const t1 = performance.now();
  const agg = new RunAggregator(ctx);
  // Round by round over the sample axis, every option in turn (as the pool dispatches): the aggregator's
  // pairing of the options' samples then holds one round at a time, not a whole option's column.
  const streams = ctx.plan.movements.flatMap((mv, movementIndex) => mv.options.map((_o, optionIndex) => ({ movementIndex, optionIndex })));
  const tasks = planChunks(streams, ctx.samples, 64);
  let done = 0;
  const total = tasks.reduce((a, t) => a + t.sampleEnd - t.sampleStart, 0);
  for (const task of tasks) {
    agg.add(task, runSampleChunk(ctx, task));
    done += task.sampleEnd - task.sampleStart;
    opts.onProgress?.(done, total);
  }
  const t2 = performance.now();
  const analysis = analyseRun(ctx);
  const result = agg.result(analysis);
  const t3 = performance.now();
  return { result, timings: { prepareMs: t1 - t0, simulateMs: t2 - t1, aggregateMs: t3 - t2 }, ctx, analysis };
}

export function isPlan(x: Scenario | RunPlan): x is RunPlan {
  return (x as RunPlan).graphSource !== undefined && (x as RunPlan).scoring?.slowKmh !== undefined;
}
