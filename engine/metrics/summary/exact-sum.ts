/**
 * Count, sum and sum of squares of values at a fixed resolution (SUM_RESOLUTION), held as BigInts.
 * Integer addition is exact, so any order of adds and merges gives the same state and the same bytes
 * (floating-point sums differ with the order). Each value is rounded to the resolution before it is
 * added: the mean is exact to ±SUM_RESOLUTION/2, far below the 0.01 the outputs are rounded to. Memory is
 * constant in the number of values.
 */
export const SUM_RESOLUTION = 1e-6;
const SCALE = 1 / SUM_RESOLUTION;

export interface ExactSumState {
  n: number;
  /** Σ round(x / SUM_RESOLUTION), decimal. */
  sum: string;
  /** Σ round(x / SUM_RESOLUTION)², decimal. */
  sumSq: string;
}

export class ExactSum {
  n = 0;
  sum = 0n;
  sumSq = 0n;

  /** Add a finite value (throws on NaN or ±Infinity: they have no exact sum). */
  add(x: number): void {
    if (!Number.isFinite(x)) throw new Error(`exact sum: cannot add ${x}`);
    const q = BigInt(Math.round(x * SCALE));
    this.n++;
    this.sum += q;
    this.sumSq += q * q;
  }

  merge(o: ExactSum): this {
    this.n += o.n;
    this.sum += o.sum;
    this.sumSq += o.sumSq;
    return this;
  }

  /** Mean of the values (NaN without any). */
  mean(): number {
    return this.n ? Number(this.sum) / this.n / SCALE : NaN;
  }

  /** Sample variance (n − 1 denominator), computed exactly in integers then converted once; NaN below 2 values. */
  variance(): number {
    if (this.n < 2) return NaN;
    const n = BigInt(this.n);
    const num = n * this.sumSq - this.sum * this.sum;
    return Number(num) / (this.n * (this.n - 1)) / (SCALE * SCALE);
  }

  toJSON(): ExactSumState {
    return { n: this.n, sum: this.sum.toString(), sumSq: this.sumSq.toString() };
  }

  static fromJSON(s: ExactSumState): ExactSum {
    const e = new ExactSum();
    e.n = s.n;
    e.sum = BigInt(s.sum);
    e.sumSq = BigInt(s.sumSq);
    return e;
  }
}
