import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RankedValues } from '../../engine/metrics/summary/ranked-values.js';
import { quantileSorted } from '../../engine/run/distribution.js';

const value = fc.oneof(fc.double({ min: 0, max: 3600, noNaN: true }), fc.constant(Infinity), fc.constant(-Infinity), fc.constant(NaN), fc.integer({ min: 0, max: 50 }));

describe('RankedValues', () => {
  it('within the exact budget ranks as a sorted Float64Array does (non-finite values included), in any merge order', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 200 }), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (values, cut, p) => {
        const sorted = Float64Array.from(values).sort();
        const at = cut % (values.length + 1);
        const a = new RankedValues();
        const b = new RankedValues();
        values.slice(0, at).forEach((x) => a.add(x));
        values.slice(at).forEach((x) => b.add(x));
        const merged = b.merge(a);
        expect(merged.count).toBe(values.length);
        expect(merged.quantile(p)).toBe(quantileSorted(sorted, p));
        expect(merged.max()).toBe(sorted[sorted.length - 1]);
      }),
      { numRuns: 200 },
    );
  });

  it('is NaN without values', () => {
    expect(new RankedValues().quantile(0.5)).toBeNaN();
    expect(new RankedValues().max()).toBeNaN();
  });
});
