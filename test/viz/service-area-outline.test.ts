import { describe, expect, it } from 'vitest';
import { closeGrid, traceRings, type OutlineGrid } from '../../viz/service-area-outline.js';

/** A grid from rows of '#' (filled) and '.', top row first (row 0 of the grid is the bottom one). */
function grid(rows: string[]): OutlineGrid {
  const h = rows.length;
  const w = rows[0]!.length;
  const cells = new Uint8Array(w * h);
  rows.forEach((r, i) => [...r].forEach((c, x) => { if (c === '#') cells[(h - 1 - i) * w + x] = 1; }));
  return { cells, w, h, lon0: 0, lat0: 0, dLon: 1, dLat: 1 };
}

/** Twice the signed area (positive = counter-clockwise with y up). */
function area2(ring: [number, number][]): number {
  let a = 0;
  ring.forEach((p, i) => { const q = ring[(i + 1) % ring.length]!; a += p[0] * q[1] - q[0] * p[1]; });
  return a;
}

describe('service-area outline (grid cells to rings)', () => {
  it('traces one cell as a counter-clockwise square', () => {
    const rings = traceRings(grid(['...', '.#.', '...']));
    expect(rings.length).toBe(1);
    expect(rings[0]!.length).toBe(4);
    expect(area2(rings[0]!)).toBe(2);
  });

  it('traces a ring of cells as an outer ring and a clockwise hole', () => {
    const rings = traceRings(grid(['.....', '.###.', '.#.#.', '.###.', '.....']));
    expect(rings.length).toBe(2);
    expect(rings.map(area2).sort((a, b) => a - b)).toEqual([-2, 18]); // hole 1 cell, outer 3 × 3
  });

  it('closing fills a one-cell gap between filled cells and keeps the outer extent', () => {
    const g = closeGrid(grid(['.......', '.#.#.#.', '.......']));
    const rings = traceRings(g);
    expect(rings.length).toBe(1);
    expect(area2(rings[0]!)).toBe(10); // cells 1..5 of the middle row
  });
});
