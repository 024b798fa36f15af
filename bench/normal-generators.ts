/**
 * bench/normal-generators — ways to draw the sample loop's per-road lognormal speed factor exp(σ · z).
 *
 *   npm run build && node dist/bench/normal-generators.js [--rounds N]
 *
 * The factor's uniform is the road's counter-based draw (engine/sim/road-draws.ts: a hash of day, road and
 * purpose, so every option of a movement meets the same draw on the same road). Timed as the loop calls it:
 *
 *  - exact inverse CDF: Acklam's Φ⁻¹ of the uniform, then exp (the peer: what the table stands in for);
 *  - the factor table (the simulation's, engine/sim/lognormal-quantiles.ts): exp(σ·Φ⁻¹) tabulated and
 *    interpolated in the central region, exact in the tails; no exp per draw;
 *  - ziggurat (Marsaglia & Tsang 2000, 128 layers) on the same counter hash: the layer from the low 7 bits
 *    of the road's first draw, the signed position from a second draw under another day key (one draw for
 *    both correlates them; Doornik 2005), rejections on further keys; then exp. Still a pure function of
 *    (day, road, purpose), as common random numbers need. Bench only: measured, not adopted;
 *  - a floor: the road's uniform and one exp, no normal (what is left if the normal were free).
 *
 * Each sample is a new day key from the sample's Alea stream, as SampleRng.reseed draws it; 57 edges per
 * sample (the airport → hotel movement). Rounds alternate all four so a change of machine load hits all
 * alike; a ratio is the median over rounds of ns(candidate) / ns(exact inverse CDF), with the min–max.
 *
 * Quality, checked on 2^20 draws of each (a generator that is fast but wrong fails the bench, exit 1):
 * mean, variance, the Kolmogorov–Smirnov distance to Φ and the share beyond 3σ and 4σ.
 */
import os from 'node:os';
import { Alea } from '../engine/sim/alea.js';
import { LognormalQuantiles } from '../engine/sim/lognormal-quantiles.js';
import { inverseNormal, ROAD_DRAW_VARIATION, roadUniform } from '../engine/sim/road-draws.js';
import { Verdict } from './verdict.js';

const at = process.argv.indexOf('--rounds');
const ROUNDS = at > 0 ? Number(process.argv[at + 1]) : 7;
const EDGES = 57;
const SAMPLES = 20_000;
const SIGMA = 0.15;

// Marsaglia & Tsang (2000) tables for 128 layers: kn (acceptance thresholds), wn (widths), fn (densities).
const ZIG_R = 3.442619855899;
const kn = new Uint32Array(128);
const wn = new Float64Array(128);
const fn = new Float64Array(128);
{
  const m1 = 2147483648.0;
  const vn = 9.91256303526217e-3;
  let dn = ZIG_R;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * m1);
  kn[1] = 0;
  wn[0] = q / m1;
  wn[127] = dn / m1;
  fn[0] = 1;
  fn[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * m1);
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / m1;
  }
}

/** The k-th 32-bit draw of a road for the day: its uniform under the day key mixed with k. */
function roadBits(day: number, edge: number, purpose: number, k: number): number {
  return roadUniform((day ^ Math.imul(k, 0x9e3779b9)) >>> 0, edge, purpose) * 4294967296 - 0.5;
}

/** Standard normal of a road for the day by the ziggurat, on the road's counter hash. */
function roadZiggurat(day: number, edge: number, purpose: number): number {
  for (let k = 0; ; k += 3) {
    const i = roadBits(day, edge, purpose, k) & 127;
    const hz = roadBits(day, edge, purpose, k + 1) | 0; // signed 32-bit position
    const x = hz * wn[i]!;
    if (Math.abs(hz) < kn[i]!) return x;
    if (i === 0) {
      // Base strip: sample the tail beyond R (Marsaglia 1964), on further keys.
      for (let t = k + 2; ; t += 2) {
        const xt = -Math.log(roadUniform((day ^ Math.imul(t, 0x9e3779b9)) >>> 0, edge, purpose)) / ZIG_R;
        const y = -Math.log(roadUniform((day ^ Math.imul(t + 1, 0x9e3779b9)) >>> 0, edge, purpose));
        if (y + y >= xt * xt) return hz > 0 ? ZIG_R + xt : -ZIG_R - xt;
      }
    }
    const u = roadUniform((day ^ Math.imul(k + 2, 0x9e3779b9)) >>> 0, edge, purpose);
    if (fn[i]! + u * (fn[i - 1]! - fn[i]!) < Math.exp(-0.5 * x * x)) return x;
  }
}

