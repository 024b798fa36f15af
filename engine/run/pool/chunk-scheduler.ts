import { rowsOf, type ChunkOutput, type OutputSink } from './chunk-output.js';
import type { SampleRange } from '../../model/sample-range.js';

/** Runs chunks somewhere: on the pool (run = any free worker, retry = a fresh worker) or in-process. */
export interface ChunkExecutor<S> {
  run(chunk: SampleRange, chunkIndex: number, attempt: number): Promise<ChunkOutput<S>>;
  retry(chunk: SampleRange, chunkIndex: number, attempt: number): Promise<ChunkOutput<S>>;
}

export interface ScheduleProgress {
  samplesDone: number;
  samplesTotal: number;
  chunksDone: number;
  chunksTotal: number;
  elapsedMs: number;
}

export interface ScheduleOptions {
  /** Chunks handed out at once: a small window over the plan keeps memory flat and Ctrl-C prompt. */
  maxInFlight: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: ScheduleProgress) => void) | undefined;
}

/** A chunk that failed on its first try and again on a fresh worker. */
export interface ChunkFailure {
  chunk: SampleRange;
  chunkIndex: number;
  /** The error of the last attempt. */
  error: unknown;
}

export interface ScheduleOutcome {
  /** True when not every planned sample reached the sink (stopped by the signal, or a failure). */
  partial: boolean;
  aborted: boolean;
  failure?: ChunkFailure;
  /** Samples delivered to the sink. */
  samplesDone: number;
  samplesTotal: number;
  /** Chunks handed out that never reached the sink (a failure after its retry, or lost while stopping). */
  missing: SampleRange[];
  /** Chunks that failed once and were retried on a fresh worker (whatever the retry's outcome). */
  retried: number;
}

/**
 * Hand out the chunks of a plan to an executor, at most maxInFlight at a time, and deliver each chunk's
 * summaries to the sink as soon as it completes (nothing is held back: memory is bounded by the chunks in
 * flight). A failed chunk is retried once on a fresh worker; a second failure stops handing out chunks,
 * lets the running ones finish, keeps everything computed, and reports the failure. An abort (Ctrl-C)
 * stops handing out chunks the same way.
 */
export function runChunks<S>(chunks: readonly SampleRange[], executor: ChunkExecutor<S>, sink: OutputSink<S>, opts: ScheduleOptions): Promise<ScheduleOutcome> {
  const samplesTotal = chunks.reduce((a, c) => a + c.sampleEnd - c.sampleStart, 0);
  const t0 = performance.now();
  const maxInFlight = Math.max(1, Math.floor(opts.maxInFlight));
  let next = 0;
  let inFlight = 0;
  let chunksDone = 0;
  let samplesDone = 0;
  let failure: ChunkFailure | undefined;
  let retried = 0;
  let sinkError: unknown;
  /** Indices of chunks handed out that never reached the sink. */
  const lost: number[] = [];
  let aborted = opts.signal?.aborted ?? false;

  return new Promise<ScheduleOutcome>((resolve, reject) => {
    const onAbort = (): void => {
      aborted = true;
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (): void => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (sinkError !== undefined) {
        reject(sinkError);
        return;
      }
      const outcome: ScheduleOutcome = {
        partial: samplesDone < samplesTotal,
        aborted,
        samplesDone,
        samplesTotal,
        missing: lost.sort((a, b) => a - b).map((i) => chunks[i]!),
        retried,
      };
      if (failure) outcome.failure = failure;
      resolve(outcome);
    };

    const stopped = (): boolean => aborted || failure !== undefined || sinkError !== undefined;

    const attempt = async (i: number): Promise<void> => {
      const chunk = chunks[i]!;
      let summaries: ChunkOutput<S>;
      try {
        summaries = await executor.run(chunk, i, 0);
      } catch {
        if (aborted) {
          lost.push(i); // shutting down: no fresh worker for it, the chunk is simply not done
          return;
        }
        retried++;
        try {
          summaries = await executor.retry(chunk, i, 1);
        } catch (error) {
          failure ??= { chunk, chunkIndex: i, error };
          lost.push(i);
          return;
        }
      }
      try {
        const expected = chunk.sampleEnd - chunk.sampleStart;
        const got = rowsOf(summaries);
        if (got !== expected) throw new RangeError(`chunk ${i} returned ${got} summaries for ${expected} samples`);
        sink(chunk, summaries);
      } catch (error) {
        sinkError ??= error;
        return;
      }
      chunksDone++;
      samplesDone += chunk.sampleEnd - chunk.sampleStart;
      opts.onProgress?.({ samplesDone, samplesTotal, chunksDone, chunksTotal: chunks.length, elapsedMs: performance.now() - t0 });
    };

    const pump = (): void => {
      while (!stopped() && next < chunks.length && inFlight < maxInFlight) {
        const i = next++;
        inFlight++;
        void attempt(i).finally(() => {
          inFlight--;
          pump();
        });
      }
      if (inFlight === 0 && (stopped() || next >= chunks.length)) finish();
    };
    pump();
  });
}
