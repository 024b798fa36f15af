import path from 'node:path';
import { Alea } from '../engine/sim/alea.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { loadScenarioOrThrow } from '../engine/scenario/index.js';
import { planFromScenario } from '../engine/scenario/scenario-adapter.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { PreparedRun } from '../engine/sim/prepared-run.js';
import { runShard } from '../engine/run/sweep/run-shard.js';
import type { VariantSummary } from '../engine/run/sweep/variant-summary.js';
import { SUMMARY_WIDTH } from '../engine/run/summary-codec.js';
import { PeakMeter, RowKeepingPeer, syntheticRows } from './memory-harness.js';

/** Samples per shard of the bounded run (the sweep's path: shards simulated, then merged). */
const SHARD = 10_000;

/**
 * One process of the sweep's memory bench (run with --expose-gc; bench/memory-harness.ts measures and
 * prints, over the process's state with graph and scenario loaded):
 * - 'bounded': a real run of n samples of one stream (plan_a_arrival's primary route of the contingency
 *   scenario) through the sweep's shard path: shards of SHARD samples simulated sample by sample into
 *   bounded summaries and merged; the peaks read after every shard.
 * - 'rows': the row-keeping peer (a row per sample, what `motorcade run` kept before its aggregation was
 *   bounded) fed n synthetic rows of the same width: the aggregation is what grows, so the simulation is
 *   left out of the peer.
 */
export async function memoryChild(mode: 'bounded' | 'rows', n: number): Promise<void> {
  const { graph } = await loadGraph({ city: 'phnom-penh' });
  const scenario = await loadScenarioOrThrow(path.join(PACKAGE_ROOT, 'scenarios', 'contingency-plans.yaml'), { graph });
  const plan = planFromScenario(scenario, graph);
  plan.movements = plan.movements.slice(0, 1).map((m) => ({ ...m, options: m.options.slice(0, 1) })); // one stream
  const meter = new PeakMeter();
  const ctx = new PreparedRun(graph, plan, { samples: n });
  let check = 0;
  if (mode === 'bounded') {
    const plans = [{ id: 'only', choices: [{ movementIndex: 0, optionIndex: 0, movementId: plan.movements[0]!.id, optionId: plan.movements[0]!.options[0]!.id }] }];
    let total: VariantSummary | undefined;
    for (let s0 = 0; s0 < n; s0 += SHARD) {
      const s = runShard(ctx, 'memory-bench', plans, { sampleStart: s0, sampleEnd: Math.min(n, s0 + SHARD) });
      total = total ? total.merge(s) : s;
      meter.note();
    }
    check = total!.plans[0]!.samples;
  } else {
    const rng = new Alea();
    rng.seed('memory-bench|', 0);
    const chunk = 1000;
    const rows = new Float64Array(chunk * SUMMARY_WIDTH);
    const peer = new RowKeepingPeer(1, ctx.samples); // its rows are allocated for the run's sample count
    for (let s0 = 0; s0 < n; s0 += chunk) {
      const k = Math.min(chunk, n - s0);
      peer.addPacked(0, syntheticRows(rng, s0, k, rows));
      if ((s0 / chunk) % 50 === 49 || s0 + k >= n) meter.note(); // every 50,000 rows and at the end
    }
    check = peer.samplesDone();
  }
  if (check !== n) throw new Error(`memory child ${mode}: ${check} samples summarised, expected ${n}`);
  meter.report();
}