// The simulation's lognormal factor: its quantile table (exact in the tails).
const quantiles = new LognormalQuantiles(SIGMA);
function roadFactorTable(day: number, edge: number, purpose: number): number {
  return quantiles.at(roadUniform(day, edge, purpose));
}

/** Acklam's inverse CDF of the road's uniform: the exact normal the table interpolates. */
function roadInverse(day: number, edge: number, purpose: number): number {
  return inverseNormal(roadUniform(day, edge, purpose));
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7: enough for a KS distance). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

const verdict = new Verdict();
console.log(`bench/normal-generators — ${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}, ${new Date().toISOString()}`);
console.log(`${ROUNDS} alternating rounds of ${SAMPLES.toLocaleString('en-US')} samples × ${EDGES} lognormal factors (sigma ${SIGMA}), a new day key per sample`);

// Quality: 2^20 draws, 2^10 days × 2^10 roads, as the loop meets them.
console.log('\n| generator | mean | variance | KS distance to Φ | beyond 3σ (expected 0.270 %) | beyond 4σ (expected 0.0063 %) |');
console.log('|---|---|---|---|---|---|');
const Q = 1 << 20;
const draws = new Float64Array(Q);
const generators: [string, (day: number, edge: number, purpose: number) => number][] = [
  ['inverse CDF on the road hash (exact)', roadInverse],
  ['ziggurat on the road hash (candidate)', roadZiggurat],
  ['factor table, log(factor)/σ (the simulation\'s)', (day, edge, purpose) => Math.log(roadFactorTable(day, edge, purpose)) / SIGMA],
];
for (const [name, normal] of generators) {
  const alea = new Alea();
  alea.seed('normal-quality|', 0);
  let sum = 0;
  let sq = 0;
  let b3 = 0;
  let b4 = 0;
  for (let d = 0; d < 1024; d++) {
    const day = (alea.next() * 4294967296) >>> 0;
    for (let e = 0; e < 1024; e++) {
      const z = normal(day, e, ROAD_DRAW_VARIATION);
      draws[d * 1024 + e] = z;
      sum += z;
      sq += z * z;
      if (Math.abs(z) > 3) b3++;
      if (Math.abs(z) > 4) b4++;
    }
  }
  draws.sort();
  let ks = 0;
  for (let i = 0; i < Q; i++) {
    const f = phi(draws[i]!);
    ks = Math.max(ks, Math.abs(f - i / Q), Math.abs((i + 1) / Q - f));
  }
  const mean = sum / Q;
  const variance = sq / Q - mean * mean;
  console.log(`| ${name} | ${mean.toFixed(4)} | ${variance.toFixed(4)} | ${ks.toExponential(2)} | ${((100 * b3) / Q).toFixed(3)} % | ${((100 * b4) / Q).toFixed(4)} % |`);
  // 2^20 draws: the KS distance of a correct generator is ~1/sqrt(n) ≈ 1e-3; 3e-3 is p < 1e-7.
  verdict.agree(`${name} is standard normal`, Math.abs(mean) < 0.01 && Math.abs(variance - 1) < 0.01 && ks < 3e-3, `mean ${mean.toFixed(4)}, variance ${variance.toFixed(4)}, KS ${ks.toExponential(2)}`);
}

