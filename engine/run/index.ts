/**
 * engine/run: orchestration of Monte Carlo runs.
 *
 *   const { result, analysis } = await run(graph, plan, { samples, seed, workers });  // workers 0 = this thread
 *   const { result } = runInProcess(graph, plan, { samples, seed });                 // synchronous, this thread
 *
 * Underneath, for tools that drive the samples themselves:
 *   const ctx = prepareRunFromPlan(graph, plan, { samples, seed });  // the simulation world (engine/sim), once per thread
 *   const summaries = runSampleChunk(ctx, { movementIndex, optionIndex, sampleStart, sampleEnd });
 *   const agg = new RunAggregator(ctx); agg.add(range, summaries); … agg.result(analyseRun(ctx), { partial })
 */
export * from '../model/index.js';
export { prepareRun, prepareRunFromPlan, runSampleChunk, planTasks, PreparedRun, type PrepareOptions } from '../sim/sample-chunk.js';
export type { PreparedShare, PrepareStep } from '../sim/prepared-run.js';
export { prepareInterruptibly, PreparationInterrupted } from '../sim/prepare-interruptibly.js';
export { analyseRun, type RunAnalysis, type OptionAnalysis, type RecordedRun } from '../analysis/run-analysis.js';
export { recommend } from '../analysis/verdict.js';
export { planFromScenario } from '../scenario/scenario-adapter.js';
export { RunAggregator, aggregateSamples } from './aggregate.js';
export { runInProcess } from './run-in-process.js';
// The same RunResult on N worker threads (engine/run/pool/), or on this thread with workers: 0.
export { run, runMonteCarlo, type RunOptions, type RunOutcome, type MonteCarloOptions, type MonteCarloRun, type RunStage } from './run.js';
export { defaultWorkers } from './default-workers.js';
export { ChunkFailedError } from './chunk-failed-error.js';
export { SamplePool } from './pool/sample-pool.js';
export type { ScheduleProgress } from './pool/chunk-scheduler.js';
