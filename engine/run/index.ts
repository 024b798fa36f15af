/**
 * engine/run: Monte Carlo runs of a scenario.
 *
 *   const ctx = prepareRun(graph, scenario, { samples, seed });        // once per worker
 *   const summaries = runSampleChunk(ctx, { movementIndex, optionIndex, sampleStart, sampleEnd });
 *   const agg = new RunAggregator(ctx); agg.add(task, summaries); … agg.result({ partial })  // RunResult
 *   runInProcess(graph, scenario, { samples, seed }) → { result, timings }   // all of it on this thread
 */
export * from './run-result.js';
export type * from './run-plan.js';
export { prepareRun, prepareRunFromPlan, runSampleChunk, planTasks, PreparedRun, type PrepareOptions, type SampleSummary, type SampleTask } from './sample-chunk.js';
export { RunAggregator, aggregateSamples } from './aggregate.js';
export { runInProcess } from './run-in-process.js';
export { planFromScenario } from './scenario-adapter.js';
export { recommend } from './verdict.js';
