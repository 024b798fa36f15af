import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { round1, round2, round2OrNull, round3, round4, round7, roundTo } from '../engine/rounding.js';

describe('rounding', () => {
  it('rounds half up to the given decimals', () => {
    expect(round2(1.005 * 1000)).toBe(1005);
    expect(round2(0.125)).toBe(0.13);
    expect(round2(-0.125)).toBe(-0.12); // Math.round: half toward +∞
    expect(round1(12.25)).toBe(12.3);
    expect(round3(0.0004)).toBe(0);
    expect(round4(1 / 3)).toBe(0.3333);
    expect(round7(104.9282111149)).toBe(104.9282111);
    expect(roundTo(123.456, 0)).toBe(123);
  });

  it('gives exactly Math.round(x · 10^d) / 10^d (the output goldens depend on the very doubles)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 9 }), (x, d) => {
        expect(roundTo(x, d)).toBe(Math.round(x * 10 ** d) / 10 ** d);
      }),
    );
    for (const [f, d] of [[round1, 1], [round2, 2], [round3, 3], [round4, 4], [round7, 7]] as const) {
      fc.assert(fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), (x) => {
        expect(f(x)).toBe(roundTo(x, d));
      }));
    }
  });

  it('turns non-finite values into null for the JSON and refuses decimals outside 0..9', () => {
    expect(round2OrNull(Infinity)).toBeNull();
    expect(round2OrNull(NaN)).toBeNull();
    expect(round2OrNull(3.14159)).toBe(3.14);
    expect(() => roundTo(1, 10)).toThrow(/10 decimals is outside 0\.\.9/);
  });
});
