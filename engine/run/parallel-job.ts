import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { RoadGraph } from '../graph/road-graph.js';
import { defaultChunkSize, planChunks } from './pool/chunk-plan.js';
import { runChunksInOrder, type ChunkExecutor, type ScheduleOutcome, type ScheduleProgress } from './pool/chunk-scheduler.js';
import { distModuleUrl } from './pool/dist-module.js';
import type { ChunkRange, ChunkReply, FaultInjection, SampleJob, StreamKey } from './pool/sample-job.js';
import { SamplePool } from './pool/sample-pool.js';
import type { OrderedChunkSink } from './pool/stream-order.js';

export interface SampleJobRunOptions<P, S> {
  graph: RoadGraph;
  /** The job module, as a path from the package root without extension (loaded from dist/ by workers). */
  jobModule: string;
  /** The same job, already imported, for the in-process path (otherwise it is imported from dist/). */
  localJob?: SampleJob<P, unknown, S> | undefined;
  /** A context the caller already prepared from the same payload: the in-process path uses it as is. */
  localContext?: unknown;
  payload: P;
  streams: readonly StreamKey[];
  /** Samples per stream. */
  samples: number;
  /** Worker threads; 0 runs in-process on the main thread (same results, byte for byte). */
  workers: number;
  chunkSize?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: ScheduleProgress) => void) | undefined;
  /** Receives every stream's summaries in sample order. */
  sink: OrderedChunkSink<S>;
  /** An already started pool over the same graph (sweeps, the exercise console): not destroyed at the end. */
  pool?: SamplePool | undefined;
  /** Test only: make one chunk fail. */
  fault?: FaultInjection | undefined;
}

export interface SampleJobOutcome extends ScheduleOutcome {
  chunkSize: number;
  chunks: number;
  workers: number;
  /** Time each worker (or the main thread, in-process) spent preparing the run context, ms. */
  prepareMs: number[];
}

/**
 * Run a sample job over a plan of chunks, on a piscina pool (workers ≥ 1) or in-process (workers = 0),
 * delivering summaries in sample order per stream. The pool is started for the run and destroyed at its
 * end unless the caller passed one in.
 */
export async function runSampleJob<P, S>(opts: SampleJobRunOptions<P, S>): Promise<SampleJobOutcome> {
  const workers = opts.pool?.workers ?? opts.workers;
  if (!Number.isInteger(workers) || workers < 0) throw new RangeError(`worker count ${workers} must be a non-negative integer`);
  const chunkSize = opts.chunkSize ?? defaultChunkSize(opts.samples, opts.streams.length, Math.max(1, workers));
  const chunks = planChunks(opts.streams, opts.samples, chunkSize);
  // Never start more threads than there are chunks (a 3-sample run on a 64-core box needs 3 workers, not 64).
  const ownPool = workers >= 1 && !opts.pool ? new SamplePool(opts.graph, Math.max(1, Math.min(workers, chunks.length))) : undefined;
  const pool = opts.pool ?? ownPool;
  try {
    const prepareMs: number[] = [];
    const executor = pool ? poolExecutor<S>(pool, opts, prepareMs) : await inProcessExecutor<P, S>(opts, prepareMs);
    const outcome = await runChunksInOrder(chunks, executor, opts.sink, {
      maxInFlight: Math.max(1, workers) * 2,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
    return { ...outcome, chunkSize, chunks: chunks.length, workers, prepareMs };
  } finally {
    await ownPool?.destroy();
  }
}

function poolExecutor<S>(pool: SamplePool, opts: SampleJobRunOptions<unknown, S>, prepareMs: number[]): ChunkExecutor<S> {
  const run = pool.beginRun(distModuleUrl(opts.jobModule), opts.payload);
  const note = (reply: ChunkReply<S>): S[] => {
    if (reply.prepareMs > 0) prepareMs.push(reply.prepareMs);
    return reply.summaries;
  };
  return {
    run: async (chunk, i, attempt) => note(await pool.runChunk<S>(run, chunk, i, attempt, opts.fault)),
    retry: async (chunk, i, attempt) => note(await pool.runChunkOnFreshWorker<S>(run, chunk, i, attempt, opts.fault)),
  };
}

/**
 * The main thread as the only worker. Each chunk first yields to the event loop, so that Ctrl-C and
 * progress output get their turn between chunks. A retry rebuilds the context from scratch, as a fresh
 * worker would. An injected 'exit' fault throws instead of ending the process.
 */
async function inProcessExecutor<P, S>(opts: SampleJobRunOptions<P, S>, prepareMs: number[]): Promise<ChunkExecutor<S>> {
  const job = opts.localJob ?? ((await import(distModuleUrl(opts.jobModule))) as { sampleJob: SampleJob<P, unknown, S> }).sampleJob;
  let ctx: unknown = opts.localContext;
  let ready = opts.localContext !== undefined;
  const exec = async (chunk: ChunkRange, i: number, attempt: number, fresh: boolean): Promise<S[]> => {
    await yieldToEventLoop();
    const f = opts.fault;
    if (f && f.chunkIndex === i && f.attempts.includes(attempt)) throw new Error(`injected fault on chunk ${i}, attempt ${attempt}`);
    if (!ready || fresh) {
      // structuredClone: the context sees its own copy of the payload, exactly as a worker would.
      const t0 = performance.now();
      ctx = await job.prepare(opts.graph, structuredClone(opts.payload));
      prepareMs.push(performance.now() - t0);
      ready = true;
    }
    return job.runChunk(ctx, chunk);
  };
  return {
    run: (chunk, i, attempt) => exec(chunk, i, attempt, false),
    retry: (chunk, i, attempt) => exec(chunk, i, attempt, true),
  };
}
