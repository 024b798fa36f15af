import { describe, expect, it } from 'vitest';
import { prepareRunFromPlan, runSampleChunk } from '../../engine/sim/sample-chunk.js';
import { EXPOSURE_COMPONENTS } from '../../engine/model/run-result.js';
import { basePlan, gridGraph, lineGraph, lonAt, latAt, movement, place } from '../support/tiny-world.js';

const comp = (name: (typeof EXPOSURE_COMPONENTS)[number]) => EXPOSURE_COMPONENTS.indexOf(name);

/** Line of 4 × 100 m at 36 km/h (10 m/s): 40 s from a (x=0) to b (x=400), no junctions. */
function lineRun(over: Parameters<typeof basePlan>[0] = {}, samples = 1) {
  const ctx = prepareRunFromPlan(lineGraph(4), basePlan(over), { samples });
  return runSampleChunk(ctx, { movementIndex: 0, optionIndex: 0, sampleStart: 0, sampleEnd: samples });
}

describe('movement simulation on hand-checkable graphs', () => {
  it('drives a straight road at free-flow speed: 400 m at 10 m/s = 40 s, no exposure', () => {
    const [s] = lineRun();
    expect(s!.arrived).toBe(true);
    expect(s!.timeS).toBeCloseTo(40, 9);
    expect(s!.exposure.every((x) => x === 0)).toBe(true);
  });

  it('caps the speed at the convoy speed', () => {
    const [s] = lineRun({ movements: [movement({ escort: { intersectionControl: 'static', convoySpeedKmh: 18, convoyLengthM: 0 } })] });
    expect(s!.timeS).toBeCloseTo(80, 9); // 5 m/s
  });

  it('applies the time-of-day factor; static control removes 90 % of the congestion', () => {
    const band = { fromS: 9 * 3600, toS: 11 * 3600, factorByClass: {}, default: 0.5 };
    const none = lineRun({ traffic: { bands: [band], variationSigma: 0 }, movements: [movement({ escort: { intersectionControl: 'none', convoySpeedKmh: 200, convoyLengthM: 0 } })] })[0]!;
    expect(none.timeS).toBeCloseTo(80, 9); // half speed
    const stat = lineRun({ traffic: { bands: [band], variationSigma: 0 } })[0]!;
    expect(stat.timeS).toBeCloseTo(400 / (10 * (1 - 0.5 * 0.1)), 9); // factor 0.95
  });

  it('counts slow seconds below the threshold (weight × seconds)', () => {
    // 10 km/h convoy cap < 15 km/h threshold: every second is slow. 400 m / (10/3.6) = 144 s.
    const plan = { movements: [movement({ escort: { intersectionControl: 'static' as const, convoySpeedKmh: 10, convoyLengthM: 0 } })] };
    const [s] = lineRun({ ...plan, scoring: { ...basePlan().scoring, weights: { ...basePlan().scoring.weights, slow: 0.2 } } });
    expect(s!.exposure[comp('slow')]).toBeCloseTo(0.2 * 144, 9);
    expect(s!.exposure[comp('stopped')]).toBe(0);
  });

  it('a breakdown stops the convoy: stopped seconds and arrival later by the duration', () => {
    const [s] = lineRun({ injects: [{ id: 'bd', atS: 10 * 3600, durationS: null, note: '', action: { type: 'breakdown', movementId: 'm1', durationS: 300 } }] });
    expect(s!.timeS).toBeCloseTo(340, 9);
    expect(s!.exposure[comp('stopped')]).toBeCloseTo(300, 9);
  });

  it('threat zone covering the whole route: intensity × seconds inside; nothing outside its window', () => {
    const threat = { id: 't', kind: 'protest', intensity: 0.5, area: { type: 'circle' as const, lon: lonAt(200), lat: latAt(0), radiusM: 1000 }, fromS: 0, toS: 86400 };
    expect(lineRun({ threats: [threat] })[0]!.exposure[comp('threat')]).toBeCloseTo(20, 6);
    expect(lineRun({ threats: [{ ...threat, fromS: 12 * 3600 }] })[0]!.exposure[comp('threat')]).toBe(0);
    // A crowd counts in the crowd component, not in threat.
    const crowd = lineRun({ threats: [{ ...threat, kind: 'crowd' }] })[0]!;
    expect(crowd.exposure[comp('crowd')]).toBeCloseTo(20, 6);
    expect(crowd.exposure[comp('threat')]).toBe(0);
  });

  it('threat decay: a zone 50 m off a road with 100 m decay counts half, on average', () => {
    // Circle of radius 10 m centred 60 m north of the road: every point of the (long) road is ≥ 50 m from it;
    // only a short stretch is within the 100 m decay, so exposure is positive but well below full.
    const threat = { id: 't', kind: 'overlook', intensity: 1, area: { type: 'circle' as const, lon: lonAt(200), lat: latAt(60), radiusM: 10 }, fromS: 0, toS: 86400 };
    const x = lineRun({ threats: [threat] })[0]!.exposure[comp('threat')]!;
    // Hand integral: factor(d) = 1 − (sqrt(x² + 60²) − 10)/100 for |x| ≤ sqrt(110² − 60²) ≈ 92.2 m, at 10 m/s.
    let integral = 0;
    for (let xm = -92.2; xm <= 92.2; xm += 0.01) integral += Math.max(0, 1 - (Math.sqrt(xm * xm + 3600) - 10) / 100) * 0.01;
    expect(x).toBeCloseTo(integral / 10, 0);
  });

  it('declared chokepoint: seconds on the edges within its radius', () => {
    const [s] = lineRun({ chokepoints: [{ ...place('c', 150, 0), id: 'c', label: 'bridge', radiusM: 20, bridge: true }] });
    expect(s!.exposure[comp('chokepoint')]).toBeCloseTo(10, 9); // one 100 m edge at 10 m/s
  });

  it('predictability: road a convoy drove earlier in the day counts k/(k+1) per second', () => {
    const plan = basePlan({ movements: [movement({ id: 'early', departureS: 9 * 3600 }), movement({ id: 'late' })] });
    const ctx = prepareRunFromPlan(lineGraph(4), plan, { samples: 1 });
    const early = runSampleChunk(ctx, { movementIndex: 0, optionIndex: 0, sampleStart: 0, sampleEnd: 1 })[0]!;
    const late = runSampleChunk(ctx, { movementIndex: 1, optionIndex: 0, sampleStart: 0, sampleEnd: 1 })[0]!;
    expect(early.exposure[comp('predictability')]).toBe(0);
    expect(late.exposure[comp('predictability')]).toBeCloseTo(0.5 * 40, 9);
  });

  it('uncontrolled junctions add waits and convoy clearance; static closures remove them', () => {
    // 5×5 grid, a → b straight along the bottom row through 3 junctions.
    const g = gridGraph(5, 5);
    const none = prepareRunFromPlan(g, basePlan({ movements: [movement({ escort: { intersectionControl: 'none', convoySpeedKmh: 200, convoyLengthM: 100 } })] }), { samples: 20 });
    const stat = prepareRunFromPlan(g, basePlan(), { samples: 20 });
    const t = (ctx: typeof none) => runSampleChunk(ctx, { movementIndex: 0, optionIndex: 0, sampleStart: 0, sampleEnd: 20 }).map((s) => s.timeS);
    expect(t(stat).every((x) => Math.abs(x - 40) < 1e-9)).toBe(true);
    // Each of the 3 junctions: clearance 100 m / 10 m/s = 10 s at least, plus a random wait.
    expect(t(none).every((x) => x >= 40 + 30 - 1e-9)).toBe(true);
    const nominal = none.nominal(0, 0)!;
    expect(nominal.summary.timeS).toBeCloseTo(40 + 3 * (10 + 8), 9); // mean minor wait 8 s
  });

  it('random variation is seeded per sample: same sample → same numbers, different samples differ', () => {
    const plan = basePlan({ traffic: { bands: [], variationSigma: 0.2 } });
    const g = lineGraph(4);
    const a = runSampleChunk(prepareRunFromPlan(g, plan, { samples: 6 }), { movementIndex: 0, optionIndex: 0, sampleStart: 0, sampleEnd: 6 });
    const b = runSampleChunk(prepareRunFromPlan(g, plan, { samples: 6 }), { movementIndex: 0, optionIndex: 0, sampleStart: 3, sampleEnd: 6 });
    expect(b).toEqual(a.slice(3));
    expect(new Set(a.map((s) => s.timeS)).size).toBe(6);
  });
});

describe('stops inside a threat zone', () => {
  it('a breakdown inside the zone counts as exposed time: 0.5 × (300 s stopped + 40 s driving)', () => {
    const threat = { id: 't', kind: 'protest', intensity: 0.5, area: { type: 'circle' as const, lon: lonAt(200), lat: latAt(0), radiusM: 1000 }, fromS: 0, toS: 86400 };
    const [s] = lineRun({ threats: [threat], injects: [{ id: 'bd', atS: 10 * 3600 + 15, durationS: null, note: '', action: { type: 'breakdown', movementId: 'm1', durationS: 300 } }] });
    expect(s!.exposure[comp('threat')]).toBeCloseTo(0.5 * 340, 6);
  });
});
