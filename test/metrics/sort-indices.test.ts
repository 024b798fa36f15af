import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortIndicesByKey } from '../../engine/metrics/sort-indices.js';

/** The plain reference: Array sort by (key, index). */
function reference(keys: readonly number[], count: number): number[] {
  return Array.from({ length: count }, (_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
}

const key = fc.oneof(
  fc.integer({ min: 0, max: 5 }), // many ties
  fc.double({ min: 0, max: 1e6, noNaN: true }),
  fc.constant(Infinity), // unreachable edges
);

describe('sortIndicesByKey', () => {
  it('orders by key, ties by index, exactly as a reference sort (seeded property test)', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), fc.nat(), (keys, cut) => {
        const count = keys.length === 0 ? 0 : cut % (keys.length + 1);
        // Scratch holds stale entries beyond count and a permuted prefix: only the first count are sorted.
        const idx = new Uint32Array(keys.length + 3).fill(7);
        for (let i = 0; i < count; i++) idx[i] = count - 1 - i;
        sortIndicesByKey(idx, Float64Array.from(keys), count);
        expect(Array.from(idx.subarray(0, count))).toEqual(reference(keys, count));
        for (let i = count; i < idx.length; i++) expect(idx[i]).toBe(7);
      }),
      { seed: 20261125, numRuns: 400 },
    );
  });

  it('handles the degenerate shapes quicksort gets wrong: sorted, reversed, all equal', () => {
    for (const n of [0, 1, 2, 16, 17, 100, 1000]) {
      for (const keys of [Array.from({ length: n }, (_, i) => i), Array.from({ length: n }, (_, i) => n - i), Array.from({ length: n }, () => 3)]) {
        const idx = Uint32Array.from({ length: n }, (_, i) => (i * 7919) % Math.max(1, n));
        if (n > 1 && new Set(idx).size !== n) idx.forEach((_, i) => (idx[i] = i));
        sortIndicesByKey(idx, Float64Array.from(keys), n);
        expect(Array.from(idx)).toEqual(reference(keys, n));
      }
    }
  });
});
