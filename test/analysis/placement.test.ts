import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CandidateSite } from '../../engine/analysis/placement/candidate-site.js';
import { placementDemand } from '../../engine/analysis/placement/demand.js';
import { better, PlacementEvaluator } from '../../engine/analysis/placement/evaluator.js';
import { placeType } from '../../engine/analysis/placement/place-type.js';
import { placeResponders } from '../../engine/analysis/placement/placement.js';
import { placementUnits } from '../../engine/analysis/placement/placement-units.js';
import { exhaustive, greedy, localSearch, randomPlacements } from '../../engine/analysis/placement/search.js';
import { SiteTimes } from '../../engine/analysis/placement/site-times.js';
import type { PlanResponder, RunPlan } from '../../engine/model/run-plan.js';
import { PreparedRun } from '../../engine/sim/prepared-run.js';
import { basePlan, gridGraph, lineGraph, lonAt, latAt, movement, place } from '../support/tiny-world.js';

const site = (id: string, xM: number, yM = 0): CandidateSite => ({ id, label: id, kind: 'listed', lon: lonAt(xM), lat: latAt(yM) });
const police = (id: string, xM: number, yM = 0, over: Partial<PlanResponder> = {}): PlanResponder => ({ id, type: 'police', lon: lonAt(xM), lat: latAt(yM), turnoutS: 0, fromS: 0, toS: 86400, count: 1, ...over });

/**
 * A straight 2 km road (20 edges of 100 m at 36 km/h: 10 s an edge, both ways), one movement end to end,
 * police target 60 s: a unit reaches 600 m of road either side of its post in time.
 */
function lineWorld(responders: PlanResponder[], threats: RunPlan['threats'] = [], injects: RunPlan['injects'] = []) {
  const graph = lineGraph(20);
  const plan = basePlan({
    movements: [movement({ to: place('b', 2000, 0) })],
    responders,
    threats,
    injects,
    scoring: { ...basePlan().scoring, responseTargetS: { police: 60, qrf: 60, ambulance: 60, eod: 60 } },
  });
  const ctx = new PreparedRun(graph, plan);
  const demand = placementDemand(ctx);
  const sites = [0, 500, 1000, 1500, 2000].map((x) => site(`x${x}`, x));
  return { ctx, demand, sites };
}

describe('responder placement on a straight road (hand-checked)', () => {
  it('one unit: the middle covers 1,200 m of 2,000 (60 %), the best single post', () => {
    const { ctx, demand, sites } = lineWorld([police('p1', 0)]);
    const units = placementUnits(ctx, 'police');
    const ev = new PlacementEvaluator(new SiteTimes(ctx, demand, sites, units), demand, 60, 'within');
    expect(ev.score(Int32Array.of(2)).withinShare).toBeCloseTo(0.6, 9);
    expect(ev.score(Int32Array.of(1)).withinShare).toBeCloseTo(0.55, 9);
    expect(ev.score(Int32Array.of(0)).withinShare).toBeCloseTo(0.3, 9);
    const g = greedy(ev, 1, [0, 1, 2, 3, 4]);
    expect([...g.assignment]).toEqual([2]);
  });

  it('two units: greedy alone stops at 80 %; the swap search reaches 500 m + 1,500 m (100 %), the exhaustive optimum', () => {
    const { ctx, demand, sites } = lineWorld([police('p1', 0), police('p2', 0)]);
    const units = placementUnits(ctx, 'police');
    const ev = new PlacementEvaluator(new SiteTimes(ctx, demand, sites, units), demand, 60, 'within');
    const all = [0, 1, 2, 3, 4];
    const g = greedy(ev, 2, all);
    expect(g.score.withinShare).toBeCloseTo(0.8, 9);
    const ls = localSearch(ev, g.assignment, all);
    expect(ls.score.withinShare).toBeCloseTo(1, 9);
    expect([...ls.assignment].sort()).toEqual([1, 3]);
    const ex = exhaustive(ev, 2, all);
    expect(ex.evaluations).toBe(25);
    expect(ex.score.withinShare).toBeCloseTo(1, 9);
  });

  it('placeType moves the scenario\'s units and reports before/after as the ordinary scoring computes them', () => {
    const { ctx, demand, sites } = lineWorld([police('p1', 0), police('p2', 0)]);
    const r = placeType(ctx, demand, sites, 'police', placementUnits(ctx, 'police'), { objective: 'within' });
    expect(r.before.withinShare).toBeCloseTo(0.3, 9);
    expect(r.after.withinShare).toBeCloseTo(1, 9);
    expect(r.units.map((u) => sites[u.to]!.id).sort()).toEqual(['x1500', 'x500']);
    expect(r.routes[0]!.before.withinShare).toBeCloseTo(ctx.nominal(0, 0)!.summary.response[0]!.withinShare, 12);
  });

  it('p95 objective: one unit in the middle has the smallest worst p95 (1,000 m away at most: 100 s)', () => {
    const { ctx, demand, sites } = lineWorld([police('p1', 0)]);
    const r = placeType(ctx, demand, sites, 'police', placementUnits(ctx, 'police'), { objective: 'p95' });
    expect(sites[r.units[0]!.to]!.id).toBe('x1000');
    // 95 % of 2 km within 900 m of the middle edge ends: the worst edge in that 95 % ends 900–1,000 m away.
    expect(r.after.worstP95S).toBeCloseTo(100, 6);
  });

  it('a unit off duty when the road is driven does not count, and a new unit gets the default turnout', () => {
    const { ctx, demand, sites } = lineWorld([police('p1', 1000, 0, { fromS: 0, toS: 3600 })]);
    const units = placementUnits(ctx, 'police', 2);
    expect(units.map((u) => [u.id, u.turnoutS])).toEqual([['p1', 0], ['police_placed_1', 60]]);
    const ev = new PlacementEvaluator(new SiteTimes(ctx, demand, sites, units), demand, 60, 'within');
    expect(ev.score(Int32Array.of(2, -1)).withinShare).toBe(0);
    // A 60 s turnout leaves no time to drive: only the post's own edges' ends are reached in time… none fully.
    expect(ev.score(Int32Array.of(-1, 2)).withinShare).toBe(0);
  });
});

