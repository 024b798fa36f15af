import { describe, expect, it } from 'vitest';
import { CoordKind, GraphBuilder, roadClassCode } from '../../engine/graph/index.js';
import { InputError } from '../../engine/errors.js';
import { compileOverlay, Router, type RouteFound } from '../../engine/route/index.js';

/** A straight two-way street 0—1—2 (100 m each, 36 km/h = 10 s) and a one-way 2→3 (100 m). */
function street() {
  const b = new GraphBuilder(CoordKind.PLANAR);
  for (let i = 0; i < 4; i++) b.addNode(i * 100, 0);
  const cls = roadClassCode('residential')!;
  b.addSegment({ from: 0, to: 1, lengthM: 100, speedKmh: 36, roadClass: cls });
  b.addSegment({ from: 1, to: 2, lengthM: 100, speedKmh: 36, roadClass: cls });
  b.addSegment({ from: 2, to: 3, lengthM: 100, speedKmh: 36, roadClass: cls, oneway: true });
  return b.build({ source: {}, report: {}, builtAt: 'test' });
}

describe('endpoints', () => {
  const g = street();
  const router = new Router(g);
  const e01 = [...Array(g.edgeCount).keys()].find((e) => g.tail[e] === 0 && g.head[e] === 1)!;
  const e23 = [...Array(g.edgeCount).keys()].find((e) => g.tail[e] === 2 && g.head[e] === 3)!;

  it('node to itself: an empty route', () => {
    const r = router.fastest({ node: 1 }, { node: 1 }) as RouteFound;
    expect(r).toMatchObject({ found: true, edges: [], nodes: [1], timeS: 0, lengthM: 0, fromPosition: null });
  });

  it('along one road, both directions on a two-way street, in all algorithms', () => {
    for (const algorithm of ['astar', 'dijkstra', 'bidirectional', 'ch', 'cch'] as const) {
      const ahead = router.fastest({ edge: e01, fraction: 0.2 }, { edge: e01, fraction: 0.7 }, { algorithm }) as RouteFound;
      expect(ahead.edges).toEqual([e01]);
      expect(ahead.timeS).toBeCloseTo(5, 9);
      expect(ahead.lengthM).toBeCloseTo(50, 9);
      const back = router.fastest({ edge: e01, fraction: 0.7 }, { edge: e01, fraction: 0.2 }, { algorithm }) as RouteFound;
      expect(back.edges).toEqual([g.twin[e01]]);
      expect(back.timeS).toBeCloseTo(5, 9);
    }
  });

  it('backwards on a one-way road is no route, with a reason', () => {
    const r = router.fastest({ edge: e23, fraction: 0.8 }, { edge: e23, fraction: 0.1 });
    expect(r.found).toBe(false);
    if (!r.found) expect(r.reason).toMatch(/cannot be reached/);
    const fwd = router.fastest({ node: 0 }, { edge: e23, fraction: 0.5 }) as RouteFound;
    expect(fwd.timeS).toBeCloseTo(25, 9);
    expect(fwd.nodes).toEqual([0, 1, 2]);
    expect(fwd.toPosition).toEqual({ edge: e23, fraction: 0.5 });
  });

  it('bad endpoints are InputErrors naming the value', () => {
    expect(() => router.fastest({ node: 99 }, { node: 0 })).toThrow(InputError);
    expect(() => router.fastest({ node: 0 }, { edge: 0, fraction: 1.5 })).toThrow(/to: fraction 1.5/);
    expect(() => router.oneToAll([{ endpoint: { node: 0 }, offsetS: -1 }])).toThrow(/sources\[0\]\.offsetS/);
  });

  it('polygon penalties apply to the share of an edge inside', () => {
    const square = { type: 'Polygon' as const, coordinates: [[[-1, -10], [50, -10], [50, 10], [-1, 10], [-1, -10]]] };
    const ov = compileOverlay(g, { penalties: [{ area: square, factor: 3 }] });
    // Half of edge 0→1 lies inside: cost × (1 + 2 × 0.5) = × 2.
    expect(ov.costS[e01]! / g.timeS[e01]!).toBeCloseTo(2, 6);
    expect(ov.costS[e23]).toBe(g.timeS[e23]);
  });
});
