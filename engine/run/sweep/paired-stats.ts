import { ExactSum, type ExactSumState } from '../../metrics/summary/exact-sum.js';

/**
 * Paired differences of two plans' per-sample scores (a − b for the same sample: the same day, common
 * random numbers), accumulated exactly and mergeably, and their 95 % confidence interval.
 *
 * The interval is the normal approximation mean ± 1.96 · sd / √n over the n pairs (n is in the thousands
 * in a sweep); a difference is significant when the interval excludes 0. Kept to this one file so that the
 * run's own paired-difference module can replace it.
 */
export const CONFIDENCE = 0.95;
const Z = 1.959963984540054;

export type PairedState = ExactSumState;

export class PairedDifference {
  private readonly d = new ExactSum();

  add(a: number, b: number): void {
    this.d.add(a - b);
  }

  merge(o: PairedDifference): this {
    this.d.merge(o.d);
    return this;
  }

  get pairs(): number {
    return this.d.n;
  }

  toJSON(): PairedState {
    return this.d.toJSON();
  }

  static fromJSON(s: PairedState): PairedDifference {
    const p = new PairedDifference();
    p.d.merge(ExactSum.fromJSON(s));
    return p;
  }

  interval(): PairedInterval {
    return pairedInterval(this.d.n, this.d.mean(), this.d.variance());
  }
}

export interface PairedInterval {
  pairs: number;
  /** Mean difference a − b (score units: seconds + exposure-seconds). */
  mean: number;
  low: number;
  high: number;
  /** The interval excludes 0. */
  significant: boolean;
}

export function pairedInterval(n: number, mean: number, variance: number): PairedInterval {
  if (n === 0) return { pairs: 0, mean: NaN, low: NaN, high: NaN, significant: false };
  const half = n > 1 ? Z * Math.sqrt(Math.max(0, variance) / n) : Infinity;
  const low = mean - half;
  const high = mean + half;
  return { pairs: n, mean, low, high, significant: low > 0 || high < 0 };
}
