import { pairedDifferenceOf, type PairedInterval } from '../metrics/summary/paired-difference.js';
import type { PairedComparison, PairedDifference } from '../model/run-result.js';
import { sampleScore } from '../model/sample-score.js';
import { round2 } from '../rounding.js';

/** One option's per-sample values, by sample index (the movement's days): what a paired comparison reads. */
export interface SampleColumns {
  /** 1 when the sample was simulated and arrived: only such samples pair. */
  arrived: ArrayLike<number>;
  timeS: ArrayLike<number>;
  /** Total exposure per sample, exposure-seconds. */
  exposure: ArrayLike<number>;
}

/**
 * Option `a` against option `b` on the days both arrived (sample i of both is the same day: common
 * random numbers), per sample a − b of time, exposure and score (sampleScore, engine/model/sample-score.ts:
 * delayMinuteExposure × minutes + exposure), each with its 95 % interval
 * (engine/metrics/summary/paired-difference.ts). Null when they share no arrived day.
 */
export function pairedComparison(ids: { option: string; against: string }, a: SampleColumns, b: SampleColumns, delayMinuteExposure: number): PairedComparison | null {
  const n = Math.min(a.arrived.length, b.arrived.length);
  const both = (i: number) => a.arrived[i] === 1 && b.arrived[i] === 1;
  const score = (c: SampleColumns) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = sampleScore(c.timeS[i]!, c.exposure[i]!, delayMinuteExposure);
    return out;
  };
  const time = pairedDifferenceOf(a.timeS, b.timeS, both);
  if (time.pairs === 0) return null;
  const s = pairedDifferenceOf(score(a), score(b), both);
  return {
    ...ids,
    pairs: time.pairs,
    timeS: rounded(time),
    exposure: rounded(pairedDifferenceOf(a.exposure, b.exposure, both)),
    score: rounded(s),
    indistinguishable: !s.significant,
  };
}

function rounded(iv: PairedInterval): PairedDifference {
  // A single pair has no interval: ±Infinity, which JSON cannot hold, is said as the mean both ways.
  const f = (x: number) => (Number.isFinite(x) ? round2(x) : round2(iv.mean));
  return { mean: round2(iv.mean), low: f(iv.low), high: f(iv.high) };
}
