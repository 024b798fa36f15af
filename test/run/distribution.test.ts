import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distribution, HISTOGRAM_BINS, histogramSorted, quantileSorted } from '../../engine/run/distribution.js';

describe('distribution', () => {
  it('hand-checked: 20 values 1..20 give nearest-rank quantiles and one value per bin', () => {
    const v = Float64Array.from({ length: 20 }, (_, i) => 20 - i); // unsorted on purpose
    const d = distribution(v);
    // rank ceil(p·20): p05 → 1, p25 → 5, p50 → 10, p75 → 15, p95 → 19
    expect(d).toMatchObject({ p05: 1, p25: 5, p50: 10, p75: 15, p95: 19, mean: 10.5, min: 1, max: 20 });
    // width 19/20 = 0.95; 20 values spread 1 apart land one per bin except where two share one
    expect(d.histogram.start).toBe(1);
    expect(d.histogram.width).toBe(0.95);
    expect(d.histogram.counts).toHaveLength(HISTOGRAM_BINS);
    expect(d.histogram.counts.reduce((a, b) => a + b, 0)).toBe(20);
    expect(d.histogram.counts[HISTOGRAM_BINS - 1]).toBeGreaterThanOrEqual(1); // max lands in the last bin
  });

  it('hand-checked small histogram: [0, 0, 1, 3, 4] over 4 bins', () => {
    // width 1: [0,1) holds 0,0; [1,2) holds 1; [2,3) none; [3,4] holds 3 and the max 4
    expect(histogramSorted([0, 0, 1, 3, 4], 4)).toEqual({ start: 0, width: 1, counts: [2, 1, 0, 2] });
  });

  it('degenerate: all values equal → one bin with every sample; no samples → no bin', () => {
    const d = distribution(Float64Array.from([7, 7, 7]));
    expect(d).toMatchObject({ p05: 7, p25: 7, p50: 7, p75: 7, p95: 7, min: 7, max: 7 });
    expect(d.histogram).toEqual({ start: 7, width: 0, counts: [3] });
    expect(distribution(new Float64Array(0)).histogram).toEqual({ start: 0, width: 0, counts: [] });
  });

  it('invariants: quantiles ordered, counts integers summing to n, bins cover [min, max]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e5, noNaN: true }), { minLength: 1, maxLength: 200 }), (arr) => {
        const d = distribution(Float64Array.from(arr));
        expect(d.min).toBeLessThanOrEqual(d.p05);
        expect(d.p05).toBeLessThanOrEqual(d.p25);
        expect(d.p25).toBeLessThanOrEqual(d.p50);
        expect(d.p50).toBeLessThanOrEqual(d.p75);
        expect(d.p75).toBeLessThanOrEqual(d.p95);
        expect(d.p95).toBeLessThanOrEqual(d.max);
        const h = d.histogram;
        expect(h.counts.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
        expect(h.counts.reduce((a, b) => a + b, 0)).toBe(arr.length);
        expect(h.start).toBe(d.min);
        if (h.counts.length > 1) {
          expect(h.counts).toHaveLength(HISTOGRAM_BINS);
          expect(h.start + h.width * h.counts.length).toBeCloseTo(d.max, 1);
        } else {
          expect(h.width).toBe(0);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('each bin count matches the values falling in that bin (reference count)', () => {
    const sorted = Float64Array.from([3, 3.5, 4, 10, 11, 11, 12, 29.9, 30]).sort();
    const h = histogramSorted(sorted, 3); // width 9: [3,12) [12,21) [21,30]
    expect(h.counts).toEqual([6, 1, 2]);
    expect(quantileSorted(sorted, 0.25)).toBe(4);
  });
});
