import { MotorcadeError } from '../../errors.js';
import { distModuleUrl } from '../pool/dist-module.js';
import { SamplePool } from '../pool/sample-pool.js';
import { errorText } from '../chunk-failed-error.js';
import type { LoadedSweep } from './load-sweep.js';
import { finishSweep, runSweepLocal, runSweepShard, sweepWork, VariantContexts, type SweepShard } from './run-sweep.js';
import { POOL_WHEN_WORK_MS } from '../run.js';
import { shardChunk, SWEEP_WORKLOAD_MODULE, type SweepWorkloadPayload } from './sweep-workload.js';
import type { SweepResult } from './sweep-result.js';
import { VariantSummary, type VariantSummaryState } from './variant-summary.js';

/** A shard that failed on a worker and again on a fresh one: the sweep stops with this one line. */
export class ShardFailedError extends MotorcadeError {
  override name = 'ShardFailedError';
}

export interface SweepOnPoolOptions {
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** An already started pool over the sweep's graph (benches): not destroyed at the end, always used. */
  pool?: SamplePool | undefined;
  /**
   * Start workers only if the sweep's work, estimated from the fastest of the first DECIDE_AFTER_TASKS tasks
   * run on the main thread, exceeds this many ms (default POOL_WHEN_WORK_MS, as `motorcade run`; 0 = always).
   */
  poolWhenWorkMs?: number | undefined;
}

/** Tasks the main thread runs and times before deciding whether workers pay (the first ones are cold). */
const DECIDE_AFTER_TASKS = 4;

/** Pool tasks per worker the grouping aims at: enough to balance the load, few enough that a variant is prepared on few workers. */
const TASKS_PER_WORKER = 4;

/** A pool task: consecutive shards of one variant. */
interface ShardGroup {
  variantIndex: number;
  shards: SweepShard[];
}

/**
 * The sweep's shards in groups of at most `size` consecutive shards of one variant, in the sweep's order.
 * Preparing a variant (routes, tracks, coverage tables) costs about as much as simulating 40 of its
 * samples on the bundled sweep, so a worker should not prepare a variant for a single shard of it.
 */
export function shardGroups(shards: readonly SweepShard[], size: number): ShardGroup[] {
  const out: ShardGroup[] = [];
  for (const shard of shards) {
    const last = out[out.length - 1];
    if (last && last.variantIndex === shard.variantIndex && last.shards.length < size) last.shards.push(shard);
    else out.push({ variantIndex: shard.variantIndex, shards: [shard] });
  }
  return out;
}

/**
 * The sweep on this machine's piscina pool (`motorcade sweep --workers N`); 0 workers runs it in-process
 * (runSweepLocal), and so does a sweep the main thread's first tasks show to be short (poolWhenWorkMs). Tasks (groups of a variant's shards, about TASKS_PER_WORKER per worker) go out in the
 * sweep's order, two per worker at a time; each comes back as its shards' VariantSummary states, merged
 * exactly as a queue's results are, so the output is the same bytes as in-process and on Redis whatever
 * the worker count. A task that fails is retried once on a fresh worker (seeds do not depend on the
 * attempt); a second failure ends the sweep.
 */
export async function runSweepOnPool(loaded: LoadedSweep, workers: number, opts: SweepOnPoolOptions = {}): Promise<SweepResult> {
  if (!Number.isInteger(workers) || workers < 0) throw new RangeError(`worker count ${workers} must be a non-negative integer`);
  if (workers === 0 && !opts.pool) return runSweepLocal(loaded, opts.onProgress);
  const work = sweepWork(loaded);
  const threads = opts.pool?.workers ?? workers;
  const groups = shardGroups(work.shards, Math.max(1, Math.ceil(work.shards.length / (TASKS_PER_WORKER * threads))));
  const results = new Map<string, VariantSummary>();
  // A short sweep stays on the main thread: a cold worker spends about a second of CPU (modules, JIT, its
  // first preparations) before it pays. The tasks timed here are kept; the rest go to the pool or stay.
  let next = 0;
  const poolWhenWorkMs = opts.pool ? 0 : (opts.poolWhenWorkMs ?? POOL_WHEN_WORK_MS);
  if (poolWhenWorkMs > 0) {
    const contexts = new VariantContexts(loaded.graph);
    let fastestMs = Infinity;
    let spentMs = 0;
    const worthIt = (): boolean => fastestMs * (groups.length - next) > poolWhenWorkMs;
    while (next < groups.length && (next < DECIDE_AFTER_TASKS || !worthIt()) && spentMs <= poolWhenWorkMs) {
      const t0 = performance.now();
      for (const shard of groups[next++]!.shards) {
        results.set(shard.id, runSweepShard(contexts, loaded.basePlan, loaded.spec, loaded.spec.plans, work.variants[shard.variantIndex]!, shard.range));
      }
      const ms = performance.now() - t0;
      fastestMs = Math.min(fastestMs, ms);
      spentMs += ms;
      opts.onProgress?.(results.size, work.shards.length);
    }
    if (next === groups.length) return finishSweep(loaded, work, results);
  }
  // Never more threads than tasks.
  const pool = opts.pool ?? new SamplePool(loaded.graph, Math.max(1, Math.min(workers, groups.length - next)));
  const payload: SweepWorkloadPayload = { basePlan: loaded.basePlan, samples: loaded.spec.samples, seed: loaded.spec.seed, plans: loaded.spec.plans, variants: work.variants, shardSamples: loaded.spec.shardSamples };
  const run = pool.beginRun(distModuleUrl(SWEEP_WORKLOAD_MODULE), payload);
  let failure: unknown;
  const one = async (group: ShardGroup, index: number): Promise<VariantSummaryState[]> => {
    const chunk = shardChunk(group.variantIndex, group.shards.map((s) => s.range));
    try {
      return checked((await pool.runChunk<VariantSummaryState>(run, chunk, index, 0)).summaries, group);
    } catch {
      try {
        return checked((await pool.runChunkOnFreshWorker<VariantSummaryState>(run, chunk, index, 1)).summaries, group);
      } catch (err) {
        const first = group.shards[0]!;
        throw new ShardFailedError(`sweep shards ${first.id}… (variant ${work.variants[group.variantIndex]!.label}, samples ${chunk.sampleStart}–${chunk.sampleEnd - 1}) failed twice: ${errorText(err)}`, { cause: err });
      }
    }
  };
  const lane = async (): Promise<void> => {
    while (failure === undefined && next < groups.length) {
      const index = next++;
      const group = groups[index]!;
      try {
        const states = await one(group, index);
        group.shards.forEach((shard, k) => results.set(shard.id, VariantSummary.fromJSON(states[k]!)));
      } catch (err) {
        failure ??= err;
        return;
      }
      opts.onProgress?.(results.size, work.shards.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: 2 * pool.workers }, lane));
  } finally {
    if (!opts.pool) await pool.destroy();
  }
  if (failure !== undefined) throw failure;
  return finishSweep(loaded, work, results);
}

function checked(states: VariantSummaryState[], group: ShardGroup): VariantSummaryState[] {
  if (states.length !== group.shards.length) throw new Error(`sweep shards ${group.shards[0]!.id}…: the worker replied ${states.length} summaries for ${group.shards.length} shards`);
  return states;
}
