import type { PairedInterval } from '../metrics/summary/paired-difference.js';
import type { PairedComparison, PairedDifference } from '../model/run-result.js';
import { round2 } from '../rounding.js';

/** Option a − option b on the days both arrived, per metric: the 95 % intervals of the paired differences. */
export interface PairedIntervals {
  timeS: PairedInterval;
  exposure: PairedInterval;
  /** sampleScore per sample (engine/model/sample-score.ts: delayMinuteExposure × minutes + exposure). */
  score: PairedInterval;
}

/**
 * Option `a` against option `b` on the days both arrived (sample i of both is the same day: common
 * random numbers), per sample a − b of time, exposure and score, each with its 95 % interval
 * (engine/metrics/summary/paired-difference.ts; the run accumulates them as samples arrive,
 * engine/run/summary/paired-window.ts). Null when they share no arrived day.
 */
export function pairedComparison(ids: { option: string; against: string }, d: PairedIntervals): PairedComparison | null {
  if (d.timeS.pairs === 0) return null;
  return {
    ...ids,
    pairs: d.timeS.pairs,
    timeS: rounded(d.timeS),
    exposure: rounded(d.exposure),
    score: rounded(d.score),
    indistinguishable: !d.score.significant,
  };
}

function rounded(iv: PairedInterval): PairedDifference {
  // A single pair has no interval: ±Infinity, which JSON cannot hold, is said as the mean both ways.
  const f = (x: number) => (Number.isFinite(x) ? round2(x) : round2(iv.mean));
  return { mean: round2(iv.mean), low: f(iv.low), high: f(iv.high) };
}
