import type { Distribution } from './run-result.js';

/**
 * Summaries over samples. Quantiles are nearest-rank on the sorted values (p-quantile = the value at
 * rank ceil(p·n), 1-based), so an analyst can reproduce them from the per-sample summaries (runSampleChunk); the mean is summed
 * in sample order. Numbers are rounded to 0.01 (seconds / exposure-seconds) for a short, stable JSON.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = Math.min(n, Math.max(1, Math.ceil(p * n)));
  return sorted[rank - 1]!;
}

export function distribution(values: Float64Array): Distribution {
  const n = values.length;
  if (n === 0) return { p50: 0, p95: 0, mean: 0, min: 0, max: 0 };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  return { p50: r2(quantileSorted(sorted, 0.5)), p95: r2(quantileSorted(sorted, 0.95)), mean: r2(sum / n), min: r2(sorted[0]!), max: r2(sorted[n - 1]!) };
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length ? sum / values.length : 0;
}

/** Round to 0.01; non-finite (unreachable) becomes null in the JSON. */
export function r2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function r2OrNull(x: number): number | null {
  return Number.isFinite(x) ? r2(x) : null;
}

export function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
