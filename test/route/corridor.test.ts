import { describe, expect, it } from 'vitest';
import { CoordKind, GraphBuilder, roadClassCode } from '../../engine/graph/index.js';
import { haversineM } from '../../engine/geo/haversine.js';
import { corridorShare, Router, sharedLengthM, type RouteFound } from '../../engine/route/index.js';

/**
 * A dual carriageway drawn as two parallel two-way lines ~20 m apart (as in the bundled Phnom Penh data),
 * joined at both ends, and a real detour 550 m north. The other carriageway is not an alternative; the
 * detour is.
 */
function dualCarriageway() {
  const b = new GraphBuilder(CoordKind.LONLAT);
  const lat = 11.55;
  const gap = 0.00018; // ≈ 20 m
  const north = 0.005; // ≈ 550 m
  const xs = [104.9, 104.905, 104.91, 104.915, 104.92];
  const a = xs.map((x) => b.addNode(x, lat));
  const c = xs.map((x) => b.addNode(x, lat + gap));
  const d = [b.addNode(xs[0]!, lat + north), b.addNode(xs[4]!, lat + north)];
  const road = (u: number, v: number, p: [number, number], q: [number, number], speedKmh: number): void => {
    b.addSegment({ from: u, to: v, lengthM: haversineM(p[0], p[1], q[0], q[1]), speedKmh, roadClass: roadClassCode('major')!, name: '', interior: [], oneway: false, flags: 0 });
  };
  for (let i = 0; i + 1 < xs.length; i++) {
    road(a[i]!, a[i + 1]!, [xs[i]!, lat], [xs[i + 1]!, lat], 50);
    road(c[i]!, c[i + 1]!, [xs[i]!, lat + gap], [xs[i + 1]!, lat + gap], 50);
  }
  road(a[0]!, c[0]!, [xs[0]!, lat], [xs[0]!, lat + gap], 50);
  road(a[4]!, c[4]!, [xs[4]!, lat], [xs[4]!, lat + gap], 50);
  road(c[0]!, d[0]!, [xs[0]!, lat + gap], [xs[0]!, lat + north], 60);
  road(d[0]!, d[1]!, [xs[0]!, lat + north], [xs[4]!, lat + north], 60);
  road(d[1]!, c[4]!, [xs[4]!, lat + north], [xs[4]!, lat + gap], 60);
  return { graph: b.build({ source: { kind: 'test' }, report: {}, builtAt: 'test' }), from: { node: a[0]! }, to: { node: a[4]! } };
}

describe('geometric alternatives', () => {
  const { graph, from, to } = dualCarriageway();
  const router = new Router(graph);

  it('the other carriageway shares nothing by edge ids but all of its length within 30 m', () => {
    const fastest = router.fastest(from, to) as RouteFound;
    const routes = router.alternatives(from, to, { k: 3, corridorM: 5 }).filter((r): r is RouteFound => r.found);
    // With a 5 m corridor the other carriageway counts as a different road (as edge ids said before).
    const other = routes.find((r) => sharedLengthM(graph, r, fastest) < 0.1 * r.lengthM && r.lengthM < 1.2 * fastest.lengthM);
    expect(other, 'the other carriageway, with a 5 m corridor').toBeDefined();
    expect(corridorShare(graph, router.proj(), other!, fastest)).toBeGreaterThan(0.9);
    expect(corridorShare(graph, router.proj(), other!, fastest, 5)).toBeLessThan(0.1);
  });

  it('with the default 30 m corridor the alternative is the detour, not the other carriageway', () => {
    const routes = router.alternatives(from, to, { k: 3 }).filter((r): r is RouteFound => r.found);
    expect(routes.length).toBe(2);
    const [best, alt] = routes as [RouteFound, RouteFound];
    expect(alt.lengthM).toBeGreaterThan(best.lengthM + 1000);
    expect(corridorShare(graph, router.proj(), alt, best)).toBeLessThanOrEqual(0.6);
  });

  it('rejects a bad corridor width, naming it', () => {
    expect(() => router.alternatives(from, to, { corridorM: -1 })).toThrowError(/corridorM -1/);
  });
});
