import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../engine/run/run-in-process.js';
import { prepareRunFromPlan, runSampleChunk } from '../../engine/sim/sample-chunk.js';
import type { PlanInject, RunPlan } from '../../engine/model/run-plan.js';
import { movementTable } from '../../cli/run-output.js';
import { differences } from '../../cli/compare-output.js';
import { round7 } from '../../engine/rounding.js';
import { optionView } from '../../viz/option-view.js';
import { basePlan, gridGraph, latAt, lonAt, movement, place } from '../support/tiny-world.js';

/** 5×5 grid of 100 m at 10 m/s; a (0,0) → b (400,0) along the bottom row is 40 s, 400 m. */
const g = gridGraph(5, 5);
const B = 4; // node of b (x = 4, y = 0)
const edgesAt = (node: number): number[] => {
  const out: number[] = [];
  for (let e = 0; e < g.edgeCount; e++) if (g.head[e] === node || g.tail[e] === node) out.push(e);
  return out;
};
const seal: PlanInject = { id: 'seal_b', atS: 9 * 3600, durationS: null, note: 'venue sealed', action: { type: 'close_edges', edges: edgesAt(B), label: 'every road into b' } };
const twoRoutes = [{ id: 'bottom', label: 'primary', kind: 'fastest' as const }, { id: 'north', label: 'alternate', kind: 'via' as const, via: [place('v', 200, 200)] }];
const landmarks = [place('a', 0, 0), place('b', 400, 0)];

describe('a plan that never arrives is never recommended', () => {
  it('a destination sealed before departure: recommended null, the verdict says none arrives and why, no 0.0 min', () => {
    const plan = basePlan({ samples: 20, landmarks, movements: [movement({ options: twoRoutes })], injects: [seal] });
    const { result } = runInProcess(g, plan);
    const mv = result.movements[0]!;
    expect(mv.recommended).toBeNull();
    expect(mv.comparison).toBeNull();
    for (const o of mv.options) {
      expect(o.found).toBe(true);
      expect(o.arrivedShare).toBe(0);
      expect(o.arrivedSamples).toBe(0);
      expect(o.didNotArrive.samples).toBe(20);
      // Every sample stops where it starts, at 10:00 (the departure), because the sealing closure never lifts.
      // It stops at the junction where its first edge starts: a itself or, where the start snapped onto
      // the end of the edge 1 → 0, x=100 (both "a": within 150 m of it).
      const stop = o.didNotArrive.stops[0]!;
      expect([round7(lonAt(0)), round7(lonAt(100))]).toContain(stop.lon);
      expect(stop.lat).toBe(round7(latAt(0)));
      expect(o.didNotArrive.stops).toEqual([{ reason: 'closure', inject: 'seal_b', samples: 20, lon: stop.lon, lat: stop.lat, near: 'a', timeS: 36000, message: 'stopped at a at 10:00: closure seal_b never lifts and there is no way round it' }]);
    }
    expect(mv.verdict).toBe(
      'No option arrives in at least 50 % of its samples, so none is recommended: ' +
        'bottom arrives in 0 % of its samples (stopped at a at 10:00: closure seal_b never lifts and there is no way round it); ' +
        'north arrives in 0 % of its samples (stopped at a at 10:00: closure seal_b never lifts and there is no way round it).',
    );
    // The report's table shows the same words in place of times (never 0:00).
    for (const o of mv.options) expect(optionView(g, o, mv.recommended).didNotArrive).toBe('stopped at a at 10:00: closure seal_b never lifts and there is no way round it');
    const table = movementTable(mv);
    expect(table).not.toMatch(/★/);
    expect(table).toMatch(/bottom .* 0%  +0%  did not arrive: stopped at a at 10:00/);
    expect(table).not.toMatch(/ 0\.0 /);
  });

  it('a cut with a way round: the option still arrives, every sample reroutes and drives further', () => {
    // bottom is sealed half-way for good; north is not: bottom never arrives, north always does.
    const cut: PlanInject = { id: 'cut', atS: 9 * 3600, durationS: null, note: '', action: { type: 'close_edges', edges: [...edgesAt(2)].filter((e) => g.lat(g.head[e]!) === g.lat(g.tail[e]!)), label: 'x=200 east–west' } };
    const plan = basePlan({ samples: 10, landmarks, movements: [movement({ options: twoRoutes })], injects: [cut] });
    const { result } = runInProcess(g, plan);
    const mv = result.movements[0]!;
    const bottom = mv.options[0]!;
    expect(bottom.arrivedShare).toBe(1); // it reroutes round the cut through the grid
    expect(bottom.reroutedShare).toBe(1);
    expect(bottom.drivenM.p50).toBeGreaterThan(bottom.route.lengthM);
  });

  it('holding at a closure until it lifts is said as such, and the sample arrives', () => {
    const line = gridGraph(5, 1);
    const timed: PlanInject = { id: 'short_close', atS: 10 * 3600, durationS: 120, note: '', action: { type: 'close_road', ...place('x', 250, 0), radiusM: 10, label: 'x=250' } };
    const { result } = runInProcess(line, basePlan({ samples: 4, landmarks, injects: [timed] }));
    const o = result.movements[0]!.options[0]!;
    expect(o.arrivedShare).toBe(1);
    expect(o.held.share).toBe(1);
    expect(o.held.stops[0]!.message).toBe('held 2.0 min (median) at a until closure short_close lifted');
    expect(o.timeS.p50).toBeCloseTo(160, 6);
  });
});

