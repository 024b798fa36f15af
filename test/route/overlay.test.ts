import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { compileOverlay, Router, type RouteFound } from '../../engine/route/index.js';
import { randomGraph } from './random-graph.js';

describe('overlays', () => {
  const graph = randomGraph({ cols: 20, rows: 20, seed: 'ov-1' });
  const router = new Router(graph);
  const from = { node: 0 };
  const to = { node: graph.nodeCount - 1 };

  it('closing the edges of the fastest route forces another route; the graph is untouched', () => {
    const before = graph.timeS.slice();
    const f = router.fastest(from, to) as RouteFound;
    const overlay = compileOverlay(graph, { closedEdges: f.edges });
    const r = router.fastest(from, to, { overlay });
    expect(r.found).toBe(true);
    if (r.found) for (const e of r.edges) expect(f.edges.includes(e)).toBe(false);
    expect(graph.timeS).toEqual(before);
    // The unchanged query still gives the first route: overlays coexist.
    expect((router.fastest(from, to) as RouteFound).edges).toEqual(f.edges);
  });

  it('an avoided polygon closes every road touching it', () => {
    const mid = graph.nodeCount / 2 + 10;
    const [x, y] = [graph.lon(mid), graph.lat(mid)];
    const d = 0.003;
    const poly = { type: 'Polygon' as const, coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] };
    const overlay = compileOverlay(graph, { avoidPolygons: [poly] });
    expect(overlay.closedCount).toBeGreaterThan(0);
    const r = router.fastest(from, to, { overlay });
    if (r.found) {
      for (const v of r.nodes) {
        const inside = Math.abs(graph.lon(v) - x) < d && Math.abs(graph.lat(v) - y) < d;
        expect(inside, `node ${v} lies in the avoided square`).toBe(false);
      }
    }
  });

  it('penalties raise cost, not time; speed factors change both', () => {
    const f = router.fastest(from, to) as RouteFound;
    const v = f.nodes[Math.floor(f.nodes.length / 2)]!;
    const pen = compileOverlay(graph, { penalties: [{ area: { type: 'circle', lon: graph.lon(v), lat: graph.lat(v), radiusM: 100 }, factor: 2 }] });
    expect(pen.penalizedCount).toBeGreaterThan(0);
    for (let e = 0; e < graph.edgeCount; e++) {
      expect(pen.timeS[e]).toBe(graph.timeS[e]);
      expect(pen.costS[e]! >= graph.timeS[e]! - 1e-12).toBe(true);
    }
    const slow = compileOverlay(graph, { speedFactorByClass: { primary: 0.5, secondary: 0.5, tertiary: 0.5, residential: 0.5, major: 0.5, minor: 0.5, trunk: 0.5 } });
    const r = router.fastest(from, to, { overlay: slow }) as RouteFound;
    expect(r.timeS).toBeCloseTo(2 * f.timeS, 6);
    // Layering: the penalty overlay on top of the slow one keeps both.
    const both = compileOverlay(graph, { penalties: [{ area: { type: 'circle', lon: graph.lon(v), lat: graph.lat(v), radiusM: 100 }, factor: 2 }] }, slow);
    for (let e = 0; e < graph.edgeCount; e++) expect(both.costS[e]).toBeCloseTo((slow.timeS[e]! * pen.costS[e]!) / graph.timeS[e]!, 9);
  });

  it('bad overlays are InputErrors naming the field', () => {
    expect(() => compileOverlay(graph, { closedEdges: [graph.edgeCount] })).toThrow(/closedEdges: edge/);
    expect(() => compileOverlay(graph, { speedFactorByClass: { nope: 1 } as never })).toThrow(InputError);
    expect(() => compileOverlay(graph, { penalties: [{ area: { type: 'circle', lon: 0, lat: 0, radiusM: -1 }, factor: 2 }] })).toThrow(/penalties\[0\]\.area/);
    expect(() => compileOverlay(graph, { penalties: [{ area: { type: 'circle', lon: 0, lat: 0, radiusM: 5 }, factor: 0 }] })).toThrow(/penalties\[0\]\.factor/);
  });

  it('no route is a value with a reason', () => {
    const overlay = compileOverlay(graph, { closedEdges: Array.from({ length: graph.edgeCount }, (_, e) => e) });
    const r = router.fastest(from, to, { overlay });
    expect(r.found).toBe(false);
    if (!r.found) expect(r.reason).toMatch(/cannot be reached/);
    const r2 = router.fastest({ edge: 5, fraction: 0.5 }, to, { overlay });
    expect(!r2.found && r2.reason).toMatch(/start lies on a closed road/);
  });
});
