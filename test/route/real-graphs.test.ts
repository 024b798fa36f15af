import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { loadCityGraph } from '../../engine/import/city-graph.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { compileOverlay, Router, routeToGeoJSON, speedFactorsAt, type RouteAlgorithm } from '../../engine/route/index.js';
import type { RoadGraph } from '../../engine/graph/index.js';
import { randomEndpoint, referenceCost, relClose, walkRoute } from './helpers.js';

function exactOn(graph: RoadGraph, seed: string, pairs: number, withOverlay: boolean): void {
  const router = new Router(graph);
  const rng = seedrandom(seed);
  const overlay = withOverlay
    ? compileOverlay(graph, {
        closedEdges: Array.from({ length: 40 }, () => Math.floor(rng() * graph.edgeCount)),
        speedFactorByClass: graph.isLonLat ? speedFactorsAt(8 * 60) : { unknown: 0.8 },
      })
    : undefined;
  const w = overlay?.costS ?? graph.timeS;
  for (let i = 0; i < pairs; i++) {
    const from = randomEndpoint(graph, rng);
    const to = randomEndpoint(graph, rng);
    const ref = referenceCost(graph, w, from, to);
    for (const algorithm of ['astar', 'bidirectional', 'cch'] as RouteAlgorithm[]) {
      const r = router.fastest(from, to, overlay ? { overlay, algorithm } : { algorithm });
      const ctx = `seed ${seed} pair ${i} ${algorithm}`;
      expect(r.found, ctx).toBe(ref < Infinity);
      if (!r.found) continue;
      if (!relClose(r.costS, ref)) throw new Error(`${ctx}: ${r.costS} ≠ reference ${ref}`);
      expect(relClose(walkRoute(graph, r, w, from, to), ref), ctx).toBe(true);
    }
  }
}

describe('exactness on the real graphs', () => {
  it('Phnom Penh: 130 pairs with mid-edge endpoints, with and without a peak-hour overlay; GeoJSON output', async () => {
    const { graph } = await loadGraph();
    exactOn(graph, 'pp-1', 80, false);
    exactOn(graph, 'pp-2', 50, true);
    const router = new Router(graph);
    const from = { edge: 10, fraction: 0.3 };
    const to = { edge: graph.edgeCount - 7, fraction: 0.6 };
    const r = router.fastest(from, to);
    expect(r.found).toBe(true);
    if (!r.found) return;
    const f = routeToGeoJSON(graph, r, { rank: 1 });
    expect(f.type).toBe('Feature');
    expect(f.geometry.type).toBe('LineString');
    expect(f.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
    for (const [lon, lat] of f.geometry.coordinates) expect(Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90).toBe(true);
    expect(f.properties.length_m).toBeCloseTo(r.lengthM, 0);
    expect(f.properties.rank).toBe(1);
    // The line starts at the snapped start point, part-way along the first edge.
    const g0 = graph.edgeGeometry(10);
    const [x0, y0] = f.geometry.coordinates[0]!;
    const onFirst = g0.some((p, i) => i > 0 && Math.min(g0[i - 1]![0], p[0]) - 1e-6 <= x0! && x0! <= Math.max(g0[i - 1]![0], p[0]) + 1e-6 && Math.min(g0[i - 1]![1], p[1]) - 1e-6 <= y0! && y0! <= Math.max(g0[i - 1]![1], p[1]) + 1e-6);
    expect(onFirst).toBe(true);
  });

  it('Amsterdam (68k nodes): 6 pairs against the reference, with an overlay', () => {
    const graph = loadCityGraph('amsterdam');
    exactOn(graph, 'ams-1', 6, true);
  });
});
