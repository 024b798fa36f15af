import { describe, expect, it } from 'vitest';
import { EXPOSURE_COMPONENTS } from '../../engine/model/run-result.js';
import { prepareRunFromPlan, runSampleChunk } from '../../engine/sim/sample-chunk.js';
import type { PlanInject, PlanThreat } from '../../engine/model/run-plan.js';
import { basePlan, lineGraph, lonAt, latAt, movement, place } from '../support/tiny-world.js';

const THREAT = EXPOSURE_COMPONENTS.indexOf('threat');
const T0 = 10 * 3600;
/** Line of 4 × 100 m at 10 m/s: the convoy passes x = 0, 100, 200, 300, 400 at T0 + 0, 10, 20, 30, 40 s. */
const g = lineGraph(4);
const everywhere: PlanThreat = { id: 'z', kind: 'protest', intensity: 1, area: { type: 'circle', lon: lonAt(200), lat: latAt(0), radiusM: 2000 }, fromS: 0, toS: 86400 };

function one(over: Parameters<typeof basePlan>[0], mi = 0) {
  const ctx = prepareRunFromPlan(g, basePlan(over), { samples: 1 });
  return { s: runSampleChunk(ctx, { movementIndex: mi, optionIndex: 0, sampleStart: 0, sampleEnd: 1 })[0]!, ctx };
}

describe('injects', () => {
  it('add_threat at T0+20 s counts only the edges driven after it (edge mid-times 25 s and 35 s)', () => {
    const inj: PlanInject = { id: 'add', atS: T0 + 20, durationS: null, note: '', action: { type: 'add_threat', threat: everywhere } };
    expect(one({ injects: [inj] }).s.exposure[THREAT]).toBeCloseTo(20, 6);
  });

  it('move_threat at T0+20 s: the zone stops counting where it was (moved 10 km away)', () => {
    const inj: PlanInject = { id: 'mv', atS: T0 + 20, durationS: null, note: '', action: { type: 'move_threat', threatId: 'z', lon: lonAt(10_000), lat: latAt(10_000) } };
    expect(one({ threats: [everywhere], injects: [inj] }).s.exposure[THREAT]).toBeCloseTo(20, 6);
  });

  it('a trigger fires when the movement reaches the place: breakdown at x=200 adds its duration', () => {
    const inj: PlanInject = { id: 'bd', trigger: { movementId: 'm1', place: place('p', 200, 0), radiusM: 10 }, durationS: null, note: '', action: { type: 'breakdown', movementId: 'm1', durationS: 60 } };
    const { s, ctx } = one({ injects: [inj] });
    expect(s.timeS).toBeCloseTo(100, 9);
    const ev = ctx.recordSample(0, 0, 0)!.record.events;
    const bd = ev.find((e) => e.kind === 'breakdown')!;
    expect(bd.timeS).toBeCloseTo(T0 + 20, 6);
  });

  it('for other movements a trigger fires at the trigger movement’s nominal time', () => {
    // m1 reaches x=200 at T0+20 s; m2 (same road, departing at T0) meets the added threat from then on.
    const inj: PlanInject = { id: 'add', trigger: { movementId: 'm1', place: place('p', 200, 0), radiusM: 10 }, durationS: null, note: '', action: { type: 'add_threat', threat: everywhere } };
    const { s, ctx } = one({ movements: [movement(), movement({ id: 'm2' })], injects: [inj] }, 1);
    expect(ctx.injects[0]!.nominalTimeS).toBeCloseTo(T0 + 20, 9);
    expect(s.exposure[THREAT]).toBeCloseTo(20, 6);
  });
});

describe('random incidents', () => {
  it('at a high rate they delay most samples, counted as stopped time; at rate 0 never', () => {
    const STOPPED = EXPOSURE_COMPONENTS.indexOf('stopped');
    const run = (rate: number) => {
      const ctx = prepareRunFromPlan(g, basePlan({ traffic: { bands: [], variationSigma: 0, incidentsPerHour: rate } }), { samples: 40 });
      return runSampleChunk(ctx, { movementIndex: 0, optionIndex: 0, sampleStart: 0, sampleEnd: 40 });
    };
    expect(run(0).every((s) => s.timeS === 40)).toBe(true);
    // Network = 400 m; 40 s on it. 1e5 incidents/h → expected 1e5/3600 × 40 ≈ 1,100 per drive: every sample meets one per edge.
    const busy = run(1e5);
    expect(busy.every((s) => s.timeS > 40)).toBe(true);
    for (const s of busy) expect(s.exposure[STOPPED]).toBeCloseTo(s.timeS - 40, 6); // static escort: 20 % of each delay, all of it stopped
  });
});
