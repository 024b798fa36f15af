import type { QuantileSummary } from '../../metrics/summary/quantile-summary.js';
import type { Distribution } from '../../model/run-result.js';
import { round2, round4 } from '../../rounding.js';
import { histogramSorted } from '../distribution.js';

/**
 * Distribution.histogram (equal-width bins over [min, max]) from a mergeable QuantileSummary:
 * - within the exact budget, histogramSorted of the values: the very histogram RunAggregator gives;
 * - beyond it, each sketch bin's count goes to the bin of its representative value, clamped to the exact
 *   [min, max]. A value is then counted at a point within 1 % (RELATIVE_ACCURACY) of itself: only values
 *   that close to a bin edge can land in the neighbouring bin. Counts are integers summing to the count.
 * Either way the histogram is a function of the summary's state, so it is the same whatever the merge
 * order or the shard size.
 */
export function summaryHistogram(q: QuantileSummary, bins: number): Distribution['histogram'] {
  const sorted = q.sortedValues();
  if (sorted) return histogramSorted(sorted, bins);
  const lo = q.min;
  const hi = q.max;
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return { start: Number.isFinite(lo) ? round2(lo) : 0, width: 0, counts: [q.count] };
  const width = span / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const { value, count } of q.sketchBins()) {
    const v = Math.min(hi, Math.max(lo, value));
    counts[Math.min(bins - 1, Math.floor((v - lo) / width))]! += count;
  }
  return { start: round2(lo), width: round4(width), counts };
}
