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
  private readonly exactSum = new ExactSum();
  /**
   * The values while the summary is exact, in the first `kept` entries; null beyond the budget. A typed
   * array grown by doubling: its doubles live outside the JS heap, so the garbage collector never copies
   * them (a run keeps some 20 of these per option).
   */
  private exact: Float64Array | null = NO_VALUES;
  private kept = 0;
  private sketch = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });
  /**
   * How many of the kept exact values are in the sum and the sketch. Within the budget they are folded in
   * only when read (a run's per-sample path adds some 20 values per sample and, within the budget, reads
   * only the values themselves and a mean at the end); both are functions of the multiset of values, so
   * folding later gives the very state of folding at each add.
   */
  private sumFolded = 0;
  private sketchFolded = 0;

  add(x: number): void {
    if (!Number.isFinite(x)) throw new Error(`quantile summary: cannot add ${x}`);
    this.count++;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    if (this.exact) {
      if (this.count <= EXACT_BUDGET) {
        if (this.kept === this.exact.length) this.exact = grown(this.exact, this.kept + 1);
        this.exact[this.kept++] = x;
        return;
      }
      this.fold();
      this.exact = null;
      this.kept = 0;
    }
    this.exactSum.add(x);
    this.sketch.accept(sketchValue(x));
  }

  /** Count, sum and sum of squares of the values (exact integers at SUM_RESOLUTION). */
  get sum(): ExactSum {
    this.foldSum();
    return this.exactSum;
  }

  merge(o: QuantileSummary): this {
    this.fold();
    o.fold();
    this.count += o.count;
    if (o.min < this.min) this.min = o.min;
    if (o.max > this.max) this.max = o.max;
    this.exactSum.merge(o.exactSum);
    if (o.count > 0) this.sketch.merge(o.sketch);
    if (this.exact && o.exact && this.count <= EXACT_BUDGET) {
      const both = grown(this.exact, this.kept + o.kept);
      both.set(o.exact.subarray(0, o.kept), this.kept);
      this.exact = both;
      this.kept += o.kept;
    } else {
      this.exact = null;
      this.kept = 0;
    }
    this.sumFolded = this.sketchFolded = this.kept;
    return this;
  }

  private foldSum(): void {
    const e = this.exact;
    if (!e) return;
    for (let i = this.sumFolded; i < this.kept; i++) this.exactSum.add(e[i]!);
    this.sumFolded = this.kept;
  }

  private fold(): void {
    this.foldSum();
    const e = this.exact;
    if (!e) return;
    for (let i = this.sketchFolded; i < this.kept; i++) this.sketch.accept(sketchValue(e[i]!));
    this.sketchFolded = this.kept;
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
      const sorted = this.exact.slice(0, this.kept).sort();
      const rank = Math.min(this.count, Math.max(1, Math.ceil(p * this.count)));
      return sorted[rank - 1]!;
    }
    return Math.min(this.max, Math.max(this.min, this.sketch.getValueAtQuantile(p)));
  }

  /** The values, sorted, while the summary is exact; null beyond the budget. */
  sortedValues(): Float64Array | null {
    return this.exact ? this.exact.slice(0, this.kept).sort() : null;
  }

  /**
   * The sketch as (value, count) in increasing value order: each bin's representative value (within
   * RELATIVE_ACCURACY of every value the bin holds), zeros as 0. Counts sum to `count`. A function of the
   * state alone, so any merge order gives the same list.
   */
  sketchBins(): { value: number; count: number }[] {
    this.fold();
    const out: { value: number; count: number }[] = [];
    const m = this.sketch.mapping;
    const neg = storeBins(this.sketch.negativeStore);
    for (let i = neg.length - 1; i >= 0; i--) out.push({ value: -m.value(neg[i]![0]), count: neg[i]![1] });
    if (this.sketch.zeroCount > 0) out.push({ value: 0, count: this.sketch.zeroCount });
    for (const [k, c] of storeBins(this.sketch.store)) out.push({ value: m.value(k), count: c });
    return out;
  }

  toJSON(): QuantileSummaryState {
    this.fold();
    return {
      count: this.count,
      min: this.count ? this.min : null,
      max: this.count ? this.max : null,
      sum: this.exactSum.toJSON(),
      exact: this.exact ? Array.from(this.exact.slice(0, this.kept).sort()) : null,
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
    q.exactSum.merge(ExactSum.fromJSON(s.sum));
    q.exact = s.exact ? Float64Array.from(s.exact) : null;
    q.kept = s.exact ? s.exact.length : 0;
    q.sumFolded = q.sketchFolded = q.kept;
    for (const [k, c] of s.positive) q.sketch.store.add(k, c);
    for (const [k, c] of s.negative) q.sketch.negativeStore.add(k, c);
    q.sketch.zeroCount = s.zeros;
    q.sketch.count = s.count;
    return q;
  }
}

type Store = DDSketch['store'];

/** The exact values of a summary not yet given any (shared: never written, grown() copies it first). */
const NO_VALUES = new Float64Array(0);

/** `a` copied into room for at least `need` values: doubled from 64, at most EXACT_BUDGET. */
function grown(a: Float64Array, need: number): Float64Array {
  let cap = Math.max(64, a.length);
  while (cap < need) cap *= 2;
  const out = new Float64Array(Math.min(EXACT_BUDGET, cap));
  out.set(a);
  return out;
}

/** The value the sketch is given: near-zero values as zero (SKETCH_ZERO). */
function sketchValue(x: number): number {
  return Math.abs(x) < SKETCH_ZERO ? 0 : x;
}

function storeBins(store: Store): [number, number][] {
  const out: [number, number][] = [];
  if (store.count === 0) return out;
  for (let key = store.minKey; key <= store.maxKey; key++) {
    const c = store.bins[key - store.offset] ?? 0;
    if (c > 0) out.push([key, c]);
  }
  return out;
}
