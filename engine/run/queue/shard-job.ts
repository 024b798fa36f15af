import type { GraphSource } from '../../scenario/model.js';
import type { RunPlan } from '../../model/run-plan.js';
import type { SweepPlan, Variant } from '../sweep/sweep-model.js';
import type { ShardRange } from '../sweep/run-shard.js';

/** BullMQ queue of sweep shards. */
export const SWEEP_QUEUE = 'motorcade-sweep';

/**
 * What a shard job carries: everything a worker on any machine needs to compute it (the base plan, the
 * variant, the sample range, the plans), and the graph to load. The job id is `${digest}-${variant}-${shard}`;
 * nothing here depends on the attempt or on which worker runs it.
 */
export interface ShardJobData {
  digest: string;
  shardId: string;
  graph: GraphSource;
  basePlan: RunPlan;
  samples: number;
  seed: string;
  plans: SweepPlan[];
  variant: Variant;
  range: ShardRange;
}
