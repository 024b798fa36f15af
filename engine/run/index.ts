/**
 * engine/run: Monte Carlo runs of a scenario.
 *
 *   const ctx = prepareRun(graph, scenario, { samples, seed });        // once per worker
 *   const summaries = runSampleChunk(ctx, { movementIndex, optionIndex, sampleStart, sampleEnd });
 *   const agg = new RunAggregator(ctx); agg.add(task, summaries); … agg.result({ partial })  // RunResult
 *   runInProcess(graph, scenario, { samples, seed }) → { result, timings }   // all of it on this thread
 *   await runMonteCarlo(graph, scenario, { samples, seed, workers, signal, onProgress }) → { result, partial }  // on a worker pool
 */
export * from '../model/index.js';
export { prepareRun, prepareRunFromPlan, runSampleChunk, planTasks, PreparedRun, type PrepareOptions } from '../sim/sample-chunk.js';
export type { PreparedShare } from '../sim/prepared-run.js';
export { RunAggregator, aggregateSamples } from './aggregate.js';
export { runInProcess } from './run-in-process.js';
export { planFromScenario } from '../scenario/scenario-adapter.js';
export { recommend } from '../analysis/verdict.js';
// Worker pool (engine/run/parallel-*.ts, engine/run/pool/): same RunResult as runInProcess, on N threads.
export { runMonteCarlo, type MonteCarloOptions, type MonteCarloRun } from './parallel-runner.js';
export { ChunkFailedError } from './parallel-errors.js';
export { SamplePool } from './pool/sample-pool.js';
export type { ScheduleProgress } from './pool/chunk-scheduler.js';
