import { describe, expect, it } from 'vitest';
import { prepareRunFromPlan, runSampleChunk } from '../../engine/sim/sample-chunk.js';
import type { PlanInject } from '../../engine/model/run-plan.js';
import { basePlan, gridGraph, movement, place } from '../support/tiny-world.js';

/** 5×5 grid of 100 m at 10 m/s; a (0,0) → b (400,0) along the bottom row: 40 s. */
const g = gridGraph(5, 5);
/** Close the bottom-row road between x=200 and x=300 (both directions), around its midpoint. */
const closeBottom = (atS: number, durationS: number | null = null): PlanInject => ({
  id: 'close',
  atS,
  durationS,
  note: 'bottom road blocked',
  action: { type: 'close_road', ...place('x', 250, 0), radiusM: 10, label: 'bottom road x=250' },
});

describe('reroute on closure', () => {
  it('a closure ahead makes the convoy reroute from its current junction (fresh search)', () => {
    const ctx = prepareRunFromPlan(g, basePlan({ injects: [closeBottom(10 * 3600 + 5)] }), { samples: 1 });
    const [s] = runSampleChunk(ctx, { movementIndex: 0, optionIndex: 0, sampleStart: 0, sampleEnd: 1 });
    expect(s!.rerouted).toBe(true);
    expect(s!.arrived).toBe(true);
    // The closure fires at 5 s (inside the first edge); the convoy learns it at the junction x=100 and
    // detours one block north: 100 up + 200 across + 100 down + 100 east = 500 m; 10 s + 50 s = 60 s.
    expect(s!.timeS).toBeCloseTo(60, 6);
    const rec = ctx.recordSample(0, 0, 0)!;
    const kinds = rec.record.events.map((e) => e.kind);
    expect(kinds).toContain('closure');
    expect(kinds).toContain('reroute');
    expect(rec.record.events.find((e) => e.kind === 'reroute')!.message).toMatch(/fresh search/);
    // The trajectory never uses a closed edge.
    const mask = ctx.injects[0]!.closedMask!;
    expect(rec.record.trajectory.every((t) => !mask[t.edge])).toBe(true);
  });

  it('switches to the next planned option that avoids the closure when it passes here', () => {
    const plan = basePlan({
      movements: [movement({ options: [{ id: 'bottom', label: 'primary', kind: 'fastest' }, { id: 'north', label: 'alternate', kind: 'via', via: [place('v', 200, 100)] }] })],
      injects: [closeBottom(10 * 3600 - 60)],
    });
    const ctx = prepareRunFromPlan(g, plan, { samples: 1 });
    const rec = ctx.recordSample(0, 0, 0)!;
    expect(rec.summary.rerouted).toBe(true);
    const ev = rec.record.events.find((e) => e.kind === 'reroute')!;
    expect(ev.message).toMatch(/switches to option north/);
  });

  it('no way around: waits for a timed closure to lift, or stops when it never lifts', () => {
    // On a 1-row "grid" there is no detour.
    const line = gridGraph(5, 1);
    const timed = prepareRunFromPlan(line, basePlan({ injects: [closeBottom(10 * 3600, 120)] }), { samples: 1 });
    const [s] = runSampleChunk(timed, { movementIndex: 0, optionIndex: 0, sampleStart: 0, sampleEnd: 1 });
    expect(s!.arrived).toBe(true);
    expect(s!.timeS).toBeCloseTo(120 + 40, 6); // holds at the start until the closure lifts (120 s), then drives 40 s
    const forever = prepareRunFromPlan(line, basePlan({ injects: [closeBottom(10 * 3600)] }), { samples: 1 });
    const [f] = runSampleChunk(forever, { movementIndex: 0, optionIndex: 0, sampleStart: 0, sampleEnd: 1 });
    expect(f!.arrived).toBe(false);
    const rec = forever.recordSample(0, 0, 0)!;
    expect(rec.record.events.some((e) => e.kind === 'no_route')).toBe(true);
  });
});
