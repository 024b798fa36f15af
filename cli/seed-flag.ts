import { InputError } from '../engine/errors.js';
import { quoteInput } from '../engine/quote.js';

/** Longest seed accepted: a seed names a run, it is not a payload. */
const SEED_MAX = 200;

/**
 * `--seed S`: any non-empty text without control characters, at most 200 characters. An empty or blank
 * seed is refused (it would silently give the same stream as every other empty seed).
 */
export function parseSeedFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new InputError(`--seed must not be empty (got ${quoteInput(value)})`);
  if (value.length > SEED_MAX) throw new InputError(`--seed is ${value.length} characters, at most ${SEED_MAX}: ${quoteInput(value)}`);
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) throw new InputError(`--seed holds control characters: ${quoteInput(value)}`);
  return value;
}
