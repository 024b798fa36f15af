import type { SampleRange, StreamKey } from '../../model/sample-range.js';

/**
 * Upper bound on samples per chunk: keeps progress smooth and Ctrl-C responsive when samples are slow
 * (500 samples of the bundled scenario are ~10 ms). Raised from 250 once the tail of a run was tapered
 * (planChunks): half the chunks, half the per-chunk messaging on the main thread, +8 % samples/s at 2 workers.
 */
export const MAX_CHUNK_SAMPLES = 500;
/** Chunks per worker the default size aims at: enough to balance load, few enough that overhead is small. */
export const CHUNKS_PER_WORKER = 8;

/**
 * Default samples per chunk: the total work split into about workers × 8 chunks, at most
 * MAX_CHUNK_SAMPLES. Piscina's round trip costs tens of microseconds (bench/parallel.ts), so any chunk of
 * a few milliseconds of work or more keeps scheduling overhead under a few percent.
 */
export function defaultChunkSize(samples: number, streamCount: number, workers: number): number {
  const total = samples * Math.max(1, streamCount);
  const target = Math.ceil(total / (Math.max(1, workers) * CHUNKS_PER_WORKER));
  return Math.max(1, Math.min(MAX_CHUNK_SAMPLES, samples, target));
}

/** How the end of a plan is thinned (planChunks): its last `chunks` chunks are each cut into `parts`. */
export interface Taper {
  chunks: number;
  parts: number;
}

/**
 * The chunks of a run, in dispatch order: round by round over the sample axis, every stream in turn
 * within a round. A run stopped early (Ctrl-C, failure) has then advanced every movement and option about
 * equally instead of finishing the first option and never starting the last.
 *
 * `taper` cuts the last few chunks into thinner ones (dispatched piece by piece across them). Streams differ
 * in cost (a long route takes twice as long per sample as a short one), so with full-size chunks to the end
 * one worker can still be busy with a late chunk while the others have nothing left: with 2 workers on the
 * bundled scenario that tail was up to 9 ms of a 150 ms run. Only the last chunks are cut: every extra
 * chunk costs a round trip (~0.3 ms of main-thread and worker time). Results do not depend on chunking.
 */
export function planChunks(streams: readonly StreamKey[], samples: number, chunkSize: number, taper?: Taper): SampleRange[] {
  if (!Number.isInteger(samples) || samples < 0) throw new RangeError(`sample count ${samples} must be a non-negative integer`);
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunk size ${chunkSize} must be a positive integer`);
  if (taper && !(Number.isInteger(taper.chunks) && taper.chunks >= 0 && Number.isInteger(taper.parts) && taper.parts >= 1)) {
    throw new RangeError(`taper ${JSON.stringify(taper)} needs a non-negative integer chunk count and a positive integer part count`);
  }
  const chunks: SampleRange[] = [];
  for (let start = 0; start < samples; start += chunkSize) {
    const end = Math.min(samples, start + chunkSize);
    for (const s of streams) chunks.push({ movementIndex: s.movementIndex, optionIndex: s.optionIndex, sampleStart: start, sampleEnd: end });
  }
  if (!taper || taper.parts === 1 || taper.chunks === 0) return chunks;
  // The tail's chunks are distinct streams (at most one round), so interleaving their pieces keeps every
  // stream's pieces in sample order.
  const tail = chunks.splice(Math.max(0, chunks.length - Math.min(taper.chunks, streams.length)));
  const pieces = tail.map((c) => {
    const size = Math.ceil((c.sampleEnd - c.sampleStart) / taper.parts);
    const out: SampleRange[] = [];
    for (let a = c.sampleStart; a < c.sampleEnd; a += size) out.push({ ...c, sampleStart: a, sampleEnd: Math.min(c.sampleEnd, a + size) });
    return out;
  });
  for (let k = 0; k < taper.parts; k++) for (const p of pieces) if (p[k]) chunks.push(p[k]!);
  return chunks;
}

/** The pool thins the last 2 chunks per worker into 4 pieces each (planChunks' taper). */
export function poolTaper(workers: number): Taper {
  return { chunks: 2 * workers, parts: 4 };
}

export function streamId(s: StreamKey): string {
  return `${s.movementIndex}/${s.optionIndex}`;
}
