import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import { pingRedis } from './sweep-queue.js';
import type { RedisConnection } from './redis-url.js';
import { SWEEP_QUEUE, type ShardJobData } from './shard-job.js';
import type { VariantSummaryState } from '../sweep/variant-summary.js';

const PROCESSOR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'shard-processor.js');

export interface QueueWorkerOptions {
  /** Shards at once (each in its own sandbox thread). */
  concurrency?: number | undefined;
  /** A job whose lock is not renewed for this long (its worker died) goes back to the queue, ms. */
  lockMs?: number | undefined;
  onJob?: (id: string, state: 'active' | 'completed' | 'failed') => void;
}

/**
 * `motorcade worker --queue`: take sweep shards from Redis until stopped. Each shard runs in a BullMQ
 * sandboxed processor (a worker thread), so this thread keeps renewing the job's lock; a worker that is
 * killed stops renewing it, and after `lockMs` the shard is handed to another worker (the stalled-job
 * check), where it gives the same summary.
 */
export async function startQueueWorker(connection: RedisConnection, opts: QueueWorkerOptions = {}): Promise<{ close: () => Promise<void>; closed: Promise<void> }> {
  await pingRedis(connection);
  const lockMs = opts.lockMs ?? 30_000;
  const worker = new Worker<ShardJobData, VariantSummaryState>(SWEEP_QUEUE, PROCESSOR, {
    connection: { ...connection, maxRetriesPerRequest: null },
    useWorkerThreads: true,
    concurrency: opts.concurrency ?? 1,
    lockDuration: lockMs,
    stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
    maxStalledCount: 5,
  });
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  worker.on('active', (job) => opts.onJob?.(job.id ?? '', 'active'));
  worker.on('completed', (job) => opts.onJob?.(job.id ?? '', 'completed'));
  worker.on('failed', (job) => opts.onJob?.(job?.id ?? '', 'failed'));
  worker.on('error', () => undefined);
  worker.on('closed', () => resolveClosed());
  return { close: () => worker.close(), closed };
}
