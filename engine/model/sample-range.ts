/**
 * Which samples a piece of work covers. A run is a set of streams, one per (movement, route option); each
 * stream's samples are numbered 0..samples-1 and aggregated together in sample order.
 */

/** One (movement, route option) pair. */
export interface StreamKey {
  movementIndex: number;
  optionIndex: number;
}

/** Samples [sampleStart, sampleEnd) of one stream (sampleEnd exclusive): a chunk of work for the pool or the in-process loop. */
export interface SampleRange extends StreamKey {
  sampleStart: number;
  sampleEnd: number;
}
