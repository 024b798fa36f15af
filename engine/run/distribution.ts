import type { Distribution } from '../model/run-result.js';
import { round2, round4 } from '../rounding.js';

/**
 * Summaries over samples. Quantiles (p05, p25, p50, p75, p95) are nearest-rank on the sorted values (p-quantile = the value at
 * rank ceil(p·n), 1-based), so an analyst can reproduce them from the per-sample summaries (runSampleChunk). Numbers are rounded
 * to 0.01 (seconds / exposure-seconds) for a short, stable JSON. A run's distributions come from its bounded summaries
 * (engine/run/summary/summary-distribution.ts), which give these very quantiles, extremes and histograms within the exact budget;
 * distribution() of the values is their reference (the mean here is a plain sum over the values).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = Math.min(n, Math.max(1, Math.ceil(p * n)));
  return sorted[rank - 1]!;
}

/** Bins of `Distribution.histogram` (fixed so charts of different options line up bin for bin in count). */
export const HISTOGRAM_BINS = 20;

export function distribution(values: Float64Array): Distribution {
  const n = values.length;
  if (n === 0) return { p05: 0, p25: 0, p50: 0, p75: 0, p95: 0, mean: 0, min: 0, max: 0, histogram: { start: 0, width: 0, counts: [] } };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const q = (p: number) => round2(quantileSorted(sorted, p));
  return {
    p05: q(0.05),
    p25: q(0.25),
    p50: q(0.5),
    p75: q(0.75),
    p95: q(0.95),
    mean: round2(sum / n),
    min: round2(sorted[0]!),
    max: round2(sorted[n - 1]!),
    histogram: histogramSorted(sorted, HISTOGRAM_BINS),
  };
}

/**
 * Equal-width histogram of sorted values over [min, max]: bin i holds values in
 * [start + i·width, start + (i+1)·width), the last bin also holds max. min == max (or a non-finite end)
 * gives one bin holding every value. Counts are integers and sum to n. Each value's bin depends on the
 * value alone (no accumulation), so the histogram is as deterministic as the values. `start` is rounded
 * to 0.01 like the other fields, `width` to 0.0001 (the bins are computed with the unrounded numbers).
 */
export function histogramSorted(sorted: ArrayLike<number>, bins: number): { start: number; width: number; counts: number[] } {
  const n = sorted.length;
  if (n === 0) return { start: 0, width: 0, counts: [] };
  const lo = sorted[0]!;
  const hi = sorted[n - 1]!;
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return { start: Number.isFinite(lo) ? round2(lo) : 0, width: 0, counts: [n] };
  const width = span / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins - 1, Math.floor((sorted[i]! - lo) / width));
    counts[b]!++;
  }
  return { start: round2(lo), width: round4(width), counts };
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length ? sum / values.length : 0;
}
