import type { Task } from 'tinybench';

/**
 * Latency percentiles of a tinybench task, shared by every bench: the retained samples (ms), sorted, and
 * p10 / p50 / p90 / p99 by rounding p·(n−1) to the nearest rank.
 */
export interface LatencyStats {
  p10: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  n: number;
}

/** The task's retained latency samples in ms (empty when the task did not run). */
export function taskSamples(task: Task | undefined): number[] {
  const r = task?.result as { latency?: { samples?: ArrayLike<number> } } | undefined;
  return Array.from(r?.latency?.samples ?? []);
}

export function quantiles(xs: ArrayLike<number>): LatencyStats {
  const s = Float64Array.from(xs).sort();
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))] ?? NaN;
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s[i]!;
  return { p10: q(0.1), p50: q(0.5), p90: q(0.9), p99: q(0.99), mean: s.length ? sum / s.length : NaN, n: s.length };
}

export function latencyStats(task: Task | undefined): LatencyStats {
  return quantiles(taskSamples(task));
}
