import { DDSketch } from '@datadog/sketches-js';
import { ExactSum, type ExactSumState } from './exact-sum.js';

/**
 * A mergeable, bounded summary of one metric over samples: exact count, min, max and sum (ExactSum), and
 * quantiles that are
 * - exact (nearest rank, as RunResult's Distribution) while the summary holds at most EXACT_BUDGET values:
 *   they are kept, sorted when serialised;
 * - beyond the budget, DDSketch estimates (@datadog/sketches-js, logarithmic mapping): the returned value
 *   is within RELATIVE_ACCURACY (1 %) of the value at the rank p·(n − 1) of the sorted samples, then
 *   clamped to [min, max].
 * Memory: at most EXACT_BUDGET doubles plus one bin per 2 % of the value range in log scale (about 580
 * bins from 1 s to 1 day), independent of the sample count.
 *
 * The state is a function of the multiset of values only (bin counts are integers, exact values are sorted,
 * sums are integers), so merging in any grouping and order gives the same state and the same JSON bytes.
 */
export const EXACT_BUDGET = 2048;
export const RELATIVE_ACCURACY = 0.01;
/**
 * Values closer to zero than this count as zeros in the sketch (not in min, max, sum or the exact values):
 * a millionth of a second or of an exposure-second is below any answer we report, and it keeps the sketch's
 * keys within about 1,600 bins, where @datadog/sketches-js merges dense stores correctly (with keys tens of
 * thousands apart, as subnormal values give, merging drops bins).
 */
export const SKETCH_ZERO = 1e-6;

export interface QuantileSummaryState {
  count: number;
  min: number | null;
  max: number | null;
  sum: ExactSumState;
  /** The values, sorted, while count ≤ EXACT_BUDGET; null beyond. */
  exact: number[] | null;
  /** Sketch bins as [key, count] in key order: values above zero, values below zero, and the count of zeros. */
  positive: [number, number][];
  negative: [number, number][];
  zeros: number;
}

export class QuantileSummary {
  count = 0;
  min = Infinity;
  max = -Infinity;
  readonly sum = new ExactSum();
  private exact: number[] | null = [];
  private sketch = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });

  add(x: number): void {
    this.count++;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    this.sum.add(x);
    this.sketch.accept(Math.abs(x) < SKETCH_ZERO ? 0 : x);
    if (this.exact) {
      if (this.count > EXACT_BUDGET) this.exact = null;
      else this.exact.push(x);
    }
  }

  merge(o: QuantileSummary): this {
    this.count += o.count;
    if (o.min < this.min) this.min = o.min;
    if (o.max > this.max) this.max = o.max;
    this.sum.merge(o.sum);
    if (o.count > 0) this.sketch.merge(o.sketch);
    this.exact = this.exact && o.exact && this.count <= EXACT_BUDGET ? this.exact.concat(o.exact) : null;
    return this;
  }

  /** True while quantiles are exact (count ≤ EXACT_BUDGET). */
  get isExact(): boolean {
    return this.exact !== null;
  }

  mean(): number {
    return this.sum.mean();
  }

  /** The p-quantile (0 ≤ p ≤ 1): exact nearest rank within the budget, else the sketch's estimate; NaN without values. */
  quantile(p: number): number {
    if (this.count === 0) return NaN;
    if (this.exact) {
      const sorted = Float64Array.from(this.exact).sort();
      const rank = Math.min(this.count, Math.max(1, Math.ceil(p * this.count)));
      return sorted[rank - 1]!;
    }
    return Math.min(this.max, Math.max(this.min, this.sketch.getValueAtQuantile(p)));
  }

  /** The values, sorted, while the summary is exact; null beyond the budget. */
  sortedValues(): Float64Array | null {
    return this.exact ? Float64Array.from(this.exact).sort() : null;
  }

  /**
   * The sketch as (value, count) in increasing value order: each bin's representative value (within
   * RELATIVE_ACCURACY of every value the bin holds), zeros as 0. Counts sum to `count`. A function of the
   * state alone, so any merge order gives the same list.
   */
  sketchBins(): { value: number; count: number }[] {
    const out: { value: number; count: number }[] = [];
    const m = this.sketch.mapping;
    const neg = storeBins(this.sketch.negativeStore);
    for (let i = neg.length - 1; i >= 0; i--) out.push({ value: -m.value(neg[i]![0]), count: neg[i]![1] });
    if (this.sketch.zeroCount > 0) out.push({ value: 0, count: this.sketch.zeroCount });
    for (const [k, c] of storeBins(this.sketch.store)) out.push({ value: m.value(k), count: c });
    return out;
  }

  toJSON(): QuantileSummaryState {
    return {
      count: this.count,
      min: this.count ? this.min : null,
      max: this.count ? this.max : null,
      sum: this.sum.toJSON(),
      exact: this.exact ? Array.from(Float64Array.from(this.exact).sort()) : null,
      positive: storeBins(this.sketch.store),
      negative: storeBins(this.sketch.negativeStore),
      zeros: this.sketch.zeroCount,
    };
  }

  static fromJSON(s: QuantileSummaryState): QuantileSummary {
    const q = new QuantileSummary();
    q.count = s.count;
    q.min = s.min ?? Infinity;
    q.max = s.max ?? -Infinity;
    q.sum.merge(ExactSum.fromJSON(s.sum));
    q.exact = s.exact ? [...s.exact] : null;
    for (const [k, c] of s.positive) q.sketch.store.add(k, c);
    for (const [k, c] of s.negative) q.sketch.negativeStore.add(k, c);
    q.sketch.zeroCount = s.zeros;
    q.sketch.count = s.count;
    return q;
  }
}

type Store = DDSketch['store'];

function storeBins(store: Store): [number, number][] {
  const out: [number, number][] = [];
  if (store.count === 0) return out;
  for (let key = store.minKey; key <= store.maxKey; key++) {
    const c = store.bins[key - store.offset] ?? 0;
    if (c > 0) out.push([key, c]);
  }
  return out;
}