describe('driven length and reroutes', () => {
  it('a reroute round a closure: the driven length, the rerouted share and the verdict saying onto what', () => {
    // The bottom road closes 5 s after departure: the convoy learns it at x=100 and detours one block north:
    // 100 m driven, then 100 up + 200 across + 100 down + 100 east: 600 m instead of the planned 400 m.
    const close: PlanInject = { id: 'close', atS: 10 * 3600 + 5, durationS: null, note: '', action: { type: 'close_road', ...place('x', 250, 0), radiusM: 10, label: 'x=250' } };
    const { result } = runInProcess(g, basePlan({ samples: 3, landmarks: [...landmarks, place('north_block', 200, 100)], injects: [close] }));
    const o = result.movements[0]!.options[0]!;
    expect(o.route.lengthM).toBe(400);
    expect(o.drivenM).toEqual({ p50: 600, p95: 600, mean: 600 });
    expect(o.reroutedShare).toBe(1);
    expect(o.reroutes).toEqual([{ option: null, share: 1 }]);
    expect(o.detourVia).toEqual(['north_block']);
    expect(result.movements[0]!.verdict).toBe('fast is the only distinct route. Most samples of fast (100 %) reroute onto a fresh route around the closures via north_block, driving 0.6 km (median) instead of the planned 0.4 km.');
    expect(movementTable(result.movements[0]!)).toMatch(/★ fast +primary +0\.4 +0\.6 +100% +100%/);
  });
});

describe('options with the same route', () => {
  const sameTwice = (samples: number): RunPlan =>
    basePlan({
      samples,
      traffic: { bands: [], variationSigma: 0.3 },
      movements: [movement({ departureWindowS: 600, options: [{ id: 'primary', label: 'primary', kind: 'fastest' }, { id: 'fallback', label: 'alternate', kind: 'fastest' }] })],
    });

  it('are shown as the same route and share one result', () => {
    const { result } = runInProcess(g, sameTwice(200));
    const [p, f] = result.movements[0]!.options;
    expect(f!.sameRouteAs).toBe('primary');
    expect(p!.sameRouteAs).toBeNull();
    expect(f!.timeS).toEqual(p!.timeS);
    expect(f!.exposure).toEqual(p!.exposure);
    expect(f!.score).toBe(p!.score);
    expect(movementTable(result.movements[0]!)).toMatch(/ {2}fallback \(= primary\) +alternate/);
    expect(differences(result.movements[0]!)).toEqual([]);
  });

  it('the ★ and the verdict do not change between 100 and 5,000 samples', () => {
    const few = runInProcess(g, sameTwice(100)).result.movements[0]!;
    const many = runInProcess(g, sameTwice(5000)).result.movements[0]!;
    expect(few.recommended).toBe('primary');
    expect(many.recommended).toBe(few.recommended);
    expect(many.verdict).toBe(few.verdict);
    expect(few.verdict).toBe('primary is the only distinct route. fallback drives the same route as primary (one result).');
  });

  it('common random numbers: sample i of two options on the same roads is the same day, draw for draw', () => {
    const ctx = prepareRunFromPlan(g, sameTwice(50), { samples: 50 });
    const days = Array.from({ length: 50 }, (_, i) => i);
    const a = days.map((i) => ctx.runSample(0, 0, i));
    const b = days.map((i) => ctx.runSample(0, 1, i));
    expect(b.map((s) => s.timeS)).toEqual(a.map((s) => s.timeS));
    expect(new Set(a.map((s) => s.timeS)).size).toBeGreaterThan(40); // and the days do differ
  });

  it('the second option on the same route is simulated once, not twice: its chunks are placeholders and its result is that of the first', () => {
    const ctx = prepareRunFromPlan(g, sameTwice(50), { samples: 50 });
    expect(ctx.sameRouteAs(0)).toEqual([-1, 0]);
    const first = runSampleChunk(ctx, { movementIndex: 0, optionIndex: 0, sampleStart: 0, sampleEnd: 50 });
    const twin = runSampleChunk(ctx, { movementIndex: 0, optionIndex: 1, sampleStart: 0, sampleEnd: 50 });
    expect(first.every((s) => s.arrived)).toBe(true);
    expect(twin.every((s) => !s.arrived && s.timeS === 0)).toBe(true);
    const [p, f] = runInProcess(g, sameTwice(50)).result.movements[0]!.options;
    expect(f!.arrivedShare).toBe(1);
    expect(f!.timeS).toEqual(p!.timeS);
  });

  it('two options on different routes are both simulated', () => {
    const ctx = prepareRunFromPlan(g, basePlan({ samples: 5, landmarks, movements: [movement({ options: twoRoutes })] }), { samples: 5 });
    expect(ctx.sameRouteAs(0)).toEqual([-1, -1]);
    const north = runSampleChunk(ctx, { movementIndex: 0, optionIndex: 1, sampleStart: 0, sampleEnd: 5 });
    expect(north.every((s) => s.arrived && s.timeS > 40)).toBe(true);
  });
});

