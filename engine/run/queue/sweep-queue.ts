import { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { LoadedSweep } from '../sweep/load-sweep.js';
import { finishSweep, sweepWork } from '../sweep/run-sweep.js';
import type { SweepResult } from '../sweep/sweep-result.js';
import { VariantSummary, type VariantSummaryState } from '../sweep/variant-summary.js';
import { QueueUnavailableError, redisText } from './queue-errors.js';
import type { RedisConnection } from './redis-url.js';
import { SWEEP_QUEUE, type ShardJobData } from './shard-job.js';

/** How often the sweep asks Redis for finished shards, ms (a bounded loop: one round trip per pending shard). */
const POLL_MS = 100;

/**
 * Check that Redis answers before anything is enqueued: no retries, so an unreachable server is one clear
 * error instead of a silent wait.
 */
export async function pingRedis(connection: RedisConnection): Promise<void> {
  const client = new Redis({ ...connection, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null, connectTimeout: 2000 });
  let first: unknown; // the socket's own error (ECONNREFUSED …) says more than the rejected promise
  client.on('error', (err) => (first ??= err));
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new QueueUnavailableError(`cannot reach Redis at redis://${connection.host}:${connection.port}: ${redisText(first ?? err)}`);
  } finally {
    client.disconnect();
  }
}

/**
 * `motorcade sweep --queue`: enqueue every shard as a BullMQ job whose id is (sweep digest, variant,
 * shard) — a job that exists already (a re-run, a duplicate) is not added again, and finished jobs keep
 * their results in Redis, so re-running the same sweep resumes — then wait for every result and aggregate
 * them exactly as a local run does (the same bytes).
 */
export async function runSweepOnQueue(loaded: LoadedSweep, connection: RedisConnection, opts: { onProgress?: (done: number, total: number) => void } = {}): Promise<SweepResult> {
  await pingRedis(connection);
  const work = sweepWork(loaded);
  const where = `redis://${connection.host}:${connection.port}`;
  const queue = new Queue<ShardJobData, VariantSummaryState>(SWEEP_QUEUE, { connection: { ...connection, maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: (n: number) => (n > 3 ? null : 200) } });
  let lost: unknown;
  queue.on('error', (err) => (lost ??= err));
  const results = new Map<string, VariantSummary>();
  try {
    await queue.addBulk(
      work.shards.map((shard) => ({
        name: 'shard',
        data: {
          digest: work.digest,
          shardId: shard.id,
          graph: loaded.scenario.graph,
          basePlan: loaded.basePlan,
          samples: loaded.spec.samples,
          seed: loaded.spec.seed,
          plans: loaded.spec.plans,
          variant: work.variants[shard.variantIndex]!,
          range: shard.range,
        },
        opts: { jobId: shard.id, attempts: 5, backoff: { type: 'fixed', delay: 500 }, removeOnComplete: false, removeOnFail: false },
      })),
    );
    const pending = new Set(work.shards.map((s) => s.id));
    for (;;) {
      for (const id of [...pending]) {
        const job = await Job.fromId<ShardJobData, VariantSummaryState>(queue, id);
        if (!job) continue;
        if (job.finishedOn && job.returnvalue) {
          results.set(id, summaryOf(id, job.returnvalue));
          pending.delete(id);
        } else if (job.finishedOn && job.failedReason && job.attemptsMade >= (job.opts.attempts ?? 1)) {
          throw new Error(`sweep shard ${id} failed ${job.attemptsMade} times: ${job.failedReason}`);
        }
      }
      opts.onProgress?.(results.size, work.shards.length);
      if (!pending.size) break;
      if (lost) throw lost;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('sweep shard')) throw err;
    throw new QueueUnavailableError(`lost Redis at ${where} (${redisText(err)}): ${results.size} of ${work.shards.length} shards done and kept there; run the same command again to resume`);
  } finally {
    await queue.close().catch(() => undefined);
  }
  return finishSweep(loaded, work, results);
}

/** A finished job's summary; one of another format (a worker of another motorcade version) names the shard, not Redis. */
function summaryOf(id: string, state: VariantSummaryState): VariantSummary {
  try {
    return VariantSummary.fromJSON(state);
  } catch (err) {
    throw new Error(`sweep shard ${id} came back from a worker of another motorcade version: ${(err as Error).message}`, { cause: err });
  }
}
