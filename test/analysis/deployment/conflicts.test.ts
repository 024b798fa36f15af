import { describe, expect, it } from 'vitest';
import { deploymentPlan } from '../../../engine/analysis/deployment/index.js';
import { GraphBuilder } from '../../../engine/graph/graph-builder.js';
import { EdgeFlag, roadClassCode } from '../../../engine/graph/road-class.js';
import type { DeploymentRules } from '../../../engine/model/deployment-rules.js';
import type { PlanMovement } from '../../../engine/model/run-plan.js';
import { PreparedRun } from '../../../engine/sim/prepared-run.js';
import { basePlan, gridGraph, latAt, lonAt, movement, place } from '../../support/tiny-world.js';

/**
 * Deconfliction on a 5×5 grid of 100 m streets at 10 m/s: m1 drives row y = 200 west to east (nodes
 * 10 → 14), m2 drives column x = 200 south to north (nodes 2 → 22); they cross at node 12, each 20 s
 * after departing. With a zero convoy length the sweep car passes with the lead car and rolling control
 * has no junction wait, so every time below is departure + 10 s per block.
 */
const RULES: DeploymentRules = { officers: { major: { base: 1, perArm: 2 }, minor: { base: 0, perArm: 1 } }, staticCloseBeforeS: 600, rollingCloseBeforeS: 120, separationS: 300, maxShiftS: 1800 };
const T0 = 10 * 3600;
const g = gridGraph(5, 5);

function day(control: 'static' | 'rolling', m2: Partial<PlanMovement>, convoyLengthM = 0) {
  const escort = { intersectionControl: control, convoySpeedKmh: 200, convoyLengthM };
  const movements = [
    movement({ id: 'm1', from: place('w', 0, 200), to: place('e', 400, 200), escort }),
    movement({ id: 'm2', from: place('s', 200, 0), to: place('n', 200, 400), escort, ...m2 }),
  ];
  return deploymentPlan(new PreparedRun(g, basePlan({ movements })), { rules: RULES, outriders: [4, 2] }).day;
}

