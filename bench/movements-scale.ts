/**
 * bench/movements-scale — how a day's cost grows with its number of movements (hardening: a day of
 * 10,000 movements must run).
 *
 *   npm run build && node dist/bench/movements-scale.js [--quick] [--full]
 *
 * The bundled arrival scenario's movements are copied N times over the day (departures shifted by one
 * minute per copy, so that later copies see earlier ones in the predictability term) and the world is
 * prepared (routes, tracks, predictability, injects, trigger times) and sampled in process. Timed per size
 * with 3 repetitions (min reported), heap after each; the verdict fails when doubling the movements costs
 * more than 2.6× the time (growth faster than linear). `--full` adds 10,000 movements. Sampling only (the
 * post-run analysis is per option and linear by construction: it is timed apart at the smallest size).
 */
import os from 'node:os';
import path from 'node:path';
import { analyseRun } from '../engine/analysis/run-analysis.js';
import { loadGraph } from '../engine/import/load-graph.js';
import type { RunPlan } from '../engine/model/run-plan.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { planFromScenario } from '../engine/scenario/scenario-adapter.js';
import { loadScenarioOrThrow } from '../engine/scenario/index.js';
import { PreparedRun } from '../engine/sim/prepared-run.js';
import { planTasks, runSampleChunk } from '../engine/sim/sample-chunk.js';
import { Verdict } from './verdict.js';

const quick = process.argv.includes('--quick');
const full = process.argv.includes('--full');
const SAMPLES = 2;
let sink = 0;

console.log(`bench/movements-scale — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}`);
const { graph } = await loadGraph();
const scenario = await loadScenarioOrThrow(path.join(PACKAGE_ROOT, 'scenarios', 'asean-2022-arrivals.yaml'), { graph });
const base = planFromScenario(scenario, graph);

function dayOf(n: number): RunPlan {
  const movements = Array.from({ length: n }, (_, i) => {
    const mv = base.movements[i % base.movements.length]!;
    const copy = Math.floor(i / base.movements.length);
    return { ...mv, id: `${mv.id}_${copy}`, departureS: mv.departureS + copy * 60 };
  });
  return { ...base, movements, samples: SAMPLES };
}

function once(n: number): { ms: number; heapMb: number } {
  const plan = dayOf(n);
  const t0 = performance.now();
  const ctx = new PreparedRun(graph, plan, { samples: SAMPLES });
  for (const t of planTasks(ctx, SAMPLES)) sink += runSampleChunk(ctx, t).length;
  const ms = performance.now() - t0;
  return { ms, heapMb: process.memoryUsage().heapUsed / 2 ** 20 };
}

const sizes = quick ? [250, 500, 1000] : full ? [500, 1000, 2000, 4000, 10_000] : [500, 1000, 2000, 4000];
const rows: { n: number; ms: number; heapMb: number }[] = [];
for (const n of sizes) {
  let best = { ms: Infinity, heapMb: 0 };
  for (let rep = 0; rep < (n >= 4000 ? 1 : 3); rep++) {
    const r = once(n);
    if (r.ms < best.ms) best = r;
  }
  rows.push({ n, ...best });
  console.log(`${String(n).padStart(6)} movements: ${(best.ms / 1000).toFixed(2)} s (${(best.ms / n).toFixed(2)} ms per movement), heap ${best.heapMb.toFixed(0)} MB`);
}

const small = dayOf(sizes[0]!);
const t0 = performance.now();
sink += analyseRun(new PreparedRun(graph, small, { samples: SAMPLES })).options.length;
console.log(`analysis of ${sizes[0]} movements (nominal runs, chokepoints, robustness, playback per option): ${((performance.now() - t0) / 1000).toFixed(2)} s`);

const verdict = new Verdict();
for (let i = 1; i < rows.length; i++) {
  const ratio = rows[i]!.ms / rows[i - 1]!.ms;
  const factor = rows[i]!.n / rows[i - 1]!.n;
  verdict.target(`time ×${factor} movements (${rows[i - 1]!.n} → ${rows[i]!.n})`, ratio, factor * 1.3, 'at most');
}
console.log(`sink ${sink}`);
for (const line of verdict.summary()) console.log(line);
verdict.finish();
