import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXACT_BUDGET, QuantileSummary, RELATIVE_ACCURACY } from '../../engine/metrics/summary/quantile-summary.js';
import { ExactSum } from '../../engine/metrics/summary/exact-sum.js';
import { PairedDifference } from '../../engine/metrics/summary/paired-difference.js';

/** Summaries of `values` split at `cuts`, merged in the order `order` (a permutation), as one tree fold. */
function splitMerge(values: number[], cuts: number[], order: number[]): QuantileSummary {
  const bounds = [0, ...[...new Set(cuts.map((c) => c % (values.length + 1)))].sort((a, b) => a - b), values.length];
  const parts: QuantileSummary[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const q = new QuantileSummary();
    for (const v of values.slice(bounds[i], bounds[i + 1])) q.add(v);
    parts.push(q);
  }
  // Merge pairs in the given order until one is left: a different tree shape per order.
  const pool = [...parts];
  let k = 0;
  while (pool.length > 1) {
    const i = order[k++ % order.length]! % pool.length;
    const [a] = pool.splice(i, 1);
    const j = order[k++ % order.length]! % pool.length;
    pool[j] = QuantileSummary.fromJSON(JSON.parse(JSON.stringify(pool[j]!.merge(a!))));
  }
  return pool[0]!;
}

const value = fc.oneof(fc.double({ min: 0, max: 86_400, noNaN: true }), fc.integer({ min: 0, max: 5000 }), fc.constant(0));

describe('QuantileSummary (mergeable, bounded)', () => {
  it('gives the same bytes for any split and merge order, within the exact budget and beyond it', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), fc.array(fc.nat(), { maxLength: 8 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (values, cuts, order) => {
        const one = new QuantileSummary();
        for (const v of values) one.add(v);
        expect(JSON.stringify(splitMerge(values, cuts, order))).toBe(JSON.stringify(one));
        const rev = [...values].reverse();
        expect(JSON.stringify(splitMerge(rev, cuts, order))).toBe(JSON.stringify(one));
      }),
      { numRuns: 150 },
    );
    const many = Array.from({ length: EXACT_BUDGET + 500 }, (_, i) => ((i * 7919) % 10007) / 3);
    const whole = new QuantileSummary();
    for (const v of many) whole.add(v);
    expect(whole.isExact).toBe(false);
    expect(JSON.stringify(splitMerge(many, [100, 2000, 2100], [3, 1, 4, 1, 5]))).toBe(JSON.stringify(whole));
  });

  it('merges to the same bytes with subnormal values beside ordinary ones (they count as zeros in the sketch)', () => {
    const tiny = 1.1350124227738756e-308;
    const one = new QuantileSummary();
    [0, tiny, tiny, 1].forEach((v) => one.add(v));
    expect(JSON.stringify(splitMerge([0, tiny, tiny, 1], [2], [0, 0]))).toBe(JSON.stringify(one));
    expect(JSON.stringify(splitMerge([tiny, tiny, 0, 1], [1], [0, 0]))).toBe(JSON.stringify(one));
    expect([one.min, one.max, one.quantile(0.5)]).toEqual([0, 1, tiny]);
  });

  it('is exact nearest-rank within the budget', () => {
    const q = new QuantileSummary();
    [5, 1, 4, 2, 3].forEach((v) => q.add(v));
    expect([q.quantile(0.05), q.quantile(0.5), q.quantile(0.95), q.mean()]).toEqual([1, 3, 5, 3]);
  });

  it('beyond the budget stays within the documented relative error, and its size does not grow with the samples', () => {
    let x = 12345;
    const rand = (): number => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values: number[] = [];
    const q = new QuantileSummary();
    for (let i = 0; i < 50_000; i++) {
      const v = 600 * Math.exp(0.5 * (rand() + rand() + rand() - 1.5)); // about 300..1200 s
      values.push(v);
      q.add(v);
    }
    const sorted = Float64Array.from(values).sort();
    for (const p of [0.05, 0.25, 0.5, 0.75, 0.95]) {
      const truth = sorted[Math.floor(p * (sorted.length - 1))]!;
      expect(Math.abs(q.quantile(p) - truth)).toBeLessThanOrEqual(RELATIVE_ACCURACY * truth + 1e-9);
    }
    const size = JSON.stringify(q).length;
    for (let i = 0; i < 50_000; i++) q.add(300 + (i % 900));
    expect(JSON.stringify(q).length).toBeLessThan(size * 1.5);
    expect(JSON.stringify(q).length).toBeLessThan(20_000);
  });
});

describe('ExactSum and PairedDifference', () => {
  it('sum exactly in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e5, max: 1e5, noNaN: true }), { maxLength: 200 }), fc.nat(), (xs, cut) => {
        const a = new ExactSum();
        xs.forEach((v) => a.add(v));
        const b = new ExactSum();
        const c = new ExactSum();
        const k = xs.length ? cut % xs.length : 0;
        [...xs].reverse().slice(0, k).forEach((v) => b.add(v));
        [...xs].reverse().slice(k).forEach((v) => c.add(v));
        expect(JSON.stringify(c.merge(b))).toBe(JSON.stringify(a));
      }),
    );
  });

  it('gives a hand-checkable interval: differences 1, 2, 3 → mean 2, sd 1', () => {
    const d = new PairedDifference();
    [[3, 2], [5, 3], [7, 4]].forEach(([a, b]) => d.add(a!, b!));
    const iv = d.interval();
    expect(iv.mean).toBe(2);
    expect(iv.high - iv.mean).toBeCloseTo(1.959963984540054 / Math.sqrt(3), 9);
    expect(iv.significant).toBe(true);
  });
});
