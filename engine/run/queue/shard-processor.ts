import type { Job } from 'bullmq';
import type { RoadGraph } from '../../graph/road-graph.js';
import { loadGraph } from '../../import/load-graph.js';
import type { GraphSource } from '../../scenario/model.js';
import { runSweepShard, VariantContexts } from '../sweep/run-sweep.js';
import type { VariantSummaryState } from '../sweep/variant-summary.js';
import type { ShardJobData } from './shard-job.js';

/**
 * The BullMQ sandboxed processor of sweep shards (`motorcade worker`): it runs in a worker thread of the
 * worker process, so the CPU-bound simulation never blocks the main thread that renews the job locks.
 * The graph and the current variant's PreparedRun stay loaded between jobs.
 */
let graph: { key: string; graph: Promise<RoadGraph> } | undefined;
let contexts: { key: string; contexts: VariantContexts } | undefined;

function graphOf(source: GraphSource): Promise<RoadGraph> {
  const key = JSON.stringify(source);
  if (graph?.key !== key) graph = { key, graph: loadGraph(source.kind === 'file' ? { source: source.path } : { city: 'phnom-penh' }).then((g) => g.graph) };
  return graph.graph;
}

export default async function processShard(job: Job<ShardJobData>): Promise<VariantSummaryState> {
  const d = job.data;
  const g = await graphOf(d.graph);
  if (contexts?.key !== d.digest) contexts = { key: d.digest, contexts: new VariantContexts(g) };
  return runSweepShard(contexts.contexts, d.basePlan, d, d.plans, d.variant, d.range).toJSON();
}
