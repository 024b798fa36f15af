import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { Piscina } from 'piscina';
import { MotorcadeError } from '../../errors.js';
import type { RoadGraph } from '../../graph/road-graph.js';
import { sampleWorkerUrl } from './dist-module.js';
import { payloadDigest } from './payload-digest.js';
import { ResultArena, type ArenaHandle } from './result-arena.js';
import type { ChunkReply, ChunkTask, ProbeReply, ProbeTask } from './workload.js';
import type { SampleWorkerData } from './sample-worker.js';
import type { SampleRange } from '../../model/sample-range.js';

/** A run registered with the pool: the workload to load and its payload, serialized once into shared memory. */
export interface PoolRun {
  readonly runId: string;
  readonly workloadModule: string;
  readonly payload: SharedArrayBuffer;
  readonly payloadBytes: number;
  /**
   * sha256 of the workload module and the payload's content (payloadDigest): a worker keeps the context it prepared under this
   * key, so a reused pool (sweeps, the exercise console, repeated runs of one plan) prepares each plan once.
   */
  readonly contextKey: string;
  /** Ask workers for packed summaries (workload.pack / workload.unpack). */
  readonly pack: boolean;
  /** With pack: shared slots the workers write the rows into (result-arena.ts); id = runId. */
  readonly arena?: ArenaHandle;
}

/** Limits of a pool's workers: what turns a hung or runaway worker into a failed chunk that is retried once. */
export interface WorkerLimits {
  /**
   * A chunk still running after this many ms is a hung worker: the worker is terminated and the chunk
   * fails (then goes to a fresh worker once). Default 10 min: the default chunk is a few seconds of work
   * even on the largest city graphs, so only a livelock reaches it.
   */
  chunkTimeoutMs?: number;
  /**
   * V8 old-generation limit of each worker, MB: a worker that exceeds it dies with ERR_WORKER_OUT_OF_MEMORY
   * instead of taking the whole process down. Default 4096 (a worker's context is a few hundred MB on
   * Moscow; the graph itself is shared memory, outside the heap).
   */
  workerHeapMb?: number;
}

/** A pool's worker limits and its worker entry. */
export interface SamplePoolOptions extends WorkerLimits {
  /**
   * file: URL of the worker entry (default the sample worker, sample-worker.ts). Another entry must answer
   * tasks as that one does, by delegating to it: the tests' faulty worker (test/support/faulty-worker.ts)
   * wraps it to die, hang or throw on a chosen chunk.
   */
  workerFile?: string;
  /** Handed to that entry as workerData.entryData (structured clone). */
  entryData?: unknown;
}

export const DEFAULT_CHUNK_TIMEOUT_MS = 600_000;
export const DEFAULT_WORKER_HEAP_MB = 4096;

/** A chunk that ran past WorkerLimits.chunkTimeoutMs (its worker was terminated). */
export class ChunkTimeoutError extends MotorcadeError {}

/**
 * A piscina pool of sample workers over one road graph. The graph's bytes are shared, not copied: the pool
 * converts the graph to a SharedArrayBuffer once (graph.toShared(), free if it already is one) and hands
 * that SAB to every worker in workerData. Tasks are chunks of samples; the pool may serve several runs
 * one after the other (each worker keeps the context of the last payload it saw, keyed by its digest).
 */
export class SamplePool {
  readonly workers: number;
  private readonly piscina: Piscina;
  private readonly workerData: SampleWorkerData;
  private destroyed = false;
  private readonly limits: Required<WorkerLimits>;
  private readonly workerFile: string;

