/**
 * bench/simulate — movement samples per second on one core (issue 5), for the bundled arrival scenario.
 *
 *   npm run build && node dist/bench/simulate.js [--quick]
 *
 * 1. Airport → hotel (a1_pnh_raffles, primary option) with full scoring: samples/s = 1 / per-sample mean,
 *    measured on chunks of CHUNK samples (runSampleChunk, exactly what a worker runs).
 * 2. The split of the per-sample time: the same movement simulated with nothing to score (no threats,
 *    chokepoints, responders, hospitals) is the "simulation" part; full − simulation is "scoring".
 *    "Search" is the one-time part: routes + coverage tables (prepareRun and the first sample), amortised.
 * 3. What the reuse of coverage searches buys: a sample that recomputed its police, QRF, ambulance, EOD,
 *    hospital and safe-haven one-to-all searches (6 multi-source searches) against the reused tables.
 * 4. Every movement × option of the scenario, round robin.
 * Ratios are against peers measured in the same run. A sink keeps results alive.
 */
import os from 'node:os';
import path from 'node:path';
import { Bench, type Task } from 'tinybench';
import { loadGraph } from '../engine/import/load-graph.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { PreparedRun } from '../engine/sim/prepared-run.js';
import type { RunPlan } from '../engine/model/run-plan.js';
import { runSampleChunk } from '../engine/sim/sample-chunk.js';
import { planFromScenario } from '../engine/scenario/scenario-adapter.js';
import { loadScenarioOrThrow } from '../engine/scenario/index.js';
import { latencyStats } from './latency-stats.js';
import { Verdict } from './verdict.js';

const quick = process.argv.includes('--quick');
const CHUNK = 200;
let sink = 0;

const f = (x: number): string => (x < 1 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(0));

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`bench/simulate — ${cpu}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}${quick ? ', --quick' : ''}`);
const { graph } = await loadGraph();
const scenarioFile = path.join(PACKAGE_ROOT, 'scenarios', 'asean-2022-arrivals.yaml');
const scenario = await loadScenarioOrThrow(scenarioFile, { graph });
const plan = planFromScenario(scenario, graph);
const bare: RunPlan = { ...plan, threats: [], chokepoints: [], responders: [], hospitals: [], safeHavens: [], injects: [] };
console.log(`graph ${graph.nodeCount} nodes, ${graph.edgeCount} edges; scenario ${plan.id}: ${plan.movements.length} movements`);

// One-time part: prepareRun (route searches, tracks) and the first sample (coverage table searches).
const t0 = performance.now();
const full = new PreparedRun(graph, plan, { samples: 1_000_000 });
const t1 = performance.now();
const mi = plan.movements.findIndex((m) => m.id === 'a1_pnh_raffles');
if (mi < 0) throw new Error('a1_pnh_raffles not in the arrival scenario');
const track = full.movements[mi]!.tracks[0]!;
sink += runSampleChunk(full, { movementIndex: mi, optionIndex: 0, sampleStart: 0, sampleEnd: 1 })[0]!.timeS;
const t2 = performance.now();
const simOnly = new PreparedRun(graph, bare, { samples: 1_000_000 });
console.log(`one-time: prepareRun ${f(t1 - t0)} ms (routes of ${plan.movements.reduce((a, m) => a + m.options.length, 0)} options, tracks), first sample ${f(t2 - t1)} ms (${full.coverage.searches} coverage searches)`);
console.log(`movement a1_pnh_raffles/primary: ${track.n} edges, ${(track.totalM / 1000).toFixed(1)} km`);

