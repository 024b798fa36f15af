import { streamId } from './chunk-plan.js';
import type { SampleRange } from '../../model/sample-range.js';

/** Receives each stream's chunks strictly in sample order. */
export type OrderedChunkSink<S> = (chunk: SampleRange, summaries: S[]) => void;

/**
 * A chunk's summaries still in the job's transfer encoding (job.pack): `rows` summaries in one Float64Array,
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

/** Like OrderedChunkSink, for outputs that may still be packed. */
export type OrderedOutputSink<S> = (chunk: SampleRange, out: ChunkOutput<S>) => void;

/** Number of summaries in a chunk output. */
export function rowsOf<S>(out: ChunkOutput<S>): number {
  return Array.isArray(out) ? out.length : (out as PackedRows).rows;
}

/** An output that no longer views shared memory: packed rows in a result slot are copied and the slot freed. */
function detached<S>(out: ChunkOutput<S>): ChunkOutput<S> {
  if (Array.isArray(out) || !(out as PackedRows).release) return out;
  const { packed, rows, release } = out as PackedRows;
  const copy = packed.slice();
  release!();
  return { packed: copy, rows };
}

/**
 * Reorders chunk results that complete in any order into sample order, per (movement, option) stream.
 * A chunk is held only until every earlier chunk of its own stream has arrived, so memory is bounded by
 * the chunks in flight, not by the sample count; and a chunk that never arrives (a failure) blocks only
 * its own stream, never the results of the others.
 */
export class StreamOrder<S> {
  /** Per stream: the chunk indices of the plan in order, and how many have been delivered. */
  private readonly streams = new Map<string, { order: number[]; delivered: number }>();
  private readonly streamOf: string[];
  private readonly held = new Map<number, ChunkOutput<S>>();
  samplesDelivered = 0;
  /** Most chunks ever held at once: bounded by the chunks in flight, whatever the sample count. */
  peakHeld = 0;

  constructor(
    private readonly chunks: readonly SampleRange[],
    private readonly sink: OrderedOutputSink<S>,
  ) {
    this.streamOf = chunks.map((c) => streamId(c));
    chunks.forEach((c, i) => {
      const id = this.streamOf[i]!;
      let s = this.streams.get(id);
      if (!s) this.streams.set(id, (s = { order: [], delivered: 0 }));
      if (s.order.length > 0) {
        const prev = chunks[s.order[s.order.length - 1]!]!;
        if (prev.sampleEnd !== c.sampleStart) throw new RangeError(`chunk ${i} of stream ${id} starts at sample ${c.sampleStart}, expected ${prev.sampleEnd}`);
      }
      s.order.push(i);
    });
  }

  /** A chunk finished: deliver it and any held successors of its stream that are now in order. */
  complete(chunkIndex: number, summaries: ChunkOutput<S>): void {
    const chunk = this.chunks[chunkIndex]!;
    const expected = chunk.sampleEnd - chunk.sampleStart;
    const got = rowsOf(summaries);
    if (got !== expected) {
      throw new RangeError(`chunk ${chunkIndex} returned ${got} summaries for ${expected} samples`);
    }
    this.held.set(chunkIndex, summaries);
    if (this.held.size > this.peakHeld) this.peakHeld = this.held.size;
    const s = this.streams.get(this.streamOf[chunkIndex]!)!;
    for (;;) {
      const next = s.order[s.delivered];
      if (next === undefined) break;
      const ready = this.held.get(next);
      if (!ready) break;
      this.held.delete(next);
      s.delivered++;
      const c = this.chunks[next]!;
      this.samplesDelivered += c.sampleEnd - c.sampleStart;
      this.sink(c, ready);
    }
    // Still waiting for an earlier chunk: keep a copy and free the shared slot it arrived in, so that slots
    // are only ever taken by chunks in flight (however long a slow chunk holds its successors back).
    const waiting = this.held.get(chunkIndex);
    if (waiting) this.held.set(chunkIndex, detached(waiting));
  }

  /**
   * End of a run that lost chunks (failure after retry): deliver, still in sample order per stream, the
   * held chunks that sit past a missing one, so that nothing computed is thrown away. The missing ranges
   * are returned (the result then covers a known, non-contiguous set of samples).
   */
  drainPastGaps(): SampleRange[] {
    const missing: SampleRange[] = [];
    for (const s of this.streams.values()) {
      let last = -1; // position in s.order of the last held chunk of this stream
      for (let k = s.delivered; k < s.order.length; k++) if (this.held.has(s.order[k]!)) last = k;
      for (; s.delivered <= last; s.delivered++) {
        const i = s.order[s.delivered]!;
        const c = this.chunks[i]!;
        const ready = this.held.get(i);
        if (!ready) {
          missing.push(c);
          continue;
        }
        this.held.delete(i);
        this.samplesDelivered += c.sampleEnd - c.sampleStart;
        this.sink(c, ready);
      }
    }
    return missing;
  }

  /** Chunks completed but waiting for an earlier chunk of their stream (lost if that one never comes). */
  get heldChunks(): number {
    return this.held.size;
  }
}
