import { describe, expect, it } from 'vitest';
import { pairedDifferenceOf } from '../../engine/metrics/summary/paired-difference.js';
import { SampleRng } from '../../engine/sim/rng.js';
import { ROAD_DRAW_VARIATION, roadUniform } from '../../engine/sim/road-draws.js';

describe('paired difference (one implementation for run and sweep)', () => {
  it('differences that alternate ±1 around 0: the 95 % interval covers 0', () => {
    // a − b = +1, −1, +1, −1: mean 0, sd 2/√3 → half-width 1.96 · 1.1547 / 2 = 1.1316.
    const iv = pairedDifferenceOf([11, 9, 11, 9], [10, 10, 10, 10]);
    expect(iv.pairs).toBe(4);
    expect(iv.mean).toBe(0);
    expect(iv.high).toBeCloseTo(1.959963984540054 * (2 / Math.sqrt(3)) / 2, 9);
    expect(iv.low).toBeCloseTo(-iv.high, 9);
    expect(iv.significant).toBe(false);
  });

  it('a constant difference on the same days is significant however noisy the days are', () => {
    const days = [100, 900, 40, 5000, 321];
    const iv = pairedDifferenceOf(days.map((d) => d + 2), days);
    expect([iv.mean, iv.low, iv.high, iv.significant]).toEqual([2, 2, 2, true]);
  });

  it('pairs only the days both are present', () => {
    const iv = pairedDifferenceOf([5, 1000, 7], [3, 0, 5], (i) => i !== 1);
    expect([iv.pairs, iv.mean]).toEqual([2, 2]);
  });
});

describe('per-road draws (common random numbers)', () => {
  it('a road gets the same draw on the same day whatever was drawn before, and another on another day', () => {
    const rng = new SampleRng();
    const prefix = SampleRng.streamPrefix('7', 'mv');
    rng.reseed(prefix, 3);
    const first = rng.roadUniform(42, ROAD_DRAW_VARIATION);
    rng.reseed(prefix, 3);
    for (let e = 0; e < 100; e++) rng.roadLognormal(e, ROAD_DRAW_VARIATION, 0.3);
    rng.uniform();
    expect(rng.roadUniform(42, ROAD_DRAW_VARIATION)).toBe(first);
    rng.reseed(prefix, 4);
    expect(rng.roadUniform(42, ROAD_DRAW_VARIATION)).not.toBe(first);
  });

  it('draws are uniform on (0, 1): mean ≈ 1/2 and a tenth in each decile over 100,000 roads', () => {
    const deciles = new Array<number>(10).fill(0);
    let sum = 0;
    const n = 100_000;
    for (let e = 0; e < n; e++) {
      const u = roadUniform(0x9e3779b9, e, ROAD_DRAW_VARIATION);
      expect(u > 0 && u < 1).toBe(true);
      sum += u;
      deciles[Math.floor(u * 10)]!++;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    for (const c of deciles) expect(Math.abs(c - n / 10)).toBeLessThan(n / 100);
  });
});
