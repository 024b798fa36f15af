import { describe, expect, it } from 'vitest';
import { alongRouteStats } from '../../engine/metrics/along-route-stats.js';
import { prepareRunFromPlan, runSampleChunk } from '../../engine/sim/sample-chunk.js';
import { runInProcess } from '../../engine/run/run-in-process.js';
import { RESPONDER_TYPES } from '../../engine/model/run-result.js';
import { basePlan, lineGraph, place } from '../support/tiny-world.js';

const POLICE = RESPONDER_TYPES.indexOf('police');
const g = lineGraph(4); // nodes at x = 0,100,200,300,400; 10 m/s; route 0 → 400

const police = (over: object = {}) => ({ ...place('p', 0, 0), id: 'p', type: 'police' as const, turnoutS: 60, fromS: 0, toS: 86400, count: 1, ...over });

function sample(over: Parameters<typeof basePlan>[0]) {
  const ctx = prepareRunFromPlan(g, basePlan(over), { samples: 1 });
  return runSampleChunk(ctx, { movementIndex: 0, optionIndex: 0, sampleStart: 0, sampleEnd: 1 })[0]!;
}

describe('along-route statistics', () => {
  it('length-weighted quantiles, max and share within target', () => {
    const v = Float64Array.from([70, 80, 90, 100]);
    const len = Float64Array.from([100, 100, 100, 100]);
    const st = alongRouteStats(v, len, 4, 85, new Uint32Array(4));
    expect(st).toEqual({ p50S: 80, p95S: 100, maxS: 100, withinShare: 0.5 });
    // Weights matter: a long edge dominates the median.
    const st2 = alongRouteStats(Float64Array.from([10, 500]), Float64Array.from([10, 990]), 2, 100, new Uint32Array(2));
    expect(st2.p50S).toBe(500);
    expect(st2.withinShare).toBeCloseTo(0.01, 12);
  });
});

describe('response time along the route', () => {
  it('turnout + travel from the unit, worst end of each edge (hand-checked)', () => {
    // Police at x=0, turnout 60 s: edges get 60 + 10, 20, 30, 40 s → 70, 80, 90, 100.
    const s = sample({ responders: [police()] });
    expect(s.response[POLICE]).toEqual({ p50S: 80, p95S: 100, maxS: 100, withinShare: 1 }); // target 240 s
    const s2 = sample({ responders: [police()], scoring: { ...basePlan().scoring, responseTargetS: { police: 85, qrf: 480, ambulance: 480, eod: 900 } } });
    expect(s2.response[POLICE]!.withinShare).toBe(0.5);
  });

  it('the nearest of several units (multi-source) answers', () => {
    const s = sample({ responders: [police(), police({ ...place('p2', 400, 0), id: 'p2', turnoutS: 0 })] });
    // From x=400 with no turnout: 40, 30, 20, 10 → vs 70..100 from the first: min per node, max per edge = 40,30,20,10.
    expect(s.response[POLICE]).toMatchObject({ p50S: 20, p95S: 40, maxS: 40 });
  });

  it('a unit out of its availability window, or taken out by an inject, no longer covers', () => {
    expect(sample({ responders: [police({ fromS: 12 * 3600 })] }).response[POLICE]!.maxS).toBe(Infinity);
    const out = sample({ responders: [police()], injects: [{ id: 'out', atS: 0, durationS: null, note: '', action: { type: 'responder_out', responderId: 'p', count: 1 } }] });
    expect(out.response[POLICE]!.p50S).toBe(Infinity);
    expect(out.response[POLICE]!.withinShare).toBe(0);
  });

  it('evacuation: reverse travel from each route point to the nearest hospital', () => {
    const s = sample({ hospitals: [place('h', 400, 0, 'hospital')] });
    // Node times to x=400: 40,30,20,10,0; each edge takes its tail: 40,30,20,10.
    expect(s.evacuation[0]).toMatchObject({ p50S: 20, p95S: 40, maxS: 40, withinShare: 1 });
    expect(s.evacuation[1]!.maxS).toBe(Infinity); // no safe haven declared
  });

  it('the RunResult reports response ≥ turnout and shares within 0..1; unreachable is null', () => {
    const { result } = runInProcess(g, basePlan({ responders: [police({ turnoutS: 120 })], hospitals: [place('h', 400, 0)] }));
    const o = result.movements[0]!.options[0]!;
    const p = o.response.find((r) => r.type === 'police')!;
    expect(p.units).toBe(1);
    expect(p.p50S!).toBeGreaterThanOrEqual(120);
    expect(p.withinTargetShare).toBeGreaterThanOrEqual(0);
    expect(p.withinTargetShare).toBeLessThanOrEqual(1);
    expect(o.response.find((r) => r.type === 'eod')!.p50S).toBeNull();
    expect(o.evacuation[0]!.destinations).toEqual(['h']);
  });
});

describe('reuse of coverage searches', () => {
  it('tables are computed once per (type, band, units available) and reused by every later sample', () => {
    const plan = basePlan({ responders: [police()], hospitals: [place('h', 400, 0)], traffic: { bands: [], variationSigma: 0.3 } });
    const ctx = prepareRunFromPlan(g, plan, { samples: 60 });
    runSampleChunk(ctx, { movementIndex: 0, optionIndex: 0, sampleStart: 0, sampleEnd: 1 });
    const after1 = ctx.coverage.searches;
    expect(after1).toBe(2); // police (forward) + hospital (reverse); no units/destinations for the rest
    runSampleChunk(ctx, { movementIndex: 0, optionIndex: 0, sampleStart: 1, sampleEnd: 60 });
    expect(ctx.coverage.searches).toBe(after1);
  });
});