describe('responder_out injects in the placement', () => {
  it('a unit out of service while the convoy drives the middle of the road does not cover it then, as the run scores it', () => {
    // The convoy enters edge k (k·100 m) at 10:00 + 10k s; p1 is out from 10:01:00 for 60 s: edges 6–11.
    const out = { id: 'x1', atS: 10 * 3600 + 60, durationS: 60, action: { type: 'responder_out' as const, responderId: 'p1', count: 1 }, note: '' };
    const { ctx, demand, sites } = lineWorld([police('p1', 1000)], [], [out]);
    const ev = new PlacementEvaluator(new SiteTimes(ctx, demand, sites, placementUnits(ctx, 'police')), demand, 60, 'within');
    // From x = 1000 it reaches 400–1600 m in time (60 %), but 600–1200 m is driven while it is out: 400–600 and 1200–1600 remain, 30 %.
    expect(ev.score(Int32Array.of(2)).withinShare).toBeCloseTo(0.3, 9);
    expect(ctx.nominal(0, 0)!.summary.response[0]!.withinShare).toBeCloseTo(0.3, 9);
    // From x = 1500 (1000–2000 m in time) only 1000–1200 m falls in the outage: 800 m, 40 %, now the best post.
    expect(ev.score(Int32Array.of(3)).withinShare).toBeCloseTo(0.4, 9);
    expect([...greedy(ev, 1, [0, 1, 2, 3, 4]).assignment]).toEqual([3]);
  });

  it('an outage of fewer units than the entry has leaves it covering', () => {
    const out = { id: 'x1', atS: 10 * 3600, durationS: null, action: { type: 'responder_out' as const, responderId: 'p1', count: 1 }, note: '' };
    const { ctx, demand, sites } = lineWorld([police('p1', 1000, 0, { count: 2 })], [], [out]);
    const ev = new PlacementEvaluator(new SiteTimes(ctx, demand, sites, placementUnits(ctx, 'police')), demand, 60, 'within');
    expect(ev.score(Int32Array.of(2)).withinShare).toBeCloseTo(0.6, 9);
  });
});

