import path from 'node:path';
import { Alea } from '../engine/sim/alea.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { loadScenarioOrThrow } from '../engine/scenario/index.js';
import { planFromScenario } from '../engine/scenario/scenario-adapter.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { PreparedRun } from '../engine/sim/prepared-run.js';
import { RunAggregator } from '../engine/run/aggregate.js';
import { runShard } from '../engine/run/sweep/run-shard.js';
import type { VariantSummary } from '../engine/run/sweep/variant-summary.js';

/** Samples per shard of the bounded run (the sweep's path: shards simulated, then merged). */
const SHARD = 10_000;
import { ROW_ARRIVED, ROW_EXPOSURE, ROW_SAMPLE, ROW_TIME, SUMMARY_WIDTH } from '../engine/run/summary-codec.js';

/**
 * One process of the memory bench (run with --expose-gc). It prints, over the process's state before the
 * run (graph and scenario loaded), MB:
 * - retainedMb: the growth of the peak live memory (heap used + external, array buffers included, read after a full
 *   GC between pieces of work: every shard, every chunk) — what the run holds, the number that must stay
 *   flat;
 * - rssMb: the growth of the peak RSS read at the same points (it also holds garbage the GC had not yet
 *   returned, so it is noisier);
 * and the time taken.
 * - 'bounded': a real run of n samples of one stream (plan_a_arrival's primary route of the contingency
 *   scenario) through the sweep's shard path: shards of SHARD samples simulated sample by sample into
 *   bounded summaries and merged.
 * - 'rows': RunAggregator (a row per sample, what `motorcade run` keeps) fed n synthetic rows of the same
 *   width: the aggregation is what grows, so the simulation is left out of the peer.
 */
export async function memoryChild(mode: 'bounded' | 'rows', n: number): Promise<void> {
  const { graph } = await loadGraph({ city: 'phnom-penh' });
  const scenario = await loadScenarioOrThrow(path.join(PACKAGE_ROOT, 'scenarios', 'contingency-plans.yaml'), { graph });
  const plan = planFromScenario(scenario, graph);
  plan.movements = plan.movements.slice(0, 1).map((m) => ({ ...m, options: m.options.slice(0, 1) })); // one stream
  const gc = global.gc;
  if (!gc) throw new Error('memory child: run node with --expose-gc');
  const live = (): number => {
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.external; // external includes the array buffers
  };
  const before = live();
  const rssBefore = process.memoryUsage().rss;
  const t = performance.now();
  const ctx = new PreparedRun(graph, plan, { samples: n });
  let check = 0;
  let peak = before;
  let rssPeak = rssBefore;
  const note = (): void => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    peak = Math.max(peak, live());
  };
  if (mode === 'bounded') {
    const plans = [{ id: 'only', choices: [{ movementIndex: 0, optionIndex: 0, movementId: plan.movements[0]!.id, optionId: plan.movements[0]!.options[0]!.id }] }];
    let total: VariantSummary | undefined;
    for (let s0 = 0; s0 < n; s0 += SHARD) {
      const s = runShard(ctx, 'memory-bench', plans, { sampleStart: s0, sampleEnd: Math.min(n, s0 + SHARD) });
      total = total ? total.merge(s) : s;
      note();
    }
    check = total!.plans[0]!.samples;
  } else {
    const rng = new Alea();
    rng.seed('memory-bench|', 0);
    const chunk = 1000;
    const rows = new Float64Array(chunk * SUMMARY_WIDTH);
    const agg = new RunAggregator(ctx); // its per-sample rows are allocated for the run's sample count
    for (let s0 = 0; s0 < n; s0 += chunk) {
      const k = Math.min(chunk, n - s0);
      for (let i = 0; i < k; i++) {
        const at = i * SUMMARY_WIDTH;
        rows[at + ROW_SAMPLE] = s0 + i;
        rows[at + ROW_TIME] = 1200 + 600 * rng.next();
        rows[at + ROW_ARRIVED] = 1;
        for (let c = 0; c < 6; c++) rows[at + ROW_EXPOSURE + c] = 50 * rng.next();
      }
      agg.addPacked({ movementIndex: 0, optionIndex: 0, sampleStart: s0, sampleEnd: s0 + k }, rows.subarray(0, k * SUMMARY_WIDTH));
      check += k;
      if ((s0 / chunk) % 50 === 49 || s0 + k >= n) note(); // every 50,000 rows and at the end: a full GC costs ms
    }
  }
  if (check !== n) throw new Error(`memory child ${mode}: ${check} samples summarised, expected ${n}`);
  const ms = performance.now() - t; // includes the GCs of the measurement
  process.stdout.write(JSON.stringify({ retainedMb: (peak - before) / 1e6, rssMb: (rssPeak - rssBefore) / 1e6, ms }) + '\n');
}
