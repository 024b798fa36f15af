import path from 'node:path';
import { Alea } from '../engine/sim/alea.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { loadScenarioOrThrow } from '../engine/scenario/index.js';
import { planFromScenario } from '../engine/scenario/scenario-adapter.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { PreparedRun } from '../engine/sim/prepared-run.js';
import { RunAggregator } from '../engine/run/aggregate.js';
import { BoundedRunSummary } from '../engine/run/summary/bounded-run-summary.js';
import { ROW_ARRIVED, ROW_EXPOSURE, ROW_SAMPLE, ROW_TIME, SUMMARY_WIDTH } from '../engine/run/summary-codec.js';

/** One process of the memory bench: add n synthetic rows of one stream, print the peak RSS growth (MB). */
export async function memoryChild(mode: 'bounded' | 'rows', n: number): Promise<void> {
  const { graph } = await loadGraph({ city: 'phnom-penh' });
  const scenario = await loadScenarioOrThrow(path.join(PACKAGE_ROOT, 'scenarios', 'contingency-plans.yaml'), { graph });
  const plan = planFromScenario(scenario, graph);
  plan.movements = plan.movements.slice(0, 1); // plan_a_arrival: one option, one stream
  const rng = new Alea();
  rng.seed('memory-bench|', 0);
  const chunk = 1000;
  const rows = new Float64Array(chunk * SUMMARY_WIDTH);
  global.gc?.();
  const before = process.memoryUsage().rss;
  const t = performance.now();
  // RunAggregator's per-sample rows are allocated with the run (PreparedRun's sample count), so they count.
  const ctx = mode === 'rows' ? new PreparedRun(graph, plan, { samples: n }) : undefined;
  const sink = ctx ? new RunAggregator(ctx) : new BoundedRunSummary([1]);
  for (let s0 = 0; s0 < n; s0 += chunk) {
    const k = Math.min(chunk, n - s0);
    for (let i = 0; i < k; i++) {
      const at = i * SUMMARY_WIDTH;
      rows[at + ROW_SAMPLE] = s0 + i;
      rows[at + ROW_TIME] = 1200 + 600 * rng.next();
      rows[at + ROW_ARRIVED] = 1;
      for (let c = 0; c < 6; c++) rows[at + ROW_EXPOSURE + c] = 50 * rng.next();
    }
    sink.addPacked({ movementIndex: 0, optionIndex: 0, sampleStart: s0, sampleEnd: s0 + k }, rows.subarray(0, k * SUMMARY_WIDTH));
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ growthMb: (peak - before) / 1e6, ms: performance.now() - t }) + '\n');
}
