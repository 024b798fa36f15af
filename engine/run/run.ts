import type { RoadGraph } from '../graph/road-graph.js';
import type { Scenario } from '../scenario/model.js';
import { analyseRunUntil, type RunAnalysis } from '../analysis/run-analysis.js';
import { RunAggregator } from './aggregate.js';
import { runWorkload, type WorkloadOutcome } from './pool/run-workload.js';
import { ChunkFailedError, describeChunk, errorText } from './chunk-failed-error.js';
import { defaultWorkers } from './default-workers.js';
import type { ScheduleProgress } from './pool/chunk-scheduler.js';
import { MONTE_CARLO_WORKLOAD_MODULE, sampleWorkload, type MonteCarloPayload } from './monte-carlo-workload.js';
import type { SamplePool, WorkerLimits } from './pool/sample-pool.js';
import type { PreparedRun, PrepareStep } from '../sim/prepared-run.js';
import { prepareInterruptibly } from '../sim/prepare-interruptibly.js';
import { isPlan } from './run-in-process.js';
import type { RunPlan } from '../model/run-plan.js';
import type { RunResult, RunTimings } from '../model/run-result.js';
import type { SampleSummary } from '../model/sample-summary.js';
import { planFromScenario } from '../scenario/scenario-adapter.js';
import type { StreamKey } from '../model/sample-range.js';

/**
 * Below a couple of seconds of sampling work, starting workers costs more than it saves: even with the main
 * thread's routes and coverage tables shipped to it, a cold worker spends ~0.4 s of CPU (start 50 ms,
 * PreparedRun 120 ms, workload modules and JIT warm-up on its first chunks) before it samples at full speed.
 * On the bundled scenario (2 cores): 75,000 samples (~1.1 s of sampling in-process) took 1.3-1.6 s on 2
 * workers, while 300,000 samples (~4.1 s) took 2.9-3.0 s; with a bound of 3,000 ms the 300,000-sample run
 * sometimes stayed on the main thread. Short runs stay there, with identical results. The work is
 * estimated from the fastest of the main thread's first four chunks (the first ones are cold).
 * MOTORCADE_POOL_WHEN_WORK_MS overrides it (0: always use the workers asked for).
 */
export const POOL_WHEN_WORK_MS = envNumber('MOTORCADE_POOL_WHEN_WORK_MS') ?? 2000;

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  return v !== undefined && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
}

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
  /** How far the main thread's preparation is, at most every PREPARE_SLICE_MS (a large day takes seconds). */
  onPrepare?: ((step: PrepareStep) => void) | undefined;
  /** The stage the run enters: its preparation, the samples (the preparation is whole), the analysis. */
  onStage?: ((stage: RunStage) => void) | undefined;
  /**
   * Abort = Ctrl-C. While sampling: stop handing out chunks, finish the running ones, return a partial
   * result. While the main thread prepares the run: stop there and throw PreparationInterrupted (nothing
   * was simulated, so there is no result).
   */
  signal?: AbortSignal | undefined;
  /** A started pool over the same graph, reused across runs (sweeps, exercise console). */
  pool?: SamplePool | undefined;
  /**
   * With workers ≥ 1, the main thread runs chunks too (default true): it covers the workers' start-up and
   * per-run preparation, so that a short run is not slower on the pool than in-process. Same results.
   */
  mainThreadHelps?: boolean | undefined;
  /**
   * With the main thread helping: start workers only when the run's remaining work (estimated from the
   * main thread's first chunk) exceeds this, ms. Default POOL_WHEN_WORK_MS; 0 = always start them.
   */
  poolWhenWorkMs?: number | undefined;
  /** Chunk timeout and worker heap limit (SamplePool defaults: 10 min, 4096 MB). */
  workerLimits?: WorkerLimits | undefined;
}

export type RunStage = 'preparing' | 'sampling' | 'analysing';

export interface MonteCarloRun {
  /** `result.partial` is true when the run was interrupted: distributions cover the samples done only. */
  result: RunResult;
  partial: boolean;
  /** The main thread's prepared run (routes, environments). */
  ctx: PreparedRun;
  /** The run's analysis (nominal runs, chokepoints, robustness, playback), computed once: the result's and the report's. */
  analysis: RunAnalysis;
  /** Scheduling facts (chunks, chunk size, workers, retries): for logs, never part of the result. */
  outcome: WorkloadOutcome;
  timings: RunTimings;
}

/**
 * A run: the plan (or a normalised scenario, adapted to its plan) simulated `samples` times per movement ×
 * option and summarised into the RunResult, with the run's analysis beside it. `workers: 0` runs on the
 * calling thread; otherwise over a worker pool. The graph goes to the workers once, as its SharedArrayBuffer; the
 * run plan (the scenario with places resolved) once per run; chunks of samples are spread over the pool and
 * their summaries aggregated into order-free bounded summaries (RunAggregator), so the RunResult is
 * byte-identical for any number of workers and any chunk size, in-process included.
 *
 * A chunk whose worker dies or throws is retried once on a fresh worker; if it fails again this throws
 * ChunkFailedError naming movement, option and sample range, with the partial result of every sample
 * computed attached (`err.partial`).
 */
