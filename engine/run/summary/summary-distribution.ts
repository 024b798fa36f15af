import type { QuantileSummary } from '../../metrics/summary/quantile-summary.js';
import type { Distribution } from '../../model/run-result.js';
import { round2 } from '../../rounding.js';
import { HISTOGRAM_BINS } from '../distribution.js';
import { summaryHistogram } from './bounded-histogram.js';

/**
 * RunResult's Distribution of a metric from its bounded QuantileSummary. Within the exact budget it is
 * distribution() of the values (engine/run/distribution.ts): nearest-rank quantiles of the sorted values,
 * their own min, max and histogram; beyond it, sketch quantiles within 1 % and the sketch's histogram
 * (bounded-histogram.ts). The mean is the summary's exact integer sum (ExactSum, 1e-6 resolution) over
 * the count, so it does not depend on the order the samples arrived in.
 */
export function summaryDistribution(q: QuantileSummary): Distribution {
  const v = (p: number): number => (q.count ? round2(q.quantile(p)) : 0);
  return {
    p05: v(0.05),
    p25: v(0.25),
    p50: v(0.5),
    p75: v(0.75),
    p95: v(0.95),
    mean: q.count ? round2(q.mean()) : 0,
    min: q.count ? round2(q.min) : 0,
    max: q.count ? round2(q.max) : 0,
    histogram: summaryHistogram(q, HISTOGRAM_BINS),
  };
}
