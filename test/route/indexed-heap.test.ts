import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { IndexedMinHeap } from '../../engine/route/indexed-heap.js';

describe('IndexedMinHeap', () => {
  it('pops in (key, node) order under random pushes and decrease-keys', () => {
    const seed = 'heap-1';
    const rng = seedrandom(seed);
    const n = 500;
    const heap = new IndexedMinHeap(n);
    const key = new Map<number, number>();
    for (let v = 0; v < n; v++) {
      if (rng() < 0.7) {
        const k = Math.floor(rng() * 50); // many ties
        heap.push(v, k);
        key.set(v, k);
      }
    }
    for (const [v, k] of key) {
      if (rng() < 0.4) {
        const lower = k - Math.floor(rng() * 10);
        heap.decrease(v, lower);
        key.set(v, lower);
      }
    }
    const expected = [...key].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([v]) => v);
    const got: number[] = [];
    while (heap.size > 0) got.push(heap.pop());
    expect(got, `seed ${seed}`).toEqual(expected);
    expect(heap.topKey()).toBe(Infinity);
  });
});
