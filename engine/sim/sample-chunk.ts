/**
 * The pure per-chunk entry point that workers call, and the one-time preparation it relies on.
 *
 * Contract (the worker pool, engine/run/pool, relies on it):
 * - `prepareRun(graph, scenario, opts)` is deterministic: the same graph bytes + scenario + options give a
 *   PreparedRun that simulates identically, so each worker rebuilds its own from (graph buffer, scenario).
 * - `runSampleChunk(ctx, task)` simulates samples [sampleStart, sampleEnd) of one movement × option. Each
 *   sample's random stream is seedrandom.alea(`${seed}|${movementId}|${sample}`) (engine/sim/rng.ts; no option in the key: common random numbers): it never depends on
 *   which worker runs it, on chunk boundaries, or on the order chunks run in.
 * - Lazily filled caches inside PreparedRun (reroute searches, response tables for a responder state) are
 *   pure functions of their keys, so a cache hit and a miss give the same numbers.
 */
import type { RoadGraph } from '../graph/road-graph.js';
import type { Scenario } from '../scenario/model.js';
import { PreparedRun, type PrepareOptions } from './prepared-run.js';
import type { SampleSummary } from '../model/sample-summary.js';
import { planFromScenario } from '../scenario/scenario-adapter.js';
import type { RunPlan } from '../model/run-plan.js';
import type { SampleRange } from '../model/sample-range.js';

export type { SampleSummary } from '../model/sample-summary.js';
export type { PrepareOptions } from './prepared-run.js';
export { PreparedRun } from './prepared-run.js';

/** Prepare a run of a normalised scenario (engine/scenario). */
export function prepareRun(graph: RoadGraph, scenario: Scenario, opts: PrepareOptions = {}): PreparedRun {
  return new PreparedRun(graph, planFromScenario(scenario, graph), opts);
}

/** Prepare a run from the run's own input model (tests, tools that build plans directly). */
export function prepareRunFromPlan(graph: RoadGraph, plan: RunPlan, opts: PrepareOptions = {}): PreparedRun {
  return new PreparedRun(graph, plan, opts);
}

/**
 * Simulate and score samples [sampleStart, sampleEnd) of one movement × option. An option that drives the
 * same route as an earlier one (PreparedRun.sameRouteAs) is not simulated: its samples would equal that
 * option's, whose result the run reports under both names, so it gets placeholders nobody reads.
 */
export function runSampleChunk(ctx: PreparedRun, task: SampleRange): SampleSummary[] {
  const out: SampleSummary[] = [];
  const shared = ctx.sameRouteAs(task.movementIndex)[task.optionIndex]! >= 0;
  for (let s = task.sampleStart; s < task.sampleEnd; s++) out.push(shared ? ctx.sharedRouteSample(s) : ctx.runSample(task.movementIndex, task.optionIndex, s));
  return out;
}

/** Split a whole run into tasks of at most `chunkSize` samples, movement by movement, option by option. */
export function planTasks(ctx: PreparedRun, chunkSize: number): SampleRange[] {
  const tasks: SampleRange[] = [];
  const size = Math.max(1, Math.floor(chunkSize));
  ctx.plan.movements.forEach((mv, movementIndex) => {
    mv.options.forEach((_o, optionIndex) => {
      for (let s = 0; s < ctx.samples; s += size) tasks.push({ movementIndex, optionIndex, sampleStart: s, sampleEnd: Math.min(ctx.samples, s + size) });
    });
  });
  return tasks;
}
