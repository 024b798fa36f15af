import { MotorcadeError } from '../../errors.js';

/** Redis cannot be reached or went away: one line, exit code 3; completed shards stay in Redis for a re-run. */
export class QueueUnavailableError extends MotorcadeError {
  override name = 'QueueUnavailableError';
  override exitCode = 3;
}

export function redisText(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e?.code ?? e?.message?.split('\n')[0] ?? String(err);
}
