import path from 'node:path';
import { loadGraph } from '../engine/import/load-graph.js';
import { loadScenarioOrThrow } from '../engine/scenario/index.js';
import { planFromScenario } from '../engine/scenario/scenario-adapter.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { PreparedRun } from '../engine/sim/prepared-run.js';
import { RunAggregator } from '../engine/run/aggregate.js';
import { analyseRun } from '../engine/analysis/run-analysis.js';
import { runSampleChunk } from '../engine/sim/sample-chunk.js';
import { packSummaries, SUMMARY_WIDTH } from '../engine/run/summary-codec.js';
import { PeakMeter, RowKeepingPeer } from './memory-harness.js';

/** The movement measured: plan_b_arrival of the contingency scenario, two options (safest, fastest), so paired comparisons are part of the run. */
export const MOVEMENT = 'plan_b_arrival';
/** Samples per chunk: the pool's largest chunk (engine/run/pool/chunk-plan.ts MAX_CHUNK_SAMPLES). */
const CHUNK = 500;
/** Peaks read every this many rounds of chunks (a full GC costs milliseconds) and at the end. */
const NOTE_EVERY = 50;

/**
 * One process of bench/run-memory (run with --expose-gc; bench/memory-harness.ts measures, over the state
 * with graph and scenario loaded): n samples of every option of MOVEMENT, really simulated, in chunks
 * dispatched as the pool dispatches them (round by round over the samples, every option in turn) and
 * handed on packed, as workers hand them to the main thread. Both modes run the same simulation; only
 * the sink differs:
 * - 'bounded': RunAggregator.addPacked, what `motorcade run` does; the RunResult is computed at the end
 *   (after the measured peak: the analysis is the same whatever n) as a check;
 * - 'rows': the row-keeping peer, a row per sample allocated for n.
 * Reports also the time spent in the sink (aggMs) beside the whole wall time.
 */
export async function runMemoryChild(mode: 'bounded' | 'rows', n: number): Promise<void> {
  const { graph } = await loadGraph({ city: 'phnom-penh' });
  const scenario = await loadScenarioOrThrow(path.join(PACKAGE_ROOT, 'scenarios', 'contingency-plans.yaml'), { graph });
  const plan = planFromScenario(scenario, graph);
  plan.movements = plan.movements.filter((m) => m.id === MOVEMENT);
  if (plan.movements.length !== 1) throw new Error(`run-memory: no movement ${MOVEMENT} in the contingency scenario`);
  const options = plan.movements[0]!.options.length;
  const meter = new PeakMeter();
  const ctx = new PreparedRun(graph, plan, { samples: n });
  const agg = mode === 'bounded' ? new RunAggregator(ctx) : null;
  const peer = mode === 'rows' ? new RowKeepingPeer(options, n) : null;
  const rows = new Float64Array(CHUNK * SUMMARY_WIDTH);
  let aggMs = 0;
  let round = 0;
  for (let s0 = 0; s0 < n; s0 += CHUNK, round++) {
    const sampleEnd = Math.min(n, s0 + CHUNK);
    for (let oi = 0; oi < options; oi++) {
      const task = { movementIndex: 0, optionIndex: oi, sampleStart: s0, sampleEnd };
      const packed = packSummaries(runSampleChunk(ctx, task), rows);
      const t = performance.now();
      if (agg) agg.addPacked(task, packed);
      else peer!.addPacked(oi, packed);
      aggMs += performance.now() - t;
    }
    if (round % NOTE_EVERY === NOTE_EVERY - 1 || sampleEnd >= n) meter.note();
  }
  const done = agg ? agg.samplesDone : peer!.samplesDone();
  if (done !== n * options) throw new Error(`run-memory child ${mode}: ${done} samples aggregated, expected ${n * options}`);
  const more: Record<string, number> = { aggMs, options };
  if (agg) {
    const t = performance.now();
    const result = agg.result(analyseRun(ctx));
    more.resultMs = performance.now() - t;
    more.pairs = result.movements[0]!.comparison?.pairs ?? 0;
    const r = agg.retained();
    more.maxExactValues = r.maxExactValues;
    more.sketchBins = r.sketchBins;
    more.pairingSlots = r.pairingSlots;
  }
  meter.report(more);
}
