import { MotorcadeError } from '../errors.js';

/**
 * A chunk of samples failed on its first worker and again on a fresh one. The run ends with this error;
 * what was computed before is not lost: `partial` carries the result over the samples done (marked
 * partial), so the CLI can still write it before it reports the error.
 */
export class ChunkFailedError<R = unknown> extends MotorcadeError {
  override name = 'ChunkFailedError';
  constructor(
    message: string,
    readonly movement: string,
    readonly option: string,
    readonly sampleStart: number,
    /** Exclusive. */
    readonly sampleEnd: number,
    readonly partial: R | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** "samples 40–59 of movement "m1", option "alternate"" (sample numbers 0-based, end inclusive for people). */
export function describeChunk(movement: string, option: string, sampleStart: number, sampleEnd: number): string {
  return `samples ${sampleStart}–${sampleEnd - 1} of movement "${movement}", option "${option}"`;
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
