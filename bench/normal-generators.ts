/**
 * bench/normal-generators — candidate standard-normal generators for the sample loop against the one it
 * uses (SampleRng.normal: Box–Muller on the Alea stream, the second value kept). Bench only: the
 * simulation's generator is not changed here.
 *
 *   npm run build && node dist/bench/normal-generators.js [--rounds N]
 *
 * Every candidate draws its uniforms from the same Alea stream (engine/sim/alea.ts), so all are
 * deterministic per sample key, and each is timed as the sample loop uses it: a lognormal speed factor
 * exp(0.15 · z) per edge, 57 edges per sample (the airport → hotel movement), reseeded every sample.
 * Rounds alternate the generators (Box–Muller, ziggurat, inverse CDF, and a floor that draws one uniform
 * per factor and no normal: what is left when the generator costs nothing) so a change of machine load hits
 * all alike; the ratio is the median over rounds of ns(candidate) / ns(Box–Muller), with the min–max.
 *
 * Quality, checked on 2^20 draws of each (a generator that is fast but wrong fails the bench, exit 1):
 * mean, variance, the Kolmogorov–Smirnov distance to Φ and the share beyond 3σ and 4σ.
 *
 *  - ziggurat: Marsaglia & Tsang's 128 layers; the layer comes from the low 7 bits of one 32-bit draw and
 *    the signed position from a second draw (one draw for both correlates them; Doornik 2005).
 *  - inverse CDF: Acklam's rational approximation of Φ⁻¹ (relative error < 1.2e-9); one draw per normal,
 *    log and sqrt only in the tails (p < 0.02425 or p > 0.97575), monotone in u (useful for common random
 *    numbers and antithetic pairs).
 */
import os from 'node:os';
import { Alea } from '../engine/sim/alea.js';
import { Verdict } from './verdict.js';

const at = process.argv.indexOf('--rounds');
const ROUNDS = at > 0 ? Number(process.argv[at + 1]) : 7;
const EDGES = 57;
const SAMPLES = 20_000;
const SIGMA = 0.15;

interface Generator {
  name: string;
  /** Reset for a new sample (Box–Muller drops its kept value). */
  reset(): void;
  normal(): number;
}

