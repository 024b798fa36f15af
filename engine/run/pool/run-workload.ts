import os from 'node:os';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { RoadGraph } from '../../graph/road-graph.js';
import { defaultChunkSize, planChunks, poolTaper } from './chunk-plan.js';
import { runChunks, type ChunkExecutor, type ScheduleOutcome, type ScheduleProgress } from './chunk-scheduler.js';
import { distModuleUrl } from './dist-module.js';
import type { ChunkReply, PoolWorkload } from './workload.js';
import { SamplePool, type WorkerLimits } from './sample-pool.js';
import type { ChunkOutput, ChunkSink } from './chunk-output.js';
import type { SampleRange, StreamKey } from '../../model/sample-range.js';

export interface WorkloadRunOptions<P, S> {
  graph: RoadGraph;
  /** The workload module, as a path from the package root without extension (loaded from dist/ by workers). */
  workloadModule: string;
  /** The same workload, already imported, for the in-process path (otherwise it is imported from dist/). */
  localWorkload?: PoolWorkload<P, unknown, S> | undefined;
  /** A context the caller already prepared from the same payload: the in-process path uses it as is. */
  localContext?: unknown;
  /**
   * With a pool: the main thread runs chunks too, one at a time, with the context this returns (called at
   * its first chunk, so the caller may still be building it when the pool starts). It covers the workers'
   * start-up and per-run preparation, which dominate short runs. Results are the same either way.
   */
  mainThreadContext?: (() => unknown) | undefined;
  /**
   * With mainThreadContext: start the pool only if the run's remaining work, estimated from the first
   * main-thread chunk, exceeds this many ms (default 0: always start it). Short runs then never pay for
   * worker start-up and per-worker preparation.
   */
  poolWhenWorkMs?: number | undefined;
  payload: P;
  /**
   * Chunks go out only once this resolves (the caller's own context is prepared): a pool started at once
   * boots meanwhile, and no chunk's summaries can reach a sink before the caller is ready for them. A
   * rejection ends the run with that error, before any chunk ran.
   */
  ready?: Promise<unknown> | undefined;
  /**
   * The payload the pool's workers get, built when the first chunk goes to the pool (default: payload). It
   * may carry what the main thread computed meanwhile (PreparedRun.share()); it must prepare a context that
   * simulates exactly as `payload` does.
   */
  workerPayload?: (() => P) | undefined;
  streams: readonly StreamKey[];
  /** Samples per stream. */
  samples: number;
  /** Worker threads; 0 runs in-process on the main thread (same results, byte for byte). */
  workers: number;
  chunkSize?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: ScheduleProgress) => void) | undefined;
  /** Receives each chunk's summaries once, in completion order (key them by sample index). */
  sink: ChunkSink<S>;
  /**
   * Receives, instead of `sink`, the chunks that come back from workers still packed (workload.pack): rows of
   * the workload's transfer encoding, in completion order like `sink`. Lets the main thread read the
   * numbers straight from the typed array instead of unpacking them into objects first (RunAggregator.addPacked).
   */
  packedSink?: ((chunk: SampleRange, packed: Float64Array) => void) | undefined;
  /** An already started pool over the same graph (sweeps, the exercise console): not destroyed at the end. */
  pool?: SamplePool | undefined;
  /** Chunk timeout and worker heap limit of the pool this run starts (ignored with `pool`: that pool has its own). */
  workerLimits?: WorkerLimits | undefined;
}

export interface WorkloadOutcome extends ScheduleOutcome {
  chunkSize: number;
  chunks: number;
  workers: number;
  /** Time each worker (or the main thread, in-process) spent preparing the run context, ms. */
  prepareMs: number[];
  /** Chunks the main thread ran itself (in-process: all of them). */
  mainThreadChunks: number;
  /** Whether worker threads took part (false in-process, and for short runs the main thread kept). */
  poolUsed: boolean;
  /** Chunks whose rows came back through the shared result arena rather than as a copied array. */
  sharedSlotChunks: number;
}

/**
 * Run a workload over a plan of chunks, on a piscina pool (workers ≥ 1) or in-process (workers = 0),
 * delivering each chunk's summaries as it completes. The pool is started for the run and destroyed at its
 * end unless the caller passed one in.
 */
