import type { RoadGraph } from '../../graph/road-graph.js';
import type { RunPlan } from '../../model/run-plan.js';
import type { SampleRange } from '../../model/sample-range.js';
import type { PoolWorkload } from '../pool/workload.js';
import { shardRanges, type ShardRange } from './run-shard.js';
import { runSweepShard, VariantContexts } from './run-sweep.js';
import type { SweepPlan, Variant } from './sweep-model.js';
import type { VariantSummaryState } from './variant-summary.js';

/**
 * Sweep shards as a workload of the sample pool (engine/run/pool): each worker keeps the sweep (base plan,
 * plans, variants) and the prepared runs of the variants it last served, and turns a shard into its
 * VariantSummary's state — what a queue worker hands back for the same shard, byte for byte.
 *
 * The pool addresses work as SampleRanges of a stream (movementIndex, optionIndex). A sweep chunk reads
 * `movementIndex` as the variant's index (optionIndex 0) and covers every movement × option of that
 * variant over [sampleStart, sampleEnd): one or more consecutive shards (shardChunk / chunkShards below).
 * Its reply is one summary per shard, in sample order, not one per sample. A chunk holds several shards
 * so that a variant is prepared on one worker rather than on every worker that gets one of its shards.
 */
export interface SweepWorkloadPayload {
  basePlan: RunPlan;
  samples: number;
  seed: string;
  plans: SweepPlan[];
  variants: Variant[];
  /** The sweep's shard size: a chunk is cut into shards at its multiples, as sweepWork cuts them. */
  shardSamples: number;
}

interface SweepWorkloadContext {
  payload: SweepWorkloadPayload;
  contexts: VariantContexts;
}

/** Path of this module from the package root, as workers load it from dist/. */
export const SWEEP_WORKLOAD_MODULE = 'engine/run/sweep/sweep-workload';

/** A chunk over consecutive shards of one variant (the first's start to the last's end). */
export function shardChunk(variantIndex: number, shards: readonly ShardRange[]): SampleRange {
  return { movementIndex: variantIndex, optionIndex: 0, sampleStart: shards[0]!.sampleStart, sampleEnd: shards[shards.length - 1]!.sampleEnd };
}

/** The variant and the shards of a chunk: its range cut at the multiples of the shard size. */
export function chunkShards(chunk: SampleRange, shardSamples: number): { variantIndex: number; shards: ShardRange[] } {
  const shards = shardRanges(chunk.sampleEnd, shardSamples).filter((r) => r.sampleStart >= chunk.sampleStart);
  return { variantIndex: chunk.movementIndex, shards };
}

export function runSweepChunk(ctx: SweepWorkloadContext, chunk: SampleRange): VariantSummaryState[] {
  const { variantIndex, shards } = chunkShards(chunk, ctx.payload.shardSamples);
  const variant = ctx.payload.variants[variantIndex];
  if (!variant) throw new Error(`sweep workload: no variant ${variantIndex} (the sweep has ${ctx.payload.variants.length})`);
  return shards.map((range) => runSweepShard(ctx.contexts, ctx.payload.basePlan, ctx.payload, ctx.payload.plans, variant, range).toJSON());
}

export const sampleWorkload: PoolWorkload<SweepWorkloadPayload, SweepWorkloadContext, VariantSummaryState> = {
  prepare: (graph: RoadGraph, payload: SweepWorkloadPayload) => ({ payload, contexts: new VariantContexts(graph, 2) }),
  runChunk: runSweepChunk,
};
