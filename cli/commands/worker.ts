import type { Command } from 'commander';
import { InputError } from '../../engine/errors.js';
import { runAction } from '../report-error.js';

interface WorkerCommandOptions {
  queue?: string;
  concurrency?: string;
  lockMs?: string;
}

/** `motorcade worker --queue redis://HOST:PORT`: compute sweep shards from the queue until Ctrl-C. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('take sweep shards from a Redis queue (BullMQ) and compute them, until stopped (Ctrl-C)')
    .requiredOption('--queue <redis-url>', 'the queue: redis://HOST:PORT')
    .option('--concurrency <n>', 'shards at once, each in its own thread (default 1)')
    .option('--lock-ms <ms>', 'a shard whose worker stops renewing its lock for this long goes to another worker (default 30000)')
    .action(
      runAction(async (opts: WorkerCommandOptions) => {
        const { parseRedisUrl } = await import('../../engine/run/queue/redis-url.js');
        const { startQueueWorker } = await import('../../engine/run/queue/queue-worker.js');
        const connection = parseRedisUrl(opts.queue ?? '');
        if (!connection) throw new InputError(`--queue must be redis://HOST:PORT, got "${opts.queue}"`);
        const int = (v: string | undefined, flag: string, lo: number, hi: number): number | undefined => {
          if (v === undefined) return undefined;
          if (!/^\d+$/.test(v) || Number(v) < lo || Number(v) > hi) throw new InputError(`${flag} must be a whole number from ${lo} to ${hi}, got "${v}"`);
          return Number(v);
        };
        const w = await startQueueWorker(connection, {
          concurrency: int(opts.concurrency, '--concurrency', 1, 64),
          lockMs: int(opts.lockMs, '--lock-ms', 1000, 600_000),
          onJob: (id, state) => process.stderr.write(`${state} ${id}\n`),
        });
        process.stderr.write(`motorcade worker: waiting for shards on ${opts.queue}\n`);
        const stop = (): void => void w.close();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        await w.closed;
      }),
    );
}