describe('deconfliction between movements', () => {
  it('each option says what it would conflict with if driven: the straight column crosses m1, the detour by the east edge is clear', () => {
    const escort = { intersectionControl: 'rolling' as const, convoySpeedKmh: 200, convoyLengthM: 0 };
    const options = [
      { id: 'straight', label: 'primary', kind: 'fastest' as const },
      { id: 'east', label: 'alternate', kind: 'via' as const, via: [place('se', 400, 0), place('ne', 400, 400)] },
    ];
    const movements = [
      // m1: row y = 200 from x = 0 to 300 (nodes 10 → 13), at node 12 20 s after 10:00.
      movement({ id: 'm1', from: place('w', 0, 200), to: place('c', 300, 200), escort }),
      // m2: at node 12 20 s after 10:03:20 when straight; the east detour never comes within a block of m1.
      movement({ id: 'm2', from: place('s', 200, 0), to: place('n', 200, 400), departureS: T0 + 200, escort, options }),
    ];
    const plan = (chosen?: (number | undefined)[]) => deploymentPlan(new PreparedRun(g, basePlan({ movements })), { rules: RULES, outriders: [0, 0], ...(chosen ? { chosen } : {}) });
    const p = plan();
    expect(p.movements[1]!.chosen).toBe('straight');
    expect(p.movements[1]!.optionConflicts).toEqual([
      { option: 'straight', conflicts: 1, with: ['m1'] },
      { option: 'east', conflicts: 0, with: [] },
    ]);
    // m1 has one option; it conflicts with m2's driven option, as the day's list says.
    expect(p.movements[0]!.optionConflicts).toEqual([{ option: 'fast', conflicts: 1, with: ['m2'] }]);
    expect(p.day.conflicts).toHaveLength(1);
    // Driving the detour instead: the day is clear, and the straight column is shown as the option that would conflict.
    const q = plan([undefined, 1]);
    expect(q.movements[1]!.chosen).toBe('east');
    expect(q.day.conflicts).toEqual([]);
    expect(q.movements[0]!.optionConflicts).toEqual([{ option: 'fast', conflicts: 0, with: [] }]);
    expect(q.movements[1]!.optionConflicts.map((c) => c.conflicts)).toEqual([1, 0]);
  });

  it('rolling, 200 s apart at the crossing junction: within the 300 s separation; shifting m2 two minutes later clears it', () => {
    const d = day('rolling', { departureS: T0 + 200 });
    expect(d.shared.map((s) => [s.kind, s.nodes, s.gapS])).toEqual([['junction', [12], 200]]);
    expect(d.conflicts).toHaveLength(1);
    const c = d.conflicts[0]!;
    expect([c.movementA, c.movementB, c.reason]).toEqual(['m1', 'm2', 'within_separation']);
    expect(c.a).toEqual({ fromS: T0 + 20, toS: T0 + 20, closeS: T0 + 20 - 120, openS: T0 + 20 });
    expect(c.b).toEqual({ fromS: T0 + 220, toS: T0 + 220, closeS: T0 + 220 - 120, openS: T0 + 220 });
    // m2 later needs 20 + 300 − 220 = 100 s → 2 min; m1 earlier needs the same; ties move the second movement.
    expect(c.shift).toEqual({ movement: 'm2', shiftS: 120, withinWindow: false, creates: [] });
  });

  it('day-level view: each distinct place with every movement that drives it, by time; the crossing junction lists all three', () => {
    const escort = { intersectionControl: 'rolling' as const, convoySpeedKmh: 200, convoyLengthM: 0 };
    const movements = [
      movement({ id: 'm1', from: place('w', 0, 200), to: place('e', 400, 200), escort }),
      movement({ id: 'm2', from: place('s', 200, 0), to: place('n', 200, 400), departureS: T0 + 200, escort }),
      movement({ id: 'm3', from: place('w3', 0, 200), to: place('e3', 400, 200), departureS: T0 + 3600, escort }),
    ];
    const d = deploymentPlan(new PreparedRun(g, basePlan({ movements })), { rules: RULES, outriders: [0, 0, 0] }).day;
    // m1 and m3 share the whole row (nodes 10–14), at 10:00 and 11:00; m2 crosses it at node 12, 200 s after m1.
    expect(d.places.map((p) => [p.kind, p.nodes, p.uses.map((u) => [u.movement, u.fromS, u.toS, u.conflictsWith])])).toEqual([
      ['road', [10, 11, 12, 13, 14], [['m1', T0, T0 + 40, []], ['m3', T0 + 3600, T0 + 3640, []]]],
      ['junction', [12], [['m1', T0 + 20, T0 + 20, ['m2']], ['m2', T0 + 220, T0 + 220, ['m1']], ['m3', T0 + 3620, T0 + 3620, []]]],
    ]);
  });

  it('a shift is checked against the whole day: moving m2 later would crowd m3 on its column, so m1 moves earlier instead', () => {
    const escort = { intersectionControl: 'rolling' as const, convoySpeedKmh: 200, convoyLengthM: 0 };
    const three = (m1DepartS: number) => {
      const movements = [
        movement({ id: 'm1', from: place('w', 0, 200), to: place('e', 400, 200), departureS: m1DepartS, escort }),
        movement({ id: 'm2', from: place('s', 200, 0), to: place('n', 200, 400), departureS: T0 + 200, escort }),
        // m3 drives m2's column 320 s after m2 has left it: clear of m2, unless m2 leaves 2 min later.
        movement({ id: 'm3', from: place('s3', 200, 0), to: place('n3', 200, 400), departureS: T0 + 560, escort }),
      ];
      return deploymentPlan(new PreparedRun(g, basePlan({ movements })), { rules: RULES, outriders: [0, 0, 0] }).day;
    };
    const d = three(T0);
    expect(d.conflicts.map((c) => [c.movementA, c.movementB, c.nodes])).toEqual([['m1', 'm2', [12]]]);
    // ±1 min clears nothing; m2 +2 min clears the crossing but leaves 200 s to m3; m1 −2 min leaves 320 s to m2 at node 12.
    expect(d.conflicts[0]!.shift).toEqual({ movement: 'm1', shiftS: -120, withinWindow: false, creates: [] });
    expect(d.pairs[0]!.shift).toEqual({ movement: 'm1', shiftS: -120, withinWindow: false, creates: [] });
    expect(three(T0 - 120).conflicts).toEqual([]);
  });

  it('400 s apart: a shared junction, no conflict', () => {
    const d = day('rolling', { departureS: T0 + 400 });
    expect(d.shared.map((s) => [s.kind, s.gapS])).toEqual([['junction', 400]]);
    expect(d.conflicts).toEqual([]);
  });

  it('static closures of one junction overlapping: a conflict whatever the gap; the suggested shift lies in the departure window and removes it', () => {
    // m2 may leave between 09:51 and 10:11; the nominal run leaves mid-window, 10:01.
    const m2 = { departureS: T0 - 540, departureWindowS: 1200 };
    const d = day('static', m2);
    const c = d.conflicts.find((x) => x.nodes.includes(12))!;
    expect(c.reason).toBe('closures_overlap');
    expect(c.b.closeS).toBe(T0 + 60 - 600);
    // Later: m2 must close after m1 reopens (T0 + 20): 20 − (60 − 600) = 560 s → 10 min, the edge of its window.
    expect(c.shift).toEqual({ movement: 'm2', shiftS: 600, withinWindow: true, creates: [] });
    const shifted = day('static', { departureS: m2.departureS + c.shift!.shiftS, departureWindowS: m2.departureWindowS });
    expect(shifted.conflicts.filter((x) => x.nodes.includes(12))).toEqual([]);
  });

  it('the pair shift clears every place the two share: applied, the day has no conflict left', () => {
    const m2 = { departureS: T0 - 540, departureWindowS: 1200 };
    const d = day('static', m2);
    expect(d.pairs).toHaveLength(1);
    const p = d.pairs[0]!;
    expect([p.movementA, p.movementB, p.conflicts]).toEqual(['m1', 'm2', d.conflicts.length]);
    expect(p.shift).not.toBeNull();
    const moved = p.shift!.movement === 'm2' ? day('static', { departureS: m2.departureS + p.shift!.shiftS, departureWindowS: 1200 }) : null;
    expect(moved?.conflicts).toEqual([]);
  });

  it('day totals: officers summed over movements, the peak minute, outriders on the road at once', () => {
    const d = day('static', { departureS: T0 + 3600 });
    // Three T junctions or crossroads per movement: m1 passes 11, 12, 13 (4 arms: 2 blocked each), m2 7, 12, 17.
    expect(d.officersTotal).toBe(12);
    expect(d.officersPeak).toEqual({ count: 6, atS: T0 - 600 });
    expect(d.outridersTotal).toBe(6);
    expect(d.outridersPeak.count).toBe(4);
    expect(d.conflicts).toEqual([]);
  });

  it('one road driven by both, in opposite directions over a bridge: one crossing place', () => {
    const b = new GraphBuilder();
    for (let i = 0; i <= 4; i++) b.addNode(lonAt(i * 100), latAt(0));
    for (let i = 1; i <= 3; i++) b.addNode(lonAt(i * 100), latAt(100));
    const cls = roadClassCode('minor')!;
    for (let i = 0; i < 4; i++) b.addSegment({ from: i, to: i + 1, lengthM: 100, speedKmh: 36, roadClass: cls, ...(i === 2 ? { flags: EdgeFlag.BRIDGE } : {}) });
    for (let i = 1; i <= 3; i++) b.addSegment({ from: i, to: 4 + i, lengthM: 100, speedKmh: 36, roadClass: cls });
    const river = b.build({ source: { kind: 'test-bridge' }, report: {}, builtAt: 'test' });
    const escort = { intersectionControl: 'rolling' as const, convoySpeedKmh: 200, convoyLengthM: 0 };
    const movements = [movement({ id: 'east', from: place('w', 0, 0), to: place('e', 400, 0), escort }), movement({ id: 'west', from: place('e2', 400, 0), to: place('w2', 0, 0), departureS: T0 + 3600, escort })];
    const d = deploymentPlan(new PreparedRun(river, basePlan({ movements })), { rules: RULES, outriders: [0, 0] }).day;
    expect(d.shared.map((s) => [s.kind, s.lengthM, s.nodes])).toEqual([['crossing', 400, [1, 2, 3]]]);
    expect(d.shared[0]!.a.fromS).toBe(T0);
    expect(d.shared[0]!.b.toS).toBe(T0 + 3600 + 40);
    expect(d.conflicts).toEqual([]);
  });
});
