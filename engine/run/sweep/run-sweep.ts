import { createHash } from 'node:crypto';
import type { RoadGraph } from '../../graph/road-graph.js';
import type { RunPlan } from '../../model/run-plan.js';
import { PreparedRun } from '../../sim/prepared-run.js';
import { derivePlan } from './derive-plan.js';
import type { LoadedSweep } from './load-sweep.js';
import { runShard, shardRanges, type ShardRange } from './run-shard.js';
import type { SweepPlan, SweepSpec, Variant } from './sweep-model.js';
import { sweepResult, type SweepResult } from './sweep-result.js';
import { sweepVariants } from './variants.js';
import { VARIANT_SUMMARY_FORMAT, VariantSummary } from './variant-summary.js';

/** One unit of sweep work: a variant × a sample range, with a stable id (sweep digest, variant, shard). */
export interface SweepShard {
  id: string;
  variantIndex: number;
  shardIndex: number;
  range: ShardRange;
}

export interface SweepWork {
  digest: string;
  variants: Variant[];
  shards: SweepShard[];
}

/**
 * The digest of what determines a sweep's numbers: the base plan, the sweep's dimensions, plans, samples,
 * seed and shard size, and the format of the shard summaries. Job ids and stored results are keyed by it,
 * so a changed sweep never reuses the results of another, nor a newer motorcade the summaries an older
 * one left in Redis.
 */
export function sweepDigest(spec: SweepSpec, basePlan: RunPlan): string {
  const { file: _f, scenarioFile: _s, ...rest } = spec;
  return createHash('sha256').update(JSON.stringify({ rest, basePlan, format: VARIANT_SUMMARY_FORMAT })).digest('hex').slice(0, 16);
}

export function sweepWork(loaded: LoadedSweep): SweepWork {
  const digest = sweepDigest(loaded.spec, loaded.basePlan);
  const variants = sweepVariants(loaded.spec);
  const ranges = shardRanges(loaded.spec.samples, loaded.spec.shardSamples);
  const shards = variants.flatMap((v, variantIndex) => ranges.map((range, shardIndex) => ({ id: `${digest}-${v.id}-${shardIndex}`, variantIndex, shardIndex, range })));
  return { digest, variants, shards };
}

/**
 * Prepared runs of the variants last used, at most `capacity` (most recent first). A variant's shards are
 * handed out back to back, so one is enough in a single thread; a pool worker holds two, because it has
 * two shards in hand at once (SamplePool pipelines them) and at a variant boundary they differ.
 */
export class VariantContexts {
  private readonly recent: { key: string; ctx: PreparedRun }[] = [];
  constructor(
    private readonly graph: RoadGraph,
    private readonly capacity = 1,
  ) {}

  get(key: string, plan: () => RunPlan, samples: number, seed: string): PreparedRun {
    const at = this.recent.findIndex((c) => c.key === key);
    if (at >= 0) {
      const [hit] = this.recent.splice(at, 1);
      this.recent.unshift(hit!);
      return hit!.ctx;
    }
    this.recent.length = Math.min(this.recent.length, Math.max(1, this.capacity) - 1); // the oldest goes before the next is built
    const ctx = new PreparedRun(this.graph, plan(), { samples, seed });
    this.recent.unshift({ key, ctx });
    return ctx;
  }
}

/** Run one shard of a loaded sweep (what the local loop and a queue worker both call). */
export function runSweepShard(contexts: VariantContexts, basePlan: RunPlan, spec: Pick<SweepSpec, 'samples' | 'seed'>, plans: readonly SweepPlan[], variant: Variant, range: ShardRange): VariantSummary {
  const ctx = contexts.get(variant.id, () => derivePlan(basePlan, variant), spec.samples, spec.seed);
  return runShard(ctx, variant.id, plans, range);
}

/** Merge each variant's shard summaries (any order: merging is order-independent) and build the result. */
export function finishSweep(loaded: LoadedSweep, work: SweepWork, results: ReadonlyMap<string, VariantSummary>): SweepResult {
  const perVariant: (VariantSummary | undefined)[] = work.variants.map(() => undefined);
  for (const shard of work.shards) {
    const r = results.get(shard.id);
    if (!r) throw new Error(`sweep: no result for shard ${shard.id}`);
    const acc = perVariant[shard.variantIndex];
    perVariant[shard.variantIndex] = acc ? acc.merge(r) : VariantSummary.fromJSON(r.toJSON());
  }
  const plan = loaded.basePlan;
  const { delayMinuteExposure, minArrivedShare } = plan.scoring; // the base scenario's: no dimension changes them
  return sweepResult(loaded.spec, work.variants, perVariant as VariantSummary[], plan.movements.map((m) => m.id), plan.movements.map((m) => m.options.map((o) => o.id)), { delayMinuteExposure, minArrivedShare });
}

/** The whole sweep on this thread: every shard in order, no Redis. */
export function runSweepLocal(loaded: LoadedSweep, onProgress?: (done: number, total: number) => void): SweepResult {
  const work = sweepWork(loaded);
  const contexts = new VariantContexts(loaded.graph);
  const results = new Map<string, VariantSummary>();
  work.shards.forEach((shard, i) => {
    results.set(shard.id, runSweepShard(contexts, loaded.basePlan, loaded.spec, loaded.spec.plans, work.variants[shard.variantIndex]!, shard.range));
    onProgress?.(i + 1, work.shards.length);
  });
  return finishSweep(loaded, work, results);
}
