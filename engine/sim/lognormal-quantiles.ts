/**
 * The lognormal speed factor's quantile function Q(p) = exp(σ · Φ⁻¹(p)), tabulated. Hot path: one lookup per
 * edge of every sample (engine/sim/simulate.ts through SampleRng.roadLognormal).
 *
 * Q is tabulated at p = i / CELLS and interpolated linearly inside Acklam's central region
 * (0.02425 ≤ p < 0.97575, 95 % of draws), where Φ⁻¹ is smooth; in the tails, where Φ⁻¹ bends sharply, the
 * factor is computed exactly (Acklam's Φ⁻¹, then exp). Linear interpolation errs by at most
 * h²/8 · max|Q''| with h = 1/CELLS, and Q''/Q = σ²·Φ⁻¹'² + σ·Φ⁻¹'' is largest at the central region's edges
 * (Φ⁻¹' ≈ 17.4, Φ⁻¹'' ≈ 600 at z = ±1.97): a relative error below 2e-6 for σ ≤ 1 and 2e-7 at the default
 * σ = 0.15 (test/sim/lognormal-quantiles.test.ts checks the bound), far below what the samples resolve.
 *
 * Memory: CELLS + 1 doubles (64 KB) per σ; a run has one σ (traffic.variation_sigma), and the few tables of
 * a process are shared through `lognormalQuantiles`.
 */
import { inverseNormal, P_CENTRAL_LOW } from './road-draws.js';

const CELLS = 8192;
const LOW_CELL = Math.ceil(P_CENTRAL_LOW * CELLS);
const HIGH_CELL = Math.floor((1 - P_CENTRAL_LOW) * CELLS);

export class LognormalQuantiles {
  private readonly table = new Float64Array(CELLS + 1);

  constructor(readonly sigma: number) {
    for (let i = LOW_CELL; i <= HIGH_CELL; i++) this.table[i] = Math.exp(sigma * inverseNormal(i / CELLS));
  }

  /** Q(p) for p in (0, 1): the factor whose probability of being undercut is p (median 1 at p = 0.5). */
  at(p: number): number {
    const x = p * CELLS;
    const i = x | 0;
    if (i < LOW_CELL || i >= HIGH_CELL) return Math.exp(this.sigma * inverseNormal(p));
    const a = this.table[i]!;
    return a + (x - i) * (this.table[i + 1]! - a);
  }
}

const shared = new Map<number, LognormalQuantiles>();

/** The table of σ, built once per process (a handful of σ at most: one per scenario run). */
export function lognormalQuantiles(sigma: number): LognormalQuantiles {
  let q = shared.get(sigma);
  if (!q) {
    if (shared.size >= 16) shared.clear();
    q = new LognormalQuantiles(sigma);
    shared.set(sigma, q);
  }
  return q;
}
