import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IdTable } from '../../engine/import/id-table.js';

describe('IdTable', () => {
  it('behaves like a Map for OSM-sized ids (above 2^32, negative, colliding low words), through growth', () => {
    const id = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 2 ** 32, max: 2 ** 40 }), fc.constantFrom(2 ** 32, 2 * 2 ** 32, 3 * 2 ** 32, 1, 0));
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.integer({ min: 0, max: 1e6 })), { maxLength: 3000 }), (ops) => {
        const t = new IdTable(4);
        const m = new Map<number, number>();
        for (const [k, v] of ops) {
          t.set(k, v);
          m.set(k, v);
        }
        expect(t.size).toBe(m.size);
        for (const [k, v] of m) expect(t.get(k)).toBe(v);
        expect(t.get(2 ** 45 + 7)).toBe(-1);
        expect(t.has(2 ** 45 + 7)).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it('counts with add', () => {
    const t = new IdTable();
    expect(t.add(12_345_678_901, 1)).toBe(1);
    expect(t.add(12_345_678_901, 1)).toBe(2);
    expect(t.get(12_345_678_901)).toBe(2);
  });
});
