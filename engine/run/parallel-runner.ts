import type { RoadGraph } from '../graph/road-graph.js';
import type { Scenario } from '../scenario/model.js';
import { RunAggregator } from './aggregate.js';
import { runSampleJob, type SampleJobOutcome } from './parallel-job.js';
import { ChunkFailedError, describeChunk, errorText } from './parallel-errors.js';
import { defaultWorkers } from './parallel-options.js';
import type { ScheduleProgress } from './pool/chunk-scheduler.js';
import { RUN_JOB_MODULE, sampleJob, type RunJobPayload } from './pool/run-job.js';
import type { FaultInjection, StreamKey } from './pool/sample-job.js';
import type { SamplePool } from './pool/sample-pool.js';
import { PreparedRun, type PrepareOptions } from './prepared-run.js';
import { isPlan } from './run-in-process.js';
import type { RunPlan } from './run-plan.js';
import type { RunResult, RunTimings } from './run-result.js';
import type { SampleSummary } from './sample-summary.js';
import { planFromScenario } from './scenario-adapter.js';

export interface MonteCarloOptions {
  /** Samples per movement × option (default: the scenario's monte_carlo.samples). */
  samples?: number | undefined;
  /** Seed (default: the scenario's monte_carlo.seed). */
  seed?: string | number | undefined;
  /** Worker threads (default os.availableParallelism()); 0 = in-process. Results do not depend on it. */
  workers?: number | undefined;
  /** Samples per task (default: about 8 chunks per worker, at most 250). Results do not depend on it. */
  chunkSize?: number | undefined;
  onProgress?: ((p: ScheduleProgress) => void) | undefined;
  /** Abort = Ctrl-C: stop handing out chunks, finish the running ones, return a partial result. */
  signal?: AbortSignal | undefined;
  /** A started pool over the same graph, reused across runs (sweeps, exercise console). */
  pool?: SamplePool | undefined;
  /** Test only: make one chunk's worker die or throw. */
  fault?: FaultInjection | undefined;
}

export interface MonteCarloRun {
  /** `result.partial` is true when the run was interrupted: distributions cover the samples done only. */
  result: RunResult;
  partial: boolean;
  /** The main thread's prepared run (routes, environments) for reports and playback. */
  ctx: PreparedRun;
  /** Scheduling facts (chunks, chunk size, workers, retries): for logs, never part of the result. */
  outcome: SampleJobOutcome;
  timings: RunTimings;
}

/**
 * `motorcade run` over a worker pool. The graph goes to the workers once, as its SharedArrayBuffer; the
 * run plan (the scenario with places resolved) once per run; chunks of samples are spread over the pool and
 * their summaries aggregated by sample index (RunAggregator), so the RunResult is byte-identical for any
 * number of workers and any chunk size, in-process included.
 *
 * A chunk whose worker dies or throws is retried once on a fresh worker; if it fails again this throws
 * ChunkFailedError naming movement, option and sample range, with the partial result of every sample
 * computed attached (`err.partial`).
 */
export async function runMonteCarlo(graph: RoadGraph, input: Scenario | RunPlan, opts: MonteCarloOptions = {}): Promise<MonteCarloRun> {
  const t0 = performance.now();
  const plan = isPlan(input) ? input : planFromScenario(input, graph);
  const prepareOpts: PrepareOptions = {};
  if (opts.samples !== undefined) prepareOpts.samples = opts.samples;
  if (opts.seed !== undefined) prepareOpts.seed = opts.seed;
  const ctx = new PreparedRun(graph, plan, prepareOpts);
  // Workers get the resolved samples and seed, so that they cannot fall back to other defaults.
  const payload: RunJobPayload = { kind: 'plan', plan, opts: { samples: ctx.samples, seed: ctx.seed } };
  const streams: StreamKey[] = [];
  plan.movements.forEach((mv, movementIndex) => mv.options.forEach((_o, optionIndex) => streams.push({ movementIndex, optionIndex })));
  const t1 = performance.now();

  const agg = new RunAggregator(ctx);
  const outcome = await runSampleJob<RunJobPayload, SampleSummary>({
    graph,
    jobModule: RUN_JOB_MODULE,
    localJob: sampleJob,
    payload,
    streams,
    samples: ctx.samples,
    workers: opts.workers ?? defaultWorkers(),
    chunkSize: opts.chunkSize,
    signal: opts.signal,
    onProgress: opts.onProgress,
    pool: opts.pool,
    fault: opts.fault,
    sink: (chunk, summaries) => agg.add(chunk, summaries),
  });
  const t2 = performance.now();
  const result = agg.result({ partial: outcome.partial });
  const timings: RunTimings = { prepareMs: t1 - t0, simulateMs: t2 - t1, aggregateMs: performance.now() - t2 };

  if (outcome.failure) {
    const { chunk, error } = outcome.failure;
    const mv = plan.movements[chunk.movementIndex];
    const movement = mv?.id ?? String(chunk.movementIndex);
    const option = mv?.options[chunk.optionIndex]?.id ?? String(chunk.optionIndex);
    throw new ChunkFailedError(
      `${describeChunk(movement, option, chunk.sampleStart, chunk.sampleEnd)} failed twice (on a fresh worker too): ${errorText(error)}; ` +
        `${outcome.samplesDone} of ${outcome.samplesTotal} samples were computed and kept in the partial result`,
      movement,
      option,
      chunk.sampleStart,
      chunk.sampleEnd,
      { result, partial: true, ctx, outcome, timings } satisfies MonteCarloRun,
      { cause: error },
    );
  }
  return { result, partial: outcome.partial, ctx, outcome, timings };
}
