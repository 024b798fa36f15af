import type { ChunkRange, StreamKey } from './sample-job.js';

/** Upper bound on samples per chunk: keeps progress smooth and Ctrl-C responsive when samples are slow. */
export const MAX_CHUNK_SAMPLES = 250;
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

/**
 * The chunks of a run, in dispatch order: round by round over the sample axis, every stream in turn
 * within a round. A run stopped early (Ctrl-C, failure) has then advanced every movement and option about
 * equally instead of finishing the first option and never starting the last.
 */
export function planChunks(streams: readonly StreamKey[], samples: number, chunkSize: number): ChunkRange[] {
  if (!Number.isInteger(samples) || samples < 0) throw new RangeError(`sample count ${samples} must be a non-negative integer`);
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunk size ${chunkSize} must be a positive integer`);
  const chunks: ChunkRange[] = [];
  for (let start = 0; start < samples; start += chunkSize) {
    const end = Math.min(samples, start + chunkSize);
    for (const s of streams) chunks.push({ movementIndex: s.movementIndex, optionIndex: s.optionIndex, sampleStart: start, sampleEnd: end });
  }
  return chunks;
}

export function streamId(s: StreamKey): string {
  return `${s.movementIndex}/${s.optionIndex}`;
}