let next = 1;
const chunk = (ctx: PreparedRun, m: number, o: number) => () => {
  const s = runSampleChunk(ctx, { movementIndex: m, optionIndex: o, sampleStart: next, sampleEnd: next + CHUNK });
  next += CHUNK;
  sink += s[s.length - 1]!.timeS;
};
// A sample that redoes its coverage searches (no reuse): 6 multi-source one-to-all searches.
const band = full.traffic.bandAt(plan.movements[mi]!.departureS);
const respEnds = plan.responders.map((r) => full.routing.snap(r)).filter((e) => e !== undefined);
const hospEnds = plan.hospitals.map((h) => full.routing.snap(h)).filter((e) => e !== undefined);
const searchesPerSample = () => {
  for (let k = 0; k < 4; k++) sink += full.routing.nodeTimes(respEnds.map((endpoint) => ({ endpoint: endpoint!, offsetS: 60 })), 'forward', band)[0]!;
  for (let k = 0; k < 2; k++) sink += full.routing.nodeTimes(hospEnds.map((endpoint) => ({ endpoint: endpoint!, offsetS: 0 })), 'reverse', band)[0]!;
};
const all: { m: number; o: number }[] = [];
full.movements.forEach((mv, m) => mv.tracks.forEach((t, o) => t && all.push({ m, o })));
let rr = 0;
const roundRobin = () => {
  const { m, o } = all[rr++ % all.length]!;
  const s = runSampleChunk(full, { movementIndex: m, optionIndex: o, sampleStart: next, sampleEnd: next + CHUNK });
  next += CHUNK;
  sink += s[0]!.timeS;
};

const bench = new Bench({ time: quick ? 300 : 2000, warmupTime: quick ? 100 : 500, retainSamples: true });
bench.add(`full scoring, chunk of ${CHUNK}`, chunk(full, mi, 0));
bench.add(`simulation only, chunk of ${CHUNK}`, chunk(simOnly, mi, 0));
bench.add('6 coverage searches (one sample without reuse)', searchesPerSample);
bench.add(`all movements × options, chunk of ${CHUNK}`, roundRobin);
await bench.run();

const [fullT, , searchT, allT] = bench.tasks as [Task, Task, Task, Task];
// The split needs two close numbers on a shared machine: alternate full and simulation-only chunks in one
// loop (same load for both) and compare medians.
const rounds = quick ? 60 : 300;
const fullTimes = new Float64Array(rounds);
const simTimes = new Float64Array(rounds);
const runFull = chunk(full, mi, 0);
const runSim = chunk(simOnly, mi, 0);
for (let r = 0; r < rounds; r++) {
  const a = performance.now();
  runFull();
  const b = performance.now();
  runSim();
  fullTimes[r] = b - a;
  simTimes[r] = performance.now() - b;
}
const median = (x: Float64Array) => Float64Array.from(x).sort()[Math.floor(x.length / 2)]!;
const perSample = (t: Task) => latencyStats(t).mean / CHUNK;
for (const t of bench.tasks) {
  const st = latencyStats(t);
  console.log(`  ${t.name.padEnd(50)} p50 ${f(st.p50).padStart(8)} ms  p90 ${f(st.p90).padStart(8)} ms  p99 ${f(st.p99).padStart(8)} ms  (n=${st.n})`);
}
const fullRate = 1000 / perSample(fullT);
const simMs = median(simTimes) / CHUNK;
const splitFullMs = median(fullTimes) / CHUNK;
const fullMs = perSample(fullT);
console.log('');
console.log(`airport → hotel, full scoring: ${fullRate.toFixed(0)} samples/s on one core, ${(fullMs * 1000).toFixed(1)} µs per sample`);
new Verdict().target('airport → hotel full scoring, samples/s on one core', fullRate, 5000, 'at least', ' samples/s');
console.log(`  split per sample (medians of ${rounds} alternating chunks): full ${(splitFullMs * 1000).toFixed(1)} µs = simulation ${(simMs * 1000).toFixed(1)} µs (${((100 * simMs) / splitFullMs).toFixed(0)} %) + scoring ${((splitFullMs - simMs) * 1000).toFixed(1)} µs (${((100 * (splitFullMs - simMs)) / splitFullMs).toFixed(0)} %)`);
console.log(`  search: one-time ${f(t2 - t0)} ms (routes, tracks, coverage tables) = ${(((t2 - t0) / 1000) * fullRate).toFixed(0)} samples' worth, amortised over the run`);
console.log(`  reuse of coverage searches: a sample that redid them would cost ${f(latencyStats(searchT).mean)} ms = ${(latencyStats(searchT).mean / fullMs).toFixed(0)}× a scored sample`);
console.log(`all movements × options: ${(1000 / perSample(allT)).toFixed(0)} samples/s`);
console.log(`(sink ${sink.toFixed(0)})`);
