import { describe, expect, it } from 'vitest';
import type { PlanMovement } from '../../engine/model/run-plan.js';
import type { RouteResult } from '../../engine/route/types.js';
import { RoadReuse } from '../../engine/sim/predictability.js';
import { gridGraph, movement } from '../support/tiny-world.js';

const g = gridGraph(3, 3);
const e = Array.from({ length: g.edgeCount }, (_, i) => i).find((i) => g.twin[i]! >= 0)!;
const f = Array.from({ length: g.edgeCount }, (_, i) => i).find((i) => i !== e && i !== g.twin[e] && g.twin[i]! >= 0)!;
const route = (edges: number[]): RouteResult[] => [{ found: true, edges } as unknown as RouteResult];
const noRoute = [{ found: false } as unknown as RouteResult];
const at = (h: number): PlanMovement => movement({ id: `m${h}`, departureS: h * 3600 });

describe('RoadReuse: how many planned routes drove a road before a departure', () => {
  // 08:00 drives e, 09:00 its twin, another 09:00 e again, 10:00 e and f; a movement without a route counts for nothing.
  const movements = [at(8), at(9), at(9), at(10), at(7)];
  const reuse = RoadReuse.build(g, movements, [route([e]), route([g.twin[e]!]), route([e, e]), route([e, f]), noRoute]);

  it('counts strictly earlier departures on the same road (edge or twin), once per movement', () => {
    expect(reuse.factor(e, 8 * 3600)).toBe(0);
    expect(reuse.factor(e, 9 * 3600)).toBe(1 / 2); // only 08:00: the other 09:00 movement is not earlier
    expect(reuse.factor(g.twin[e]!, 9 * 3600)).toBe(1 / 2);
    expect(reuse.factor(e, 10 * 3600)).toBe(3 / 4);
    expect(reuse.factor(e, 11 * 3600)).toBe(4 / 5);
    expect(reuse.factor(f, 10 * 3600)).toBe(0); // the 10:00 movement itself
    expect(reuse.factor(f, 10 * 3600 + 1)).toBe(1 / 2);
  });

  it('an untouched road is never predictable', () => {
    const other = Array.from({ length: g.edgeCount }, (_, i) => i).find((i) => ![e, f, g.twin[e], g.twin[f]].includes(i))!;
    expect(reuse.factor(other, 24 * 3600)).toBe(0);
  });
});
