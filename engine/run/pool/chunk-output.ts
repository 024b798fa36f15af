import type { SampleRange } from '../../model/sample-range.js';

/**
 * A chunk's summaries still in the workload's transfer encoding (workload.pack): `rows` summaries in one Float64Array,
 * handed on as received from the worker so that the main thread need not build objects it only reads once.
 */
export interface PackedRows {
  readonly packed: Float64Array;
  readonly rows: number;
  /** Frees the shared memory `packed` views (result-arena.ts) once the rows have been consumed. */
  readonly release?: () => void;
}

/** What an executor returns for a chunk: summary objects, or the packed rows a worker sent. */
export type ChunkOutput<S> = S[] | PackedRows;

/**
 * Receives each chunk's summaries once, as soon as the chunk completes: chunks of one stream may arrive
 * in any order, so what a sink keeps must not depend on arrival (RunAggregator keeps summaries of the
 * multiset of samples, and pairs options by sample index).
 */
export type ChunkSink<S> = (chunk: SampleRange, summaries: S[]) => void;

/** Like ChunkSink, for outputs that may still be packed. The sink must consume packed rows before it returns. */
export type OutputSink<S> = (chunk: SampleRange, out: ChunkOutput<S>) => void;

/** Number of summaries in a chunk output. */
export function rowsOf<S>(out: ChunkOutput<S>): number {
  return Array.isArray(out) ? out.length : (out as PackedRows).rows;
}
