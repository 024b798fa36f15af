/**
 * bench/speed-factors — what the tabulated lognormal speed factor (engine/sim/lognormal-quantiles.ts) buys
 * in the real sample loop, against the exact factor exp(σ · Φ⁻¹(u)) it stands in for.
 *
 *   npm run build && node dist/bench/speed-factors.js [--rounds N]
 *
 * One process, one PreparedRun of the bundled arrival scenario (every movement × option, full scoring).
 * Each round simulates the same CHUNK samples of every movement × option twice, alternating which goes
 * first: with the simulation's SampleRng (the table) and with a SampleRng whose roadLognormal is the exact
 * formula. Same samples, same day keys, same scratch: the only difference is the factor. The ratio is the
 * median over rounds of time(table) / time(exact), with the min–max. The two must agree: every sample's
 * door-to-door time within 1e-5 relative and the same arrival (else exit 1).
 */
import os from 'node:os';
import path from 'node:path';
import { loadGraph } from '../engine/import/load-graph.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { PreparedRun } from '../engine/sim/prepared-run.js';
import { inverseNormal } from '../engine/sim/road-draws.js';
import { SampleRng } from '../engine/sim/rng.js';
import { SampleScratch, simulateSample } from '../engine/sim/simulate.js';
import { planFromScenario } from '../engine/scenario/scenario-adapter.js';
import { loadScenarioOrThrow } from '../engine/scenario/index.js';
import { relDiff, Verdict } from './verdict.js';

const at = process.argv.indexOf('--rounds');
const ROUNDS = at > 0 ? Number(process.argv[at + 1]) : 15;
const CHUNK = 200;

/** The exact factor, as the simulation computed it before the table: Acklam's Φ⁻¹ of the road's uniform, then exp. */
class ExactFactorRng extends SampleRng {
  override roadLognormal(edge: number, purpose: number, sigma: number): number {
    return sigma > 0 ? Math.exp(sigma * inverseNormal(this.roadUniform(edge, purpose))) : 1;
  }
}

console.log(`bench/speed-factors — ${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}, ${new Date().toISOString()}`);
const { graph } = await loadGraph();
const scenario = await loadScenarioOrThrow(path.join(PACKAGE_ROOT, 'scenarios', 'asean-2022-arrivals.yaml'), { graph });
const plan = planFromScenario(scenario, graph);
const ctx = new PreparedRun(graph, plan, { samples: 1_000_000 });
const streams: { m: number; o: number; prefix: string }[] = [];
ctx.movements.forEach((mv, m) => mv.tracks.forEach((t, o) => t && streams.push({ m, o, prefix: SampleRng.streamPrefix(ctx.seed, plan.movements[m]!.id) })));
console.log(`${plan.id}: ${streams.length} movement × option streams, ${ROUNDS} rounds of ${CHUNK} samples each, σ = ${ctx.traffic.sigma}`);

const scratch = new SampleScratch(ctx, plan.responders.length);
const table = new SampleRng();
const exact = new ExactFactorRng();
const times = new Float64Array(streams.length * CHUNK);
let sink = 0;
/** Simulate round r's samples of every stream with `rng`; ms of CPU, door-to-door times into `out`. */
function pass(rng: SampleRng, r: number, out: Float64Array | null): number {
  const t0 = process.cpuUsage();
  let k = 0;
  for (const { m, o, prefix } of streams) {
    for (let s = r * CHUNK; s < (r + 1) * CHUNK; s++) {
      const summary = simulateSample(ctx, m, o, rng.reseed(prefix, s), scratch, null, s, plan.responders);
      sink += summary.timeS;
      if (out) out[k] = summary.arrived ? summary.timeS : -summary.timeS;
      k++;
    }
  }
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

const verdict = new Verdict();
// Agreement on round 0 (also the warm-up of both).
const exactTimes = new Float64Array(times.length);
pass(exact, 0, exactTimes);
pass(table, 0, times);
let worst = 0;
let arrivalDiffers = 0;
for (let k = 0; k < times.length; k++) {
  if (Math.sign(times[k]!) !== Math.sign(exactTimes[k]!)) arrivalDiffers++;
  worst = Math.max(worst, relDiff(Math.abs(times[k]!), Math.abs(exactTimes[k]!)));
}
verdict.agree('door-to-door times with the table vs the exact factor', worst <= 1e-5 && arrivalDiffers === 0, `largest relative difference ${worst.toExponential(2)} over ${times.length} samples, arrival differs on ${arrivalDiffers} (tolerance 1e-5)`);

const ratios: number[] = [];
const tableMs: number[] = [];
const exactMs: number[] = [];
for (let r = 1; r <= ROUNDS; r++) {
  let a: number;
  let b: number;
  if (r % 2) {
    a = pass(table, r, null);
    b = pass(exact, r, null);
  } else {
    b = pass(exact, r, null);
    a = pass(table, r, null);
  }
  tableMs.push(a);
  exactMs.push(b);
  ratios.push(a / b);
}
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const perSample = (ms: number) => ((ms / (streams.length * CHUNK)) * 1000).toFixed(2);
console.log(`\n| factor | CPU per sample (median of rounds) | × exact (median, min–max of per-round ratios) |`);
console.log('|---|---|---|');
console.log(`| exact exp(σ·Φ⁻¹(u)) | ${perSample(median(exactMs))} µs | 1.00× |`);
console.log(`| table (the simulation's) | ${perSample(median(tableMs))} µs | ${median(ratios).toFixed(3)}× (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}) |`);
verdict.target('table / exact CPU per sample (median of rounds)', median(ratios), 1, 'at most');
console.log(`sink ${sink.toExponential(3)}`);
verdict.finish();
