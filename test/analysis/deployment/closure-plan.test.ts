import { describe, expect, it } from 'vitest';
import { deploymentPlan } from '../../../engine/analysis/deployment/index.js';
import type { DeploymentRules } from '../../../engine/model/deployment-rules.js';
import type { PlanEscort } from '../../../engine/model/run-plan.js';
import { PreparedRun } from '../../../engine/sim/prepared-run.js';
import { basePlan, gridGraph, movement, place } from '../../support/tiny-world.js';

/**
 * Closure windows and officers on a 5×5 grid of 100 m streets at 36 km/h (10 m/s): the convoy's speed
 * cap is above it and nothing slows it, so the lead car reaches a junction every 10 s and the sweep car,
 * 50 m behind, clears it 5 s later. Movement m1 drives row y = 0 from node 0 to node 4 past the T
 * junctions 1, 2, 3 (arms: left, right, up; one blocked arm each).
 */
const RULES: DeploymentRules = { officers: { major: { base: 1, perArm: 2 }, minor: { base: 0, perArm: 1 } }, staticCloseBeforeS: 600, rollingCloseBeforeS: 120, separationS: 300, maxShiftS: 1800 };
const T0 = 10 * 3600;
const escort = (intersectionControl: PlanEscort['intersectionControl']): PlanEscort => ({ intersectionControl, convoySpeedKmh: 200, convoyLengthM: 50 });

function planOf(control: PlanEscort['intersectionControl'], roadClass = 'minor', rules = RULES) {
  const g = gridGraph(5, 5, 100, 36, roadClass);
  const ctx = new PreparedRun(g, basePlan({ movements: [movement({ escort: escort(control) })] }));
  return deploymentPlan(ctx, { rules, outriders: [4] });
}

describe('closure plan of one movement option', () => {
  it('static control: every junction closes close_before.static before departure and opens when the sweep car has passed', () => {
    const o = planOf('static').movements[0]!.options[0]!;
    expect(o.status).toBe('planned');
    expect(o.departS).toBe(T0);
    expect(o.arriveS).toBe(T0 + 40);
    expect(o.posts.map((p) => [p.node, p.arms, p.blockedArms, p.kind, p.officers, p.leadS - T0, p.sweepS - T0, p.closeS - T0, p.openS - T0])).toEqual([
      [1, 3, 1, 'minor', 1, 10, 15, -600, 15],
      [2, 3, 1, 'minor', 1, 20, 25, -600, 25],
      [3, 3, 1, 'minor', 1, 30, 35, -600, 35],
    ]);
    // Road-minutes: one blocked arm each, closed 615 s, 625 s and 635 s.
    expect(o.disruption).toEqual({ roadMinutes: Math.round(((615 + 625 + 635) / 60) * 100) / 100, junctions: 3, majorJunctions: 0 });
    expect(o.officersTotal).toBe(3);
    expect(o.outriders).toBe(4);
    // 09:50 … 10:00:35: all three posted in each of the 11 minutes.
    expect(o.timeline).toEqual({ startS: T0 - 600, stepS: 60, officers: new Array(11).fill(3) });
    expect(o.officersPeak).toEqual({ count: 3, atS: T0 - 600 });
  });

  it('rolling control: a junction closes close_before.rolling before the lead car reaches it', () => {
    const o = planOf('rolling').movements[0]!.options[0]!;
    // Rolling control still pays half the convoy's clearance at each junction (50 m / 10 m/s / 2 = 2.5 s,
    // the simulation's model): lead cars at 10, 22.5, 35 s; the sweep car 5 s of driving after each.
    expect(o.posts.map((p) => [p.leadS - T0, p.closeS - T0, p.openS - T0])).toEqual([
      [10, 10 - 120, 12.5 + 5],
      [22.5, 22.5 - 120, 25 + 5],
      [35, 35 - 120, 37.5 + 5],
    ]);
    // 09:58:10 … 10:00:42.5: each of the minutes 09:58, 09:59, 10:00 has all three posted.
    expect(o.timeline).toEqual({ startS: T0 - 120, stepS: 60, officers: [3, 3, 3] });
  });

  it('no intersection control: nothing held, and it says so', () => {
    const o = planOf('none').movements[0]!.options[0]!;
    expect(o.status).toBe('not_held');
    expect(o.posts).toEqual([]);
    expect(o.officersTotal).toBe(0);
    expect(o.officersPeak).toEqual({ count: 0, atS: null });
  });

  it('officers per junction kind: on major roads base + per_arm × blocked arms, and the scenario rule overrides the default', () => {
    const o = planOf('static', 'primary').movements[0]!.options[0]!;
    expect(o.posts.map((p) => [p.kind, p.blockedArms, p.officers])).toEqual([
      ['major', 1, 1 + 2],
      ['major', 1, 1 + 2],
      ['major', 1, 1 + 2],
    ]);
    expect(o.disruption.majorJunctions).toBe(3);
    const custom = planOf('static', 'primary', { ...RULES, officers: { major: { base: 4, perArm: 0 }, minor: { base: 0, perArm: 1 } } }).movements[0]!.options[0]!;
    expect(custom.posts.map((p) => p.officers)).toEqual([4, 4, 4]);
  });

  it('a crossroads has two blocked arms', () => {
    // Row y = 1 from (0,100) to (400,100): junctions 6, 7, 8 have four arms each.
    const g = gridGraph(5, 5);
    const ctx = new PreparedRun(g, basePlan({ movements: [movement({ from: place('a', 0, 100), to: place('b', 400, 100), escort: escort('static') })] }));
    const o = deploymentPlan(ctx, { rules: RULES, outriders: [0] }).movements[0]!.options[0]!;
    expect(o.posts.map((p) => [p.node, p.arms, p.blockedArms, p.officers])).toEqual([
      [6, 4, 2, 2],
      [7, 4, 2, 2],
      [8, 4, 2, 2],
    ]);
  });

  it('an option without a route has no posts and says why', () => {
    const g = gridGraph(5, 5);
    const ctx = new PreparedRun(g, basePlan({ movements: [movement({ escort: escort('static'), options: [{ id: 'far', label: 'primary', kind: 'via', via: [place('nowhere', 50_000, 50_000)] }] })] }));
    const o = deploymentPlan(ctx, { rules: RULES, outriders: [2] }).movements[0]!.options[0]!;
    expect(o.status).toBe('no_route');
    expect(o.posts).toEqual([]);
    expect(o.departS).toBeNull();
  });
});
