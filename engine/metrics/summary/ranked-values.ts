import { QuantileSummary } from './quantile-summary.js';

/**
 * Nearest-rank quantiles and the maximum of values that may be non-finite (a response time along the route
 * is Infinity where part of it is unreachable), ranked as Float64Array.prototype.sort ranks them:
 * −Infinity, the finite values, +Infinity, NaN. So the answers are those of quantileSorted over the sorted
 * values (engine/run/distribution.ts) while the finite values fit the exact budget.
 *
 * Finite values go to a QuantileSummary (exact up to EXACT_BUDGET values, then DDSketch at 1 %); the
 * non-finite ones are only counted, since their rank is all a quantile needs of them. Memory is that of
 * the summary plus three counters, whatever the count. Like the summary, the state depends on the
 * multiset of values only, so any order of adds and merges gives the same answers.
 */
export class RankedValues {
  readonly finite = new QuantileSummary();
  private negInf = 0;
  private posInf = 0;
  private nan = 0;

  get count(): number {
    return this.finite.count + this.negInf + this.posInf + this.nan;
  }

  add(x: number): void {
    if (Number.isFinite(x)) this.finite.add(x);
    else if (x === Infinity) this.posInf++;
    else if (x === -Infinity) this.negInf++;
    else this.nan++;
  }

  merge(o: RankedValues): this {
    this.finite.merge(o.finite);
    this.negInf += o.negInf;
    this.posInf += o.posInf;
    this.nan += o.nan;
    return this;
  }

  /** The value at rank ceil(p·n) (1-based) of all n values; NaN without values. */
  quantile(p: number): number {
    const n = this.count;
    if (n === 0) return NaN;
    const rank = Math.min(n, Math.max(1, Math.ceil(p * n)));
    if (rank <= this.negInf) return -Infinity;
    const r = rank - this.negInf;
    const f = this.finite.count;
    if (r <= f) return finiteAtRank(this.finite, r);
    return r <= f + this.posInf ? Infinity : NaN;
  }

  /** The largest value in that order (NaN above all, as the last of the sorted values); NaN without values. */
  max(): number {
    if (this.nan > 0) return NaN;
    if (this.posInf > 0) return Infinity;
    if (this.finite.count > 0) return this.finite.max;
    return this.negInf > 0 ? -Infinity : NaN;
  }
}

/**
 * The r-th smallest finite value (1-based): exact while the summary keeps its values, else the sketch's
 * estimate at that rank (the sketch places rank p·(count − 1), 0-based).
 */
function finiteAtRank(q: QuantileSummary, r: number): number {
  const sorted = q.sortedValues();
  if (sorted) return sorted[r - 1]!;
  return q.quantile(q.count > 1 ? (r - 1) / (q.count - 1) : 0);
}