export async function run(graph: RoadGraph, input: Scenario | RunPlan, opts: RunOptions = {}): Promise<RunOutcome> {
  const t0 = performance.now();
  const plan = isPlan(input) ? input : planFromScenario(input, graph);
  // Resolved exactly as PreparedRun does (checked below), so that workers can start before it exists.
  const samples = Math.max(1, Math.floor(opts.samples ?? plan.samples));
  const seed = String(opts.seed ?? plan.seed);
  const payload: MonteCarloPayload = { kind: 'plan', plan, opts: { samples, seed } };
  const streams: StreamKey[] = [];
  plan.movements.forEach((mv, movementIndex) => mv.options.forEach((_o, optionIndex) => streams.push({ movementIndex, optionIndex })));
  const workers = opts.pool?.workers ?? opts.workers ?? defaultWorkers();

  // The main thread needs its own PreparedRun (aggregation, routes for the result). In-process it is also
  // the sampling context; with a pool it is built while the workers start (and build theirs). It is built
  // movement by movement, yielding to the event loop, so that Ctrl-C is heard while it is built; `ctx`
  // and `agg` are set only once it is whole.
  let ctx: PreparedRun | undefined;
  let agg: RunAggregator | undefined;
  let prepareMs = 0;
  const prepareHere = async (): Promise<void> => {
    const t = performance.now();
    const prepared = await prepareInterruptibly(graph, plan, { samples, seed }, { signal: opts.signal, onProgress: opts.onPrepare });
    if (prepared.samples !== samples || prepared.seed !== seed) throw new Error(`internal: PreparedRun resolved samples/seed to ${prepared.samples}/${prepared.seed}, the pool to ${samples}/${seed}`);
    agg = new RunAggregator(prepared);
    ctx = prepared;
    prepareMs = performance.now() - t;
    opts.onStage?.('sampling');
  };
  // A chunk reaches the sinks only after `ready` (runWorkload): the aggregator exists by then.
  const aggregator = (): RunAggregator => {
    if (!agg) throw new Error('internal: a chunk arrived before the run was prepared');
    return agg;
  };
  opts.onStage?.('preparing');
  if (workers === 0) await prepareHere();
  const preparing = workers === 0 ? undefined : prepareHere();
  // Awaited below and by runWorkload (`ready`); marked handled here so that an interruption is not also
  // reported as an unhandled rejection before they get to it.
  preparing?.catch(() => undefined);

  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) stop.abort();
  const t1 = performance.now();
  const sampling = runWorkload<MonteCarloPayload, SampleSummary>({
    graph,
    workloadModule: MONTE_CARLO_WORKLOAD_MODULE,
    localWorkload: sampleWorkload,
    localContext: ctx,
    // With a pool, the main thread takes chunks too, with its own PreparedRun (chunks go out once it is `ready`).
    mainThreadContext: opts.mainThreadHelps === false ? undefined : () => ctx,
    poolWhenWorkMs: opts.poolWhenWorkMs ?? POOL_WHEN_WORK_MS,
    payload,
    ready: preparing,
    // Workers started after the main thread's PreparedRun exists (the usual case: the pool starts after the
    // main thread's first chunk) get its routes and coverage tables instead of searching them again.
    workerPayload: () => (ctx ? { kind: 'plan', plan, opts: { samples, seed, precomputed: ctx.share() } } : payload),
    streams,
    samples,
    workers,
    chunkSize: opts.chunkSize,
    signal: stop.signal,
    onProgress: opts.onProgress,
    pool: opts.pool,
    workerLimits: opts.workerLimits,
    sink: (chunk, summaries) => aggregator().add(chunk, summaries),
    // Workers' chunks stay packed: the aggregator reads the rows directly (no objects on the main thread).
    packedSink: (chunk, packed) => aggregator().addPacked(chunk, packed),
  });
  let outcome: WorkloadOutcome;
  try {
    await preparing;
    outcome = await sampling;
  } catch (err) {
    stop.abort(); // the main-thread prepare failed: stop the workers before reporting it
    await sampling.catch(() => undefined);
    throw err;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  const t2 = performance.now();
  // Ctrl-C is heard during the analysis too: options not analysed yet keep their route only, and the result says partial.
  opts.onStage?.('analysing');
  const { analysis, complete } = await analyseRunUntil(ctx!, opts.signal);
  const result = agg!.result(analysis, { partial: outcome.partial || !complete });
  // prepare: plan + the main thread's PreparedRun; simulate: the rest of the wall time until the last chunk.
  const timings: RunTimings = { prepareMs: t1 - t0 + (workers === 0 ? 0 : prepareMs), simulateMs: t2 - t1 - (workers === 0 ? 0 : prepareMs), aggregateMs: performance.now() - t2 };
  const ctxDone = ctx!;

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
      { result, partial: true, ctx: ctxDone, analysis, outcome, timings } satisfies MonteCarloRun,
      { cause: error },
    );
  }
  return { result, partial: result.partial, ctx: ctxDone, analysis, outcome, timings };
}

/** Options of run(). */
export type RunOptions = MonteCarloOptions;
/** What run() returns. */
export type RunOutcome = MonteCarloRun;
/** run() under the name the CLI and the benches use. */
export const runMonteCarlo = run;
