import { InputError } from '../engine/errors.js';

/** The flags of `motorcade run` and `report` that size a run: whole numbers, refused with the flag and the value. */

/** --workers N: 0 runs in-process on the main thread, 1..256 worker threads. */
export function parseWorkers(value: string, flag = '--workers'): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n > 256) {
    throw new InputError(`${flag} must be a whole number from 0 (in-process) to 256, got "${value}"`);
  }
  return n;
}

/** --samples N: samples per movement × route option, 1..10,000,000. */
export function parseSamples(value: string, flag = '--samples'): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > 10_000_000) {
    throw new InputError(`${flag} must be a whole number from 1 to 10000000, got "${value}"`);
  }
  return n;
}

/** --chunk-size N (advanced): samples per task; results do not depend on it. */
export function parseChunkSize(value: string, flag = '--chunk-size'): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InputError(`${flag} must be a positive whole number, got "${value}"`);
  }
  return n;
}