describe('paired difference and the time–exposure front', () => {
  it('two equally long routes on different roads: the paired CI covers 0 and the verdict says indistinguishable', () => {
    // a (0,0) → c (100,100): east then north, or north then east, 200 m each; only the per-road draws differ.
    const plan = basePlan({
      samples: 400,
      traffic: { bands: [], variationSigma: 0.3 },
      movements: [movement({ to: place('c', 100, 100), options: [{ id: 'east', label: 'primary', kind: 'via', via: [place('e', 100, 0)] }, { id: 'north', label: 'alternate', kind: 'via', via: [place('n', 0, 100)] }] })],
    });
    const mv = runInProcess(g, plan).result.movements[0]!;
    const c = mv.comparison!;
    expect(c.pairs).toBe(400);
    expect(c.score.low).toBeLessThan(0);
    expect(c.score.high).toBeGreaterThan(0);
    expect(c.indistinguishable).toBe(true);
    expect(mv.verdict).toMatch(/Paired over 400 days \(\w+ − \w+\): time [−+]?\d\.\d min \[[^\]]+\], score [−+]?\d+ \[[^\]]+\] \(95 % CI\): indistinguishable, the interval covers zero\./);
  });

  it('an option slower and no less exposed is off the front and marked; the verdict says so in those terms', () => {
    // long goes round by (400,400): 1,200 m against 400 m, nothing to gain in exposure.
    const plan = basePlan({ samples: 5, movements: [movement({ options: [{ id: 'short', label: 'primary', kind: 'fastest' }, { id: 'long', label: 'alternate', kind: 'via', via: [place('far', 400, 400)] }] })] });
    const mv = runInProcess(g, plan).result.movements[0]!;
    const [short, long] = mv.options;
    expect(short!.dominatedBy).toBeNull();
    expect(long!.dominatedBy).toBe('short');
    expect(mv.recommended).toBe('short');
    expect(mv.verdict).toContain('long is off the time–exposure front (short is no slower, no more exposed).');
    expect(movementTable(mv)).toMatch(/ {2}long ◇ +alternate/);
    // The score weighs a minute of delay at the scenario's rate: 1,200 m at 10 m/s = 2 min = 120 exposure-s.
    expect(long!.score - short!.score).toBeCloseTo(((120 - 40) / 60) * plan.scoring.delayMinuteExposure, 6);
  });

  it('the exchange rate is the scenario parameter: the same options at another rate score differently', () => {
    const movements = [movement({ options: [{ id: 'short', label: 'primary', kind: 'fastest' as const }] })];
    const at60 = runInProcess(g, basePlan({ samples: 2, movements })).result.movements[0]!.options[0]!;
    const at6 = runInProcess(g, basePlan({ samples: 2, movements, scoring: { ...basePlan().scoring, delayMinuteExposure: 6 } })).result.movements[0]!.options[0]!;
    // 40 s of driving: 40 at 60 exposure-s per minute, 4 at 6.
    expect(at60.score - at60.exposure.total.mean).toBeCloseTo(40, 6);
    expect(at6.score - at6.exposure.total.mean).toBeCloseTo(4, 6);
  });
});