  constructor(graph: RoadGraph, workers: number, limits: SamplePoolOptions = {}) {
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`worker count ${workers} must be a positive integer`);
    this.workerFile = limits.workerFile ?? sampleWorkerUrl();
    const file = fileURLToPath(this.workerFile);
    if (!fs.existsSync(file)) throw new MotorcadeError(`worker file ${file} not found: build the package first (npm run build)`);
    this.workers = workers;
    this.limits = { chunkTimeoutMs: limits.chunkTimeoutMs ?? DEFAULT_CHUNK_TIMEOUT_MS, workerHeapMb: limits.workerHeapMb ?? DEFAULT_WORKER_HEAP_MB };
    for (const [field, v] of Object.entries(this.limits)) {
      if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`worker limit ${field} ${v} must be a positive number`);
    }
    this.workerData = { graphBuffer: graph.toShared().buffer as SharedArrayBuffer };
    if (limits.entryData !== undefined) this.workerData.entryData = limits.entryData;
    this.piscina = SamplePool.makePiscina(this.workerFile, this.workerData, workers, this.limits.workerHeapMb);
  }

  private static makePiscina(filename: string, workerData: SampleWorkerData, threads: number, heapMb: number): Piscina {
    // idleTimeout: workers stay for the whole run. concurrentTasksPerWorker 2 pipelines chunks: the next one
    // is already in the worker's message port when the current one ends, so the worker never idles through a
    // round trip to the main thread. With 1, each chunk waited for the previous reply to reach the main
    // thread and the next task to come back: 7-12 % of every worker's time on the bundled scenario, more on
    // 2 busy cores, where the main thread itself waits to be scheduled. Chunks are synchronous CPU work, so
    // two "concurrent" tasks still run one after the other.
    return new Piscina({ filename, workerData, minThreads: threads, maxThreads: threads, idleTimeout: 60_000, concurrentTasksPerWorker: 2, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  }

  /** The SAB every worker holds (the same object: writes here are seen by the workers). */
  get graphBuffer(): SharedArrayBuffer {
    return this.workerData.graphBuffer;
  }

  /**
   * Register a run: its payload is serialized with v8 (structured clone) into a SAB, once. Two runs whose
   * payloads say the same share their worker contexts (same contextKey): workloads are deterministic functions
   * of (graph, payload), and the pool's graph never changes.
   */
  beginRun(workloadModule: string, payload: unknown, pack = false, resultSlots?: { slots: number; slotDoubles: number }): PoolRun & { resultArena?: ResultArena } {
    const bytes = v8.serialize(payload);
    const shared = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(shared).set(bytes);
    // Keyed by what the payload says, not by its serialized bytes (payload-digest.ts explains why).
    const contextKey = payloadDigest(payload, workloadModule);
    const runId = randomUUID();
    const run = { runId, workloadModule, payload: shared, payloadBytes: bytes.byteLength, contextKey, pack };
    if (!pack || !resultSlots) return run;
    const resultArena = new ResultArena(runId, resultSlots.slots, resultSlots.slotDoubles);
    return { ...run, arena: resultArena.handle, resultArena };
  }

  /** Run one chunk on whichever worker is free. Rejects if the worker throws or dies. */
  async runChunk<S>(run: PoolRun, chunk: SampleRange, chunkIndex: number, attempt: number, slot = -1): Promise<ChunkReply<S>> {
    // Without the payload first (a warm worker has the context); a worker that lacks it (or this run's result
    // arena) answers needPayload at once, and the chunk goes again with both: one extra round trip per worker
    // and run.
    const reply = await this.timed<S>(this.piscina, SamplePool.task(run, chunk, chunkIndex, attempt, false, slot));
    if (!reply.needPayload) return reply;
    return this.timed<S>(this.piscina, SamplePool.task(run, chunk, chunkIndex, attempt, true, slot));
  }

  /**
   * Run one chunk on a brand-new worker (the retry after a failure): a one-thread pool started for this
   * chunk alone, so that nothing a failed worker left behind (a poisoned cache, a half-built context)
   * can touch the retry. It costs a worker start-up, only on failures.
   */
  async runChunkOnFreshWorker<S>(run: PoolRun, chunk: SampleRange, chunkIndex: number, attempt: number, slot = -1): Promise<ChunkReply<S>> {
    const fresh = SamplePool.makePiscina(this.workerFile, this.workerData, 1, this.limits.workerHeapMb);
    try {
      return await this.timed<S>(fresh, SamplePool.task(run, chunk, chunkIndex, attempt, true, slot));
    } finally {
      await fresh.destroy();
    }
  }

  /**
   * One task under the chunk timeout. Aborting a running task makes piscina terminate its worker (and
   * start another); the other chunk pipelined on that worker fails too and is retried like any failure.
   */
  private async timed<S>(pool: Piscina, task: ChunkTask): Promise<ChunkReply<S>> {
    const ms = this.limits.chunkTimeoutMs;
    const signal = AbortSignal.timeout(ms);
    try {
      return (await pool.run(task, { signal })) as ChunkReply<S>;
    } catch (err) {
      if (signal.aborted) throw new ChunkTimeoutError(`chunk ${task.chunkIndex} ran for more than ${ms / 1000} s (a hung worker): the worker was terminated`, { cause: err });
      throw err;
    }
  }

  /** Ask every worker what it sees of the graph buffer (each probe answered by a distinct worker). */
  async probeAll(offset: number): Promise<ProbeReply[]> {
    const barrier = new SharedArrayBuffer(4);
    const task = (): ProbeTask => ({ kind: 'probe', offset, barrier, parties: this.workers });
    return Promise.all(Array.from({ length: this.workers }, () => this.piscina.run(task()) as Promise<ProbeReply>));
  }

  /** Resolves once every worker has started and holds the graph (used to time pool start-up). */
  async ready(): Promise<void> {
    await this.probeAll(0);
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.piscina.destroy();
  }

  private static task(run: PoolRun, chunk: SampleRange, chunkIndex: number, attempt: number, withPayload: boolean, slot: number): ChunkTask {
    const task: ChunkTask = { kind: 'chunk', runId: run.runId, contextKey: run.contextKey, workloadModule: run.workloadModule, chunk, chunkIndex, attempt };
    if (withPayload) task.payload = run.payload;
    if (withPayload && run.arena) task.arena = run.arena;
    if (slot >= 0 && run.arena) task.slot = slot;
    if (run.pack) task.pack = true;
    return task;
  }
}