describe('team roles', () => {
  const eod = (x: number): PlanResponder => ({ ...police('e1', x), type: 'eod' });
  it('EOD covers the road near a suspected device (within 300 m of its zone), not the whole route', () => {
    const device = { id: 'dev', kind: 'suspected_device', intensity: 0.5, area: { type: 'circle' as const, lon: lonAt(1900), lat: latAt(0), radiusM: 50 }, fromS: 0, toS: 86400 };
    const { ctx, demand, sites } = lineWorld([eod(0)], [device]);
    const r = placeResponders(ctx, demand, sites, { objective: 'within' }).types[0]!;
    expect(r.focus).toContain('suspected devices (dev)');
    // 1,500–2,000 m is the device's road; a post at 1,500 or 2,000 m reaches all of it within 60 s.
    expect(['x1500', 'x2000']).toContain(sites[r.units[0]!.to]!.id);
    expect(r.after.withinShare).toBe(1);
    expect(r.reasons[0]!.text).toMatch(/^e1 at x(1500|2000) \(listed\): .*of the road near suspected devices within 60 s/);
  });

  it('without suspected devices EOD covers the whole route, like any responder', () => {
    const { ctx, demand, sites } = lineWorld([eod(0)]);
    const r = placeResponders(ctx, demand, sites, { objective: 'within' }).types[0]!;
    expect(r.focus).toBe('the whole routes (no suspected_device threat on them)');
    expect(sites[r.units[0]!.to]!.id).toBe('x1000');
  });

  it('a quick-reaction force waits only at staging areas and listed sites (or where it is)', () => {
    const { ctx, demand } = lineWorld([{ ...police('q1', 0), type: 'qrf' }]);
    const sites = [site('x0', 0), { ...site('x1000', 1000), kind: 'hospital' }, { ...site('x1500', 1500), kind: 'staging_area' }];
    const r = placeResponders(ctx, demand, sites, { objective: 'within' }).types[0]!;
    expect(r.sites).toEqual([0, 2]);
    expect(sites[r.units[0]!.to]!.id).toBe('x1500');
  });
});

/** A random small world: a 4 × 4 grid (100 m, 36 km/h), one movement, 1–3 police units, 2–6 candidate sites. */
const world = fc.record({
  from: fc.integer({ min: 0, max: 15 }),
  to: fc.integer({ min: 0, max: 15 }),
  units: fc.array(fc.record({ node: fc.integer({ min: 0, max: 15 }), turnoutS: fc.integer({ min: 0, max: 60 }), offDuty: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  sites: fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { minLength: 2, maxLength: 6 }),
  targetS: fc.integer({ min: 10, max: 120 }),
  objective: fc.constantFrom('within' as const, 'p95' as const),
}).filter((w) => w.from !== w.to);

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

function gridWorld(w: World) {
  const xy = (n: number) => [(n % 4) * 100, Math.floor(n / 4) * 100] as const;
  const graph = gridGraph(4, 4);
  const plan = basePlan({
    movements: [movement({ from: place('a', ...xy(w.from)), to: place('b', ...xy(w.to)) })],
    // Off duty: the window ends before the 10:00 departure.
    responders: w.units.map((u, i) => police(`p${i}`, ...xy(u.node), { turnoutS: u.turnoutS, ...(u.offDuty ? { toS: 9 * 3600 } : {}) })),
    scoring: { ...basePlan().scoring, responseTargetS: { police: w.targetS, qrf: 60, ambulance: 60, eod: 60 } },
  });
  const ctx = new PreparedRun(graph, plan);
  const demand = placementDemand(ctx);
  const nodes = [...new Set([...w.units.map((u) => u.node), ...w.sites])];
  const sites = nodes.map((n) => site(`n${n}`, ...xy(n)));
  return { ctx, demand, sites };
}

describe('responder placement against exhaustive search (fast-check, small grids)', () => {
  it('greedy + swap is never better than the exhaustive optimum, never worse than the placement as written, and exact for one unit', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { ctx, demand, sites } = gridWorld(w);
        const units = placementUnits(ctx, 'police');
        const r = placeType(ctx, demand, sites, 'police', units, { objective: w.objective, exhaustive: true });
        const ex = r.exhaustive!.score;
        expect(better(r.after, ex)).toBe(false);
        expect(better(r.before, r.after)).toBe(false);
        if (units.length === 1) expect(better(ex, r.after)).toBe(false);
        const all = r.sites;
        for (const s of randomPlacements(r.evaluator, units.length, all, 20, 'prop')) expect(better(s, ex)).toBe(false);
      }),
      { numRuns: 40, seed: 15 },
    );
  });

  it('the placement as written scores what the ordinary simulation reports for its nominal run', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { ctx, demand, sites } = gridWorld(w);
        const r = placeType(ctx, demand, sites, 'police', placementUnits(ctx, 'police'), { objective: w.objective });
        const nominal = ctx.nominal(0, 0)!.summary.response[0]!;
        expect(r.routes[0]!.before.withinShare).toBeCloseTo(nominal.withinShare, 12);
        expect(r.routes[0]!.before.p95S).toBe(nominal.p95S);
        expect(r.routes[0]!.before.maxS).toBe(nominal.maxS);
      }),
      { numRuns: 40, seed: 16 },
    );
  });
});
