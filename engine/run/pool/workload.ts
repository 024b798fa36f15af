import type { RoadGraph } from '../../graph/road-graph.js';
import type { SampleRange } from '../../model/sample-range.js';
import type { ArenaHandle } from './result-arena.js';

/**
 * The generic task contract of the sample pool. The pool knows nothing about motorcades: it runs "workloads",
 * modules that turn (graph, run payload) into a per-worker context once per run, then turn a chunk of
 * sample indices into one summary per sample. The Monte Carlo of `motorcade run` is one such workload
 * (engine/run/monte-carlo-workload.ts); the synthetic Dijkstra workload (test/support/synthetic-workload.ts) drives the tests and benchmarks.
 */

/**
 * What a workload module exports as `sampleWorkload`. It is loaded by URL inside each worker (and directly in the
 * main thread for the in-process path), so it must be a plain ES module of the compiled package.
 *
 * Determinism rule: runChunk's output for sample i depends only on (graph, payload, stream, i), never on
 * which other samples the same context ran before, so chunk boundaries and pool size cannot change it.
 */
export interface PoolWorkload<Payload, Ctx, Summary> {
  /** Once per run and worker: rebuild whatever the chunks need (routes, overlays, search state). */
  prepare(graph: RoadGraph, payload: Payload): Ctx | Promise<Ctx>;
  /** One summary per sample of the chunk, in sample order. */
  runChunk(ctx: Ctx, chunk: SampleRange): Summary[];
  /**
   * Optional transfer encoding: summaries as one typed array (a memcpy between threads instead of a
   * structured clone of many small objects). unpack(pack(x)) must equal x exactly.
   */
  pack?(summaries: Summary[], into?: Float64Array): Float64Array;
  unpack?(packed: Float64Array): Summary[];
  /** Doubles per packed summary: lets the pool size shared result slots (result-arena.ts) for the workload. */
  packedWidth?: number;
}

/** The message a worker receives per chunk. */
export interface ChunkTask {
  kind: 'chunk';
  /** Changes per run (for logs and tests). */
  runId: string;
  /** Digest of (workload module, payload): the worker re-prepares its context only when it sees a new one. */
  contextKey: string;
  /** file: URL of the compiled workload module (exports `sampleWorkload`). */
  workloadModule: string;
  /**
   * The run payload, v8-serialized into shared memory once per run. Sent only when the worker asks for it
   * (a reply with needPayload: it has no context under contextKey): a SharedArrayBuffer in the message made
   * a trivial task's round trip 193 µs instead of 81 µs (measured, one worker).
   */
  payload?: SharedArrayBuffer;
  chunk: SampleRange;
  chunkIndex: number;
  attempt: number;
  /** Return the summaries packed (workload.pack); set when the main thread can unpack them. */
  pack?: boolean;
  /** With pack: write the rows into this slot of the run's result arena and reply only the row count. */
  slot?: number;
  /** The run's result arena, sent like the payload: only to a worker that asked for it (needPayload). */
  arena?: ArenaHandle;
}

/** A test/diagnostic message: what the worker sees of the graph buffer. */
export interface ProbeTask {
  kind: 'probe';
  /** Byte offset in the graph buffer to read back. */
  offset: number;
  /**
   * Optional barrier (Int32Array[1] over a SAB): the probe increments it and waits until it reaches
   * `parties`, so that `parties` concurrent probes are answered by `parties` distinct workers.
   */
  barrier?: SharedArrayBuffer;
  parties?: number;
}

export interface ProbeReply {
  shared: boolean;
  byteLength: number;
  byte: number;
  threadId: number;
}

export interface ChunkReply<Summary> {
  /** Plain summaries, or (task.pack) the packed rows in `packed` and an empty array here. */
  summaries: Summary[];
  packed?: Float64Array;
  /**
   * The worker lacks what the task needs and the task did not carry it (no context for contextKey, or not
   * this run's result arena): send it again with payload and arena.
   */
  needPayload?: boolean;
  /** With `packed` or `slot`: how many summaries it holds. */
  rows?: number;
  /** The rows were written into this slot of the run's result arena (no `packed` then). */
  slot?: number;
  /** Time the worker spent preparing the run context for this task (0 when it was cached), ms. */
  prepareMs: number;
}
