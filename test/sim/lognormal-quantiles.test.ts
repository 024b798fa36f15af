import { describe, expect, it } from 'vitest';
import { LognormalQuantiles } from '../../engine/sim/lognormal-quantiles.js';
import { inverseNormal } from '../../engine/sim/road-draws.js';

/** The exact factor the table stands in for. */
const exact = (sigma: number, p: number) => Math.exp(sigma * inverseNormal(p));

describe('LognormalQuantiles', () => {
  it('is within the documented bound of exp(σ·Φ⁻¹(p)) everywhere, exact in the tails and at the median', () => {
    for (const [sigma, bound] of [[0.15, 2e-7], [0.05, 2e-7], [0.5, 1e-6], [1, 2e-6]] as const) {
      const q = new LognormalQuantiles(sigma);
      expect(q.at(0.5)).toBe(1);
      let worst = 0;
      // Every cell, at its midpoint (where linear interpolation errs most) and at random points.
      for (let i = 0; i < 8192; i++) {
        for (const f of [0.5, 0.137, 0.861]) {
          const p = (i + f) / 8192;
          worst = Math.max(worst, Math.abs(q.at(p) / exact(sigma, p) - 1));
        }
      }
      expect(worst).toBeLessThan(bound);
      for (const p of [1e-9, 0.001, 0.02, 0.98, 0.999, 1 - 1e-9]) expect(q.at(p)).toBe(exact(sigma, p));
    }
  });

  it('is monotone in p, so common random numbers keep their order', () => {
    const q = new LognormalQuantiles(0.15);
    let last = 0;
    let drops = 0;
    for (let i = 1; i < 100_000; i++) {
      const v = q.at(i / 100_000);
      if (v < last) drops++;
      last = v;
    }
    expect(drops).toBe(0);
  });
});