export async function runWorkload<P, S>(opts: WorkloadRunOptions<P, S>): Promise<WorkloadOutcome> {
  const workers = opts.pool?.workers ?? opts.workers;
  if (!Number.isInteger(workers) || workers < 0) throw new RangeError(`worker count ${workers} must be a non-negative integer`);
  const chunkSize = opts.chunkSize ?? defaultChunkSize(opts.samples, opts.streams.length, Math.max(1, workers));
  // Thin last chunks only when several threads share the work (in-process, one thread has no tail to even).
  const chunks = planChunks(opts.streams, opts.samples, chunkSize, workers >= 1 ? poolTaper(workers) : undefined);
  // Never start more threads than there are chunks (a 3-sample run on a 64-core box needs 3 workers, not 64).
  const threads = Math.max(1, Math.min(workers, chunks.length));
  const helps = workers >= 1 && opts.mainThreadContext !== undefined;
  let ownPool: SamplePool | undefined;
  const getPool = (): SamplePool => opts.pool ?? (ownPool ??= new SamplePool(opts.graph, threads, opts.workerLimits));
  if (workers >= 1 && !helps) getPool(); // started at once: workers boot while the caller finishes its own set-up
  // Two chunks per worker (one running, one already waiting in the worker: SamplePool pipelines them),
  // one for the main thread.
  const maxInFlight = Math.max(1, workers) * 2 + (helps ? 1 : 0);
  // Result slots: only chunks in flight hold one (freed as soon as the sink has read the rows), and as many
  // again as a margin; should they ever run out, a chunk simply replies with a copied array.
  const width = opts.localWorkload?.packedWidth;
  const resultSlots = width ? { slots: 2 * maxInFlight, slotDoubles: chunkSize * width } : undefined;
  try {
    const prepareMs: number[] = [];
    const local = { chunks: 0 };
    let remote: ChunkExecutor<S> | undefined;
    const slotted = { chunks: 0 };
    const getRemote = (): ChunkExecutor<S> => (remote ??= poolExecutor<S>(getPool(), opts, prepareMs, resultSlots, slotted));
    const executor =
      workers === 0
        ? await inProcessExecutor<P, S>(opts, prepareMs, local)
        : helps
          ? hybridExecutor<S>(getRemote, await inProcessExecutor<P, S>(opts, prepareMs, local), opts.poolWhenWorkMs ?? 0, chunks.length, threads >= os.availableParallelism())
          : getRemote();
    await opts.ready;
    const unpack = opts.localWorkload?.unpack?.bind(opts.localWorkload);
    const deliver = (chunk: SampleRange, out: ChunkOutput<S>): void => {
      if (Array.isArray(out)) opts.sink(chunk, out);
      else {
        try {
          if (opts.packedSink) opts.packedSink(chunk, out.packed);
          else if (unpack) opts.sink(chunk, unpack(out.packed));
          else throw new Error('worker sent packed summaries but the workload has no unpack');
        } finally {
          out.release?.(); // the sinks consume the rows synchronously: the shared slot may be reused now
        }
      }
    };
    const outcome = await runChunks(chunks, executor, deliver, {
      maxInFlight,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
    return { ...outcome, chunkSize, chunks: chunks.length, workers, poolUsed: remote !== undefined, prepareMs, mainThreadChunks: local.chunks, sharedSlotChunks: slotted.chunks };
  } finally {
    await ownPool?.destroy();
  }
}

function poolExecutor<S>(pool: SamplePool, opts: WorkloadRunOptions<unknown, S>, prepareMs: number[], resultSlots: { slots: number; slotDoubles: number } | undefined, slotted: { chunks: number }): ChunkExecutor<S> {
  // Packed replies when the workload has a transfer encoding and we hold it here to decode it.
  const unpack = opts.localWorkload?.pack && opts.localWorkload.unpack ? opts.localWorkload.unpack.bind(opts.localWorkload) : undefined;
  const run = pool.beginRun(distModuleUrl(opts.workloadModule), opts.workerPayload?.() ?? opts.payload, unpack !== undefined, resultSlots);
  const arena = run.resultArena;
  const width = opts.localWorkload?.packedWidth ?? 0;
  // Packed chunks travel on as they came (unpacked, if at all, only at delivery: see runWorkload).
  const note = (reply: ChunkReply<S>, slot: number): ChunkOutput<S> => {
    if (reply.prepareMs > 0) prepareMs.push(reply.prepareMs);
    if (reply.slot !== undefined) {
      if (!arena || reply.slot !== slot || reply.rows === undefined) throw new Error(`worker replied slot ${reply.slot} (${reply.rows} rows) for a chunk sent with slot ${slot}`);
      slotted.chunks++;
      return { packed: arena.view(slot, reply.rows * width), rows: reply.rows, release: () => arena.release(slot) };
    }
    if (slot >= 0) arena?.release(slot); // the worker replied with its own copy: the slot is not used
    if (reply.packed) {
      if (!unpack) throw new Error('worker sent packed summaries but the workload has no unpack');
      if (reply.rows === undefined) throw new Error('worker sent packed summaries without their row count');
      return { packed: reply.packed, rows: reply.rows };
    }
    return reply.summaries;
  };
  // A slot is taken per attempt (-1 when all are busy: the worker then replies a copy) and freed after
  // delivery, or at once when the attempt fails.
  const attempt = async (send: (slot: number) => Promise<ChunkReply<S>>): Promise<ChunkOutput<S>> => {
    const slot = arena?.acquire() ?? -1;
    let reply: ChunkReply<S>;
    try {
      reply = await send(slot);
    } catch (error) {
      if (slot >= 0) arena?.release(slot);
      throw error;
    }
    return note(reply, slot);
  };
  return {
    run: (chunk, i, n) => attempt((slot) => pool.runChunk<S>(run, chunk, i, n, slot)),
    retry: (chunk, i, n) => attempt((slot) => pool.runChunkOnFreshWorker<S>(run, chunk, i, n, slot)),
  };
}

/**
 * Main thread plus pool. A chunk runs on the main thread when it is free. Otherwise it goes to the pool,
 * but only once the run has proved long enough to pay for starting workers: after four main-thread
 * chunks (the first ones are cold), the remaining work is estimated from the fastest, and the pool is started only if
 * that estimate exceeds poolWhenWorkMs (a cold worker spends a few hundred ms starting and preparing before its first
 * sample). Until then, and for ever in a short run, chunks wait for the main thread. A retry always goes to a
 * fresh worker.
 *
 * `stepBack`: once the pool has returned its first chunk, the main thread takes no more chunks. Set when
 * the workers alone fill the cores: main + 2 workers on 2 cores were 3 busy threads on 2 cores, and a
 * 300,000-sample run sampled at 64,000 samples/s that way against 95,000 with main + 1 worker.
 */
/** Main-thread chunks timed before deciding whether the pool pays (the fastest one is the estimate). */
const DECIDE_AFTER_CHUNKS = 4;

function hybridExecutor<S>(getRemote: () => ChunkExecutor<S>, local: ChunkExecutor<S>, poolWhenWorkMs: number, totalChunks: number, stepBack: boolean): ChunkExecutor<S> {
  let localBusy = false;
  let poolWarm = false;
  let localDone = 0;
  let localMs = 0;
  let fastestMs = Infinity;
  let poolWorthIt: boolean | undefined = poolWhenWorkMs <= 0 ? true : undefined;
  const waiting: (() => void)[] = [];
  const runLocal = async (chunk: SampleRange, i: number, attempt: number): Promise<ChunkOutput<S>> => {
    localBusy = true;
    const t0 = performance.now();
    try {
      return await local.run(chunk, i, attempt);
    } finally {
      const ms = performance.now() - t0;
      fastestMs = Math.min(fastestMs, ms);
      localMs += ms;
      localDone++;
      localBusy = false;
      // Estimated from the fastest of the first DECIDE_AFTER_CHUNKS chunks: the first chunks also fill the
      // run's coverage tables and warm the JIT (3-5× a warm chunk on the bundled scenario), which made every
      // run look long enough for the pool. A run whose first chunks alone exceed the bound decides at once.
      if (localDone >= DECIDE_AFTER_CHUNKS || localMs > poolWhenWorkMs || localDone >= totalChunks) poolWorthIt ??= fastestMs * (totalChunks - localDone) > poolWhenWorkMs;
      // Decided for the pool: every waiting chunk may go now; otherwise the next one takes the main thread.
      if (poolWorthIt) waiting.splice(0).forEach((wake) => wake());
      else waiting.shift()?.();
    }
  };
  return {
    run: async (chunk, i, attempt) => {
      for (;;) {
        if (!localBusy && !(stepBack && poolWarm)) return runLocal(chunk, i, attempt);
        if (poolWorthIt) {
          const out = await getRemote().run(chunk, i, attempt);
          poolWarm = true;
          return out;
        }
        await new Promise<void>((wake) => waiting.push(wake));
      }
    },
    retry: (chunk, i, attempt) => getRemote().retry(chunk, i, attempt),
  };
}

/**
 * The main thread as the only worker. Each chunk first yields to the event loop, so that Ctrl-C and
 * progress output get their turn between chunks. A retry rebuilds the context from scratch, as a fresh
 * worker would.
 */
async function inProcessExecutor<P, S>(opts: WorkloadRunOptions<P, S>, prepareMs: number[], local: { chunks: number }): Promise<ChunkExecutor<S>> {
  const workload = opts.localWorkload ?? ((await import(distModuleUrl(opts.workloadModule))) as { sampleWorkload: PoolWorkload<P, unknown, S> }).sampleWorkload;
  let ctx: unknown = opts.localContext;
  let ready = opts.localContext !== undefined;
  const exec = async (chunk: SampleRange, fresh: boolean): Promise<S[]> => {
    await yieldToEventLoop();
    local.chunks++;
    if (!ready && !fresh && opts.mainThreadContext) {
      ctx = opts.mainThreadContext();
      ready = ctx !== undefined;
    }
    if (!ready || fresh) {
      // structuredClone: the context sees its own copy of the payload, exactly as a worker would.
      const t0 = performance.now();
      ctx = await workload.prepare(opts.graph, structuredClone(opts.payload));
      prepareMs.push(performance.now() - t0);
      ready = true;
    }
    return workload.runChunk(ctx, chunk);
  };
  return {
    run: (chunk) => exec(chunk, false),
    retry: (chunk) => exec(chunk, true),
  };
}