// Speed, as the sample loop uses it. One loop per generator (written out three times on purpose): a shared
// loop calling a function value is a polymorphic call V8 will not inline, and it would time the dispatch.
const prefix = 'bench|a1_pnh_raffles|';
let sink = 0;
const perFactor = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / (SAMPLES * EDGES);
function timeFloor(round: number): number {
  const alea = new Alea();
  let acc = 0;
  const t0 = process.hrtime.bigint();
  for (let s = 0; s < SAMPLES; s++) {
    alea.seed(prefix, round * SAMPLES + s);
    const day = (alea.next() * 4294967296) >>> 0;
    for (let e = 0; e < EDGES; e++) acc += Math.exp(SIGMA * (roadUniform(day, e, ROAD_DRAW_VARIATION) - 0.5));
  }
  sink += acc;
  return perFactor(t0);
}
function timeInverse(round: number): number {
  const alea = new Alea();
  let acc = 0;
  const t0 = process.hrtime.bigint();
  for (let s = 0; s < SAMPLES; s++) {
    alea.seed(prefix, round * SAMPLES + s);
    const day = (alea.next() * 4294967296) >>> 0;
    for (let e = 0; e < EDGES; e++) acc += Math.exp(SIGMA * roadInverse(day, e, ROAD_DRAW_VARIATION));
  }
  sink += acc;
  return perFactor(t0);
}
function timeZiggurat(round: number): number {
  const alea = new Alea();
  let acc = 0;
  const t0 = process.hrtime.bigint();
  for (let s = 0; s < SAMPLES; s++) {
    alea.seed(prefix, round * SAMPLES + s);
    const day = (alea.next() * 4294967296) >>> 0;
    for (let e = 0; e < EDGES; e++) acc += Math.exp(SIGMA * roadZiggurat(day, e, ROAD_DRAW_VARIATION));
  }
  sink += acc;
  return perFactor(t0);
}
function timeTable(round: number): number {
  const alea = new Alea();
  let acc = 0;
  const t0 = process.hrtime.bigint();
  for (let s = 0; s < SAMPLES; s++) {
    alea.seed(prefix, round * SAMPLES + s);
    const day = (alea.next() * 4294967296) >>> 0;
    for (let e = 0; e < EDGES; e++) acc += roadFactorTable(day, e, ROAD_DRAW_VARIATION);
  }
  sink += acc;
  return perFactor(t0);
}
const timed: [string, (round: number) => number][] = [
  [generators[0]![0], timeInverse],
  [generators[1]![0], timeZiggurat],
  ['factor table (the simulation\'s: exp and Φ⁻¹ tabulated, exact tails)', timeTable],
  ['reseed + the road uniform per factor (the floor: no normal at all)', timeFloor],
];
for (const [, time] of timed) time(ROUNDS); // warm-up (a round of its own keys): every loop optimised before timing
const ns = timed.map(() => [] as number[]);
for (let r = 0; r < ROUNDS; r++) timed.forEach(([, time], i) => ns[i]!.push(time(r)));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log('\n| generator | ns per lognormal factor (median of rounds) | × exact inverse CDF (median, min–max of per-round ratios) |');
console.log('|---|---|---|');
timed.forEach(([name], i) => {
  const ratios = ns[i]!.map((x, r) => x / ns[0]![r]!);
  console.log(`| ${name} | ${median(ns[i]!).toFixed(1)} | ${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) |`);
});
// The generator's own cost: per-factor time above the floor, from the medians (a per-round difference of
// two noisy times is noisier still).
const floor = median(ns[3]!);
const own = (i: number): number => median(ns[i]!) - floor;
console.log(`per sample (reseed + ${EDGES} factors) with the exact inverse CDF: ${((median(ns[0]!) * EDGES) / 1000).toFixed(2)} µs, of which the normals ≈ ${((own(0) * EDGES) / 1000).toFixed(2)} µs`);
console.log(`${timed[1]![0]}: its normals alone ≈ ${(own(1) / Math.max(1e-9, own(0))).toFixed(2)} × the exact inverse CDF's (medians above the floor)`);
console.log(`sink ${sink.toExponential(3)}`);
verdict.finish();
