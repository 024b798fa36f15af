import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXACT_BUDGET, QuantileSummary, RELATIVE_ACCURACY } from '../../../engine/metrics/summary/quantile-summary.js';
import { HISTOGRAM_BINS, histogramSorted } from '../../../engine/run/distribution.js';
import { summaryHistogram } from '../../../engine/run/summary/bounded-histogram.js';

/** A summary of each part, merged in the order given (each merge through JSON, as shards travel), then its histogram. */
function mergedHistogram(parts: number[][], order: number[]): string {
  const qs = parts.map((p) => {
    const q = new QuantileSummary();
    p.forEach((v) => q.add(v));
    return q;
  });
  const pool = [...qs];
  let k = 0;
  while (pool.length > 1) {
    const [a] = pool.splice(order[k++ % order.length]! % pool.length, 1);
    const j = order[k++ % order.length]! % pool.length;
    pool[j] = QuantileSummary.fromJSON(JSON.parse(JSON.stringify(pool[j]!.merge(a!))));
  }
  return JSON.stringify(summaryHistogram(pool[0]!, HISTOGRAM_BINS));
}

function split(values: number[], cuts: number[]): number[][] {
  const b = [0, ...[...new Set(cuts.map((c) => c % (values.length + 1)))].sort((x, y) => x - y), values.length];
  return b.slice(1).map((end, i) => values.slice(b[i], end));
}

const seconds = fc.oneof(fc.double({ min: 0, max: 86_400, noNaN: true }), fc.integer({ min: 0, max: 5000 }), fc.constant(0));

describe('histograms of the bounded summaries', () => {
  it('within the exact budget are RunAggregator’s (histogramSorted of the values)', () => {
    fc.assert(
      fc.property(fc.array(seconds, { minLength: 1, maxLength: 400 }), (values) => {
        const q = new QuantileSummary();
        values.forEach((v) => q.add(v));
        expect(summaryHistogram(q, HISTOGRAM_BINS)).toEqual(histogramSorted(Float64Array.from(values).sort(), HISTOGRAM_BINS));
      }),
    );
  });

  it('are the same bytes for any split and merge order (associative, order-independent), within the budget and beyond', () => {
    fc.assert(
      fc.property(fc.array(seconds, { minLength: 1, maxLength: 300 }), fc.array(fc.nat(), { maxLength: 6 }), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (values, cuts, order) => {
        const whole = mergedHistogram([values], [0]);
        expect(mergedHistogram(split(values, cuts), order)).toBe(whole);
        expect(mergedHistogram(split([...values].reverse(), cuts), order)).toBe(whole);
      }),
      { numRuns: 100 },
    );
    const many = Array.from({ length: 3 * EXACT_BUDGET }, (_, i) => 300 + ((i * 7919) % 10007) / 7);
    const whole = mergedHistogram([many], [0]);
    expect(JSON.parse(whole).counts.reduce((a: number, c: number) => a + c, 0)).toBe(many.length);
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (cuts, order) => {
        expect(mergedHistogram(split(many, cuts), order)).toBe(whole);
      }),
      { numRuns: 30 },
    );
  });

  it('beyond the budget, count each value within 1 % of itself: below every edge, off only by the values that close to it', () => {
    let x = 99;
    const rand = (): number => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values = Array.from({ length: 20_000 }, () => 600 + 900 * rand() * rand());
    const q = new QuantileSummary();
    values.forEach((v) => q.add(v));
    expect(q.isExact).toBe(false);
    const h = summaryHistogram(q, HISTOGRAM_BINS);
    const exact = histogramSorted(Float64Array.from(values).sort(), HISTOGRAM_BINS);
    expect([h.start, h.width]).toEqual([exact.start, exact.width]);
    expect(h.counts.reduce((a, c) => a + c, 0)).toBe(values.length);
    const lo = Math.min(...values);
    const width = (Math.max(...values) - lo) / HISTOGRAM_BINS;
    let below = 0;
    let belowExact = 0;
    for (let i = 0; i < HISTOGRAM_BINS - 1; i++) {
      below += h.counts[i]!;
      belowExact += exact.counts[i]!;
      const edge = lo + (i + 1) * width;
      const near = values.filter((v) => Math.abs(v - edge) <= RELATIVE_ACCURACY * v).length;
      expect(Math.abs(below - belowExact), `edge ${i + 1}`).toBeLessThanOrEqual(near);
    }
  });
});
