/**
 * Count, sum and sum of squares of values at a fixed resolution (SUM_RESOLUTION), held as BigInts.
 * Integer addition is exact, so any order of adds and merges gives the same state and the same bytes
 * (floating-point sums differ with the order). Each value is rounded to the resolution before it is
 * added: the mean is exact to ±SUM_RESOLUTION/2, far below the 0.01 the outputs are rounded to. Memory is
 * constant in the number of values.
 *
 * add() is on the run's per-sample path (some 30 sums per sample on the main thread), where a BigInt
 * operation allocates. So values within ±FAST_LIMIT resolution units (±1.1e6 s, about 12 days) are first
 * summed in doubles that stay exact integers: the value q, and its square as the parts of q = a·2^20 + b
 * (0 ≤ b < 2^20, |a| ≤ 2^20): q² = a²·2^40 + 2ab·2^20 + b², each product below 2^40, each of the four
 * sums below 2^52 over FLUSH_EVERY adds. They are carried into the BigInts every FLUSH_EVERY adds and
 * before anything reads the sums, so the state is exactly that of adding each q to the BigInts.
 */
export const SUM_RESOLUTION = 1e-6;
const SCALE = 1 / SUM_RESOLUTION;
const FAST_LIMIT = 2 ** 40;
const SPLIT = 2 ** 20;
const FLUSH_EVERY = 4096;

export interface ExactSumState {
  n: number;
  /** Σ round(x / SUM_RESOLUTION), decimal. */
  sum: string;
  /** Σ round(x / SUM_RESOLUTION)², decimal. */
  sumSq: string;
}

export class ExactSum {
  n = 0;
  private bigSum = 0n;
  private bigSq = 0n;
  // Pending exact integer sums in doubles (see the class comment): Σq, Σa², Σab, Σb² and how many adds.
  private q1 = 0;
  private aa = 0;
  private ab = 0;
  private bb = 0;
  private pending = 0;

  /** Add a finite value (throws on NaN or ±Infinity: they have no exact sum). */
  add(x: number): void {
    if (!Number.isFinite(x)) throw new Error(`exact sum: cannot add ${x}`);
    const q = Math.round(x * SCALE);
    this.n++;
    if (q < FAST_LIMIT && q > -FAST_LIMIT) {
      const a = Math.floor(q / SPLIT);
      const b = q - a * SPLIT;
      this.q1 += q;
      this.aa += a * a;
      this.ab += a * b;
      this.bb += b * b;
      if (++this.pending === FLUSH_EVERY) this.flush();
    } else {
      const big = BigInt(q);
      this.bigSum += big;
      this.bigSq += big * big;
    }
  }

  /** Σ round(x / SUM_RESOLUTION). */
  get sum(): bigint {
    this.flush();
    return this.bigSum;
  }

  /** Σ round(x / SUM_RESOLUTION)². */
  get sumSq(): bigint {
    this.flush();
    return this.bigSq;
  }

  merge(o: ExactSum): this {
    this.n += o.n;
    this.flush();
    this.bigSum += o.sum;
    this.bigSq += o.sumSq;
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
    e.bigSum = BigInt(s.sum);
    e.bigSq = BigInt(s.sumSq);
    return e;
  }

  private flush(): void {
    if (this.pending === 0) return;
    this.bigSum += BigInt(this.q1);
    this.bigSq += (BigInt(this.aa) << 40n) + (BigInt(this.ab) << 21n) + BigInt(this.bb);
    this.q1 = this.aa = this.ab = this.bb = this.pending = 0;
  }
}