function boxMuller(a: Alea): Generator {
  let spare = NaN;
  return {
    name: 'Box–Muller (SampleRng.normal)',
    reset: () => (spare = NaN),
    normal(): number {
      if (spare === spare) {
        const s = spare;
        spare = NaN;
        return s;
      }
      let u = a.next();
      while (u <= 1e-300) u = a.next();
      const v = a.next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

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

function ziggurat(a: Alea): Generator {
  return {
    name: 'ziggurat (128 layers, 2 draws)',
    reset: () => undefined,
    normal(): number {
      for (;;) {
        const i = (a.next() * 4294967296) & 127;
        const hz = (a.next() * 4294967296) | 0; // signed 32-bit position
        const x = hz * wn[i]!;
        if (Math.abs(hz) < kn[i]!) return x;
        if (i === 0) {
          // Base strip: sample the tail beyond R (Marsaglia 1964).
          let xt: number;
          let y: number;
          do {
            xt = -Math.log(1 - a.next()) / ZIG_R;
            y = -Math.log(1 - a.next());
          } while (y + y < xt * xt);
          return hz > 0 ? ZIG_R + xt : -ZIG_R - xt;
        }
        if (fn[i]! + a.next() * (fn[i - 1]! - fn[i]!) < Math.exp(-0.5 * x * x)) return x;
      }
    },
  };
}

// Acklam's coefficients for Φ⁻¹.
const A1 = -3.969683028665376e1, A2 = 2.209460984245205e2, A3 = -2.759285104469687e2, A4 = 1.38357751867269e2, A5 = -3.066479806614716e1, A6 = 2.506628277459239;
const B1 = -5.447609879822406e1, B2 = 1.615858368580409e2, B3 = -1.556989798598866e2, B4 = 6.680131188771972e1, B5 = -1.328068155288572e1;
const C1 = -7.784894002430293e-3, C2 = -3.223964580411365e-1, C3 = -2.400758277161838, C4 = -2.549732539343734, C5 = 4.374664141464968, C6 = 2.938163982698783;
const D1 = 7.784695709041462e-3, D2 = 3.224671290700398e-1, D3 = 2.445134137142996, D4 = 3.754408661907416;
const P_LOW = 0.02425;

function inverseCdf(a: Alea): Generator {
  return {
    name: 'inverse CDF (Acklam, 1 draw)',
    reset: () => undefined,
    normal(): number {
      let p = a.next();
      while (p <= 1e-300) p = a.next();
      if (p < P_LOW) {
        const q = Math.sqrt(-2 * Math.log(p));
        return (((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
      }
      if (p > 1 - P_LOW) {
        const q = Math.sqrt(-2 * Math.log(1 - p));
        return -(((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
      }
      const q = p - 0.5;
      const r = q * q;
      return ((((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * q) / (((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1);
    },
  };
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7: enough for a KS distance). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

const makers = [boxMuller, ziggurat, inverseCdf];
const verdict = new Verdict();
console.log(`bench/normal-generators — ${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}, ${new Date().toISOString()}`);
console.log(`${ROUNDS} alternating rounds of ${SAMPLES.toLocaleString('en-US')} samples × ${EDGES} lognormal factors (sigma ${SIGMA}), each sample reseeded`);

// Quality.
console.log('\n| generator | mean | variance | KS distance to Φ | beyond 3σ (expected 0.270 %) | beyond 4σ (expected 0.0063 %) |');
console.log('|---|---|---|---|---|---|');
const Q = 1 << 20;
const draws = new Float64Array(Q);
for (const make of makers) {
  const alea = new Alea();
  alea.seed('normal-quality|', 0);
  const g = make(alea);
  let sum = 0;
  let sq = 0;
  let b3 = 0;
  let b4 = 0;
  for (let i = 0; i < Q; i++) {
    const z = g.normal();
    draws[i] = z;
    sum += z;
    sq += z * z;
    if (Math.abs(z) > 3) b3++;
    if (Math.abs(z) > 4) b4++;
  }
  draws.sort();
  let ks = 0;
  for (let i = 0; i < Q; i++) {
    const f = phi(draws[i]!);
    ks = Math.max(ks, Math.abs(f - i / Q), Math.abs((i + 1) / Q - f));
  }
  const mean = sum / Q;
  const variance = sq / Q - mean * mean;
  console.log(`| ${g.name} | ${mean.toFixed(4)} | ${variance.toFixed(4)} | ${ks.toExponential(2)} | ${((100 * b3) / Q).toFixed(3)} % | ${((100 * b4) / Q).toFixed(4)} % |`);
  // 2^20 draws: the KS distance of a correct generator is ~1/sqrt(n) ≈ 1e-3; 3e-3 is p < 1e-7.
  verdict.agree(`${g.name} is standard normal`, Math.abs(mean) < 0.01 && Math.abs(variance - 1) < 0.01 && ks < 3e-3, `mean ${mean.toFixed(4)}, variance ${variance.toFixed(4)}, KS ${ks.toExponential(2)}`);
}

// Speed, as the sample loop uses it. One loop per generator (written out four times on purpose): a shared
// loop calling g.normal() on three generator shapes is a polymorphic call that V8 will not inline, and it
// would time the dispatch instead of the generator.
const prefix = 'bench|a1_pnh_raffles|primary|';
let sink = 0;
const perFactor = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / (SAMPLES * EDGES);
function timeReseedOnly(round: number): number {
  const alea = new Alea();
  let acc = 0;
  const t0 = process.hrtime.bigint();
  for (let s = 0; s < SAMPLES; s++) {
    alea.seed(prefix, round * SAMPLES + s);
    for (let e = 0; e < EDGES; e++) acc += Math.exp(SIGMA * (alea.next() - 0.5));
  }
  sink += acc;
  return perFactor(t0);
}
function timeBoxMuller(round: number): number {
  const alea = new Alea();
  const g = boxMuller(alea);
  let acc = 0;
  const t0 = process.hrtime.bigint();
  for (let s = 0; s < SAMPLES; s++) {
    alea.seed(prefix, round * SAMPLES + s);
    g.reset();
    for (let e = 0; e < EDGES; e++) acc += Math.exp(SIGMA * g.normal());
  }
  sink += acc;
  return perFactor(t0);
}
function timeZiggurat(round: number): number {
  const alea = new Alea();
  const g = ziggurat(alea);
  let acc = 0;
  const t0 = process.hrtime.bigint();
  for (let s = 0; s < SAMPLES; s++) {
    alea.seed(prefix, round * SAMPLES + s);
    g.reset();
    for (let e = 0; e < EDGES; e++) acc += Math.exp(SIGMA * g.normal());
  }
  sink += acc;
  return perFactor(t0);
}
function timeInverseCdf(round: number): number {
  const alea = new Alea();
  const g = inverseCdf(alea);
  let acc = 0;
  const t0 = process.hrtime.bigint();
  for (let s = 0; s < SAMPLES; s++) {
    alea.seed(prefix, round * SAMPLES + s);
    g.reset();
    for (let e = 0; e < EDGES; e++) acc += Math.exp(SIGMA * g.normal());
  }
  sink += acc;
  return perFactor(t0);
}
const timed: [string, (round: number) => number][] = [
  [boxMuller(new Alea()).name, timeBoxMuller],
  [ziggurat(new Alea()).name, timeZiggurat],
  [inverseCdf(new Alea()).name, timeInverseCdf],
  ['reseed + one uniform per factor (the floor: no normal at all)', timeReseedOnly],
];
for (const [, time] of timed) time(ROUNDS); // warm-up (a round of its own keys): every loop optimised before timing
const ns = timed.map(() => [] as number[]);
for (let r = 0; r < ROUNDS; r++) timed.forEach(([, time], i) => ns[i]!.push(time(r)));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log('\n| generator | ns per lognormal factor (median of rounds) | × Box–Muller (median, min–max of per-round ratios) |');
console.log('|---|---|---|');
timed.forEach(([name], i) => {
  const ratios = ns[i]!.map((x, r) => x / ns[0]![r]!);
  console.log(`| ${name} | ${median(ns[i]!).toFixed(1)} | ${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) |`);
});
// The generator's own cost: per-factor time above the floor, from the medians (a per-round difference of
// two noisy times is noisier still).
const floor = median(ns[3]!);
const own = (i: number): number => median(ns[i]!) - floor;
console.log(`per sample (reseed + ${EDGES} factors) with Box–Muller: ${((median(ns[0]!) * EDGES) / 1000).toFixed(2)} µs, of which the normals ≈ ${((own(0) * EDGES) / 1000).toFixed(2)} µs`);
for (const i of [1, 2]) console.log(`${timed[i]![0]}: its normals alone ≈ ${(own(i) / own(0)).toFixed(2)} × Box–Muller's (medians above the floor)`);
console.log(`sink ${sink.toExponential(3)}`);
verdict.finish();
