import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../engine/run/run-in-process.js';
import { decayFactor, distanceToAreaM } from '../../engine/metrics/threat-geometry.js';
import { basePlan, gridGraph, lonAt, latAt, movement, place } from '../support/tiny-world.js';

describe('threat geometry', () => {
  it('decays linearly outside the zone and is 1 inside', () => {
    expect(decayFactor(0, 300)).toBe(1);
    expect(decayFactor(150, 300)).toBe(0.5);
    expect(decayFactor(300, 300)).toBe(0);
    const circle = { type: 'circle' as const, lon: lonAt(0), lat: latAt(0), radiusM: 50 };
    expect(distanceToAreaM(circle, lonAt(0), latAt(20))).toBe(0);
    expect(distanceToAreaM(circle, lonAt(0), latAt(150))).toBeCloseTo(100, 0);
    const square = { type: 'polygon' as const, coordinates: [[[lonAt(0), latAt(0)], [lonAt(100), latAt(0)], [lonAt(100), latAt(100)], [lonAt(0), latAt(100)], [lonAt(0), latAt(0)]] as [number, number][]] };
    expect(distanceToAreaM(square, lonAt(50), latAt(50))).toBe(0);
    expect(distanceToAreaM(square, lonAt(50), latAt(160))).toBeCloseTo(60, 0);
  });
});

describe('hotspots, chokepoints, robustness and the verdict', () => {
  const g = gridGraph(5, 5);
  const threat = { id: 'protest', kind: 'protest', intensity: 1, area: { type: 'circle' as const, lon: lonAt(200), lat: latAt(0), radiusM: 40 }, fromS: 0, toS: 86400 };
  const plan = basePlan({
    samples: 8,
    movements: [movement({ options: [{ id: 'bottom', label: 'primary', kind: 'fastest' }, { id: 'north', label: 'alternate', kind: 'via', via: [place('v1', 0, 200), place('v2', 400, 200)] }] })],
    threats: [threat],
    landmarks: [place('Protest square', 200, 0)].map((p) => ({ ...p, label: 'Protest square' })),
    chokepoints: [{ ...place('gate', 350, 0), label: 'East gate', radiusM: 10, bridge: false }],
    scoring: { ...basePlan().scoring, weights: { ...basePlan().scoring.weights, threat: 5 } },
  });
  const { result } = runInProcess(g, plan);
  const mv = result.movements[0]!;
  const [bottom, north] = mv.options;

  it('puts the hotspot where the threat is, named by the nearest landmark', () => {
    expect(bottom!.hotspots[0]!.mainComponent).toBe('threat');
    expect(bottom!.hotspots[0]!.near).toMatch(/Protest square/);
    expect(bottom!.hotspots.every((h) => h.exposure >= 0 && h.share <= 1)).toBe(true);
  });

  it('reports declared and shared chokepoints with reasons, and the extra time when closed', () => {
    const kinds = bottom!.chokepoints.map((c) => c.kind);
    expect(kinds).toContain('declared');
    expect(kinds).toContain('shared');
    const declared = bottom!.chokepoints.find((c) => c.kind === 'declared')!;
    expect(declared.reason).toBe('declared: East gate');
    const crit = bottom!.robustness.find((c) => c.edge === declared.edge)!;
    // Closing the 300→400 bottom edge at x=300: detour up, across, down = 300 m vs 100 m → +20 s.
    expect(crit.extraTimeS).toBeCloseTo(20, 6);
  });

  it('recommends the less exposed option and names the trade-off', () => {
    expect(north!.exposure.total.mean).toBeLessThan(bottom!.exposure.total.mean);
    expect(mv.recommended).toBe('north');
    expect(mv.verdict).toMatch(/^north is .* slower than bottom but .*threat-zone exposure/);
  });

  it('exposure components are non-negative and add up to the total', () => {
    for (const o of mv.options) {
      const sum = Object.values(o.exposure.components).reduce((a, c) => a + c.mean, 0);
      expect(sum).toBeCloseTo(o.exposure.total.mean, 1);
      for (const c of Object.values(o.exposure.components)) expect(c.p50).toBeGreaterThanOrEqual(0);
    }
  });
});
