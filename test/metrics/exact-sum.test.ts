import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum, SUM_RESOLUTION } from '../../engine/metrics/summary/exact-sum.js';

/** The definition: every value rounded to the resolution, summed (and squared) in BigInts. */
function reference(values: readonly number[]): { n: number; sum: string; sumSq: string } {
  let sum = 0n;
  let sumSq = 0n;
  for (const x of values) {
    const q = BigInt(Math.round(x * (1 / SUM_RESOLUTION)));
    sum += q;
    sumSq += q * q;
  }
  return { n: values.length, sum: sum.toString(), sumSq: sumSq.toString() };
}

// Seconds and exposures, negatives (paired differences), and values past the fast path's ±2^40 units.
const value = fc.oneof(fc.double({ min: -2e6, max: 2e6, noNaN: true }), fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer({ min: -5000, max: 5000 }), fc.constant(-1.0999999e6), fc.constant(0));

describe('ExactSum', () => {
  it('holds exactly the BigInt sums of the rounded values, read at any point, however many values', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), fc.nat({ max: 300 }), (values, cut) => {
        const s = new ExactSum();
        values.forEach((x, i) => {
          s.add(x);
          if (i === cut) expect(s.toJSON()).toEqual(reference(values.slice(0, i + 1)));
        });
        expect(s.toJSON()).toEqual(reference(values));
      }),
      { numRuns: 200 },
    );
  });

  it('stays exact across its flushes (thousands of large values)', () => {
    const values = Array.from({ length: 10_000 }, (_x, i) => (i % 2 ? 1 : -1) * (1.0995e6 - i * 0.37));
    const s = new ExactSum();
    values.forEach((x) => s.add(x));
    expect(s.toJSON()).toEqual(reference(values));
    const merged = new ExactSum();
    merged.add(3);
    expect(merged.merge(s).toJSON()).toEqual(reference([3, ...values]));
  });
});
