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
 *
 * `taperParts` > 1 splits the last round into that many thinner rounds. Streams differ in cost (a long
 * route takes twice as long per sample as a short one), so with full-size chunks to the end one worker can
 * still be busy with a late chunk while the others have nothing left: with 2 workers on the bundled
 * scenario that tail was up to 9 ms of a 150 ms run. Thin last chunks even it out; only the tail pays
 * their extra round trips. Results do not depend on chunking.
 */
export function planChunks(streams: readonly StreamKey[], samples: number, chunkSize: number, taperParts = 1): ChunkRange[] {
  if (!Number.isInteger(samples) || samples < 0) throw new RangeError(`sample count ${samples} must be a non-negative integer`);
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunk size ${chunkSize} must be a positive integer`);
  if (!Number.isInteger(taperParts) || taperParts < 1) throw new RangeError(`taper parts ${taperParts} must be a positive integer`);
  const chunks: ChunkRange[] = [];
  const round = (start: number, end: number): void => {
    for (const s of streams) chunks.push({ movementIndex: s.movementIndex, optionIndex: s.optionIndex, sampleStart: start, sampleEnd: end });
  };
  // Start of the last full-size round (the whole run when it is a single round).
  const lastStart = samples === 0 ? 0 : Math.floor((samples - 1) / chunkSize) * chunkSize;
  for (let start = 0; start < lastStart; start += chunkSize) round(start, start + chunkSize);
  const thin = Math.ceil((samples - lastStart) / taperParts);
  for (let start = lastStart; start < samples; start += thin) round(start, Math.min(samples, start + thin));
  return chunks;
}

/** Parts the pool splits the last round of a run into (planChunks' taperParts). */
export const POOL_TAPER_PARTS = 4;

export function streamId(s: StreamKey): string {
  return `${s.movementIndex}/${s.optionIndex}`;
}
