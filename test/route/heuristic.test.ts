import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { compileOverlay, Router } from '../../engine/route/index.js';
import { heuristicFactor, projectNodes } from '../../engine/route/projection.js';
import { referenceDijkstra } from '../../engine/route/reference-dijkstra.js';
import { pointAlong } from '../../engine/route/route-geometry.js';
import { randomGraph } from './random-graph.js';
import { referenceCost } from './helpers.js';

describe('A* potential', () => {
  for (const planar of [false, true]) {
    it(`is admissible and consistent (${planar ? 'planar' : 'lon/lat'}, with and without a faster-than-base overlay)`, () => {
      const seed = `h-${planar}`;
      const graph = randomGraph({ cols: 25, rows: 25, seed, planar });
      const proj = projectNodes(graph);
      const faster = compileOverlay(graph, { speedFactorByClass: { primary: 1.6, major: 1.3 } });
      const rng = seedrandom(seed);
      // The factor derived for an overlay (base factor × minCostFactor) never exceeds the overlay's own.
      const slower = compileOverlay(graph, { speedFactorByClass: { primary: 0.5 }, closedEdges: [1, 2] });
      for (const ov of [faster, slower]) {
        expect(heuristicFactor(graph, proj, graph.timeS) * ov.minCostFactor).toBeLessThanOrEqual(heuristicFactor(graph, proj, ov.costS) * (1 + 1e-12));
      }
      expect(faster.minCostFactor).toBeCloseTo(1 / 1.6, 9);
      expect(slower.minCostFactor).toBe(1);
      for (const w of [graph.timeS, faster.costS]) {
        const k = heuristicFactor(graph, proj, w);
        expect(k).toBeGreaterThan(0);
        const h = (v: number, tx: number, ty: number): number => k * Math.hypot(proj.x[v]! - tx, proj.y[v]! - ty);
        // Consistency on every edge, towards a random target.
        const t = Math.floor(rng() * graph.nodeCount);
        for (let e = 0; e < graph.edgeCount; e++) {
          const u = graph.tail[e]!;
          const v = graph.head[e]!;
          expect(h(u, proj.x[t]!, proj.y[t]!) <= w[e]! + h(v, proj.x[t]!, proj.y[t]!) + 1e-9, `seed ${seed} edge ${e}`).toBe(true);
        }
        // Admissibility towards nodes and mid-edge positions.
        for (let trial = 0; trial < 5; trial++) {
          const tn = Math.floor(rng() * graph.nodeCount);
          const toNode = referenceDijkstra(graph, w, [{ node: tn, cost: 0 }], true);
          for (let v = 0; v < graph.nodeCount; v++) expect(h(v, proj.x[tn]!, proj.y[tn]!) <= toNode[v]! + 1e-9).toBe(true);
          const pos = { edge: Math.floor(rng() * graph.edgeCount), fraction: rng() };
          const [lon, lat] = pointAlong(graph, pos.edge, pos.fraction);
          const [tx, ty] = proj.project(lon, lat);
          for (let i = 0; i < 60; i++) {
            const v = Math.floor(rng() * graph.nodeCount);
            expect(h(v, tx, ty) <= referenceCost(graph, w, { node: v }, pos) + 1e-9, `seed ${seed} node ${v} to ${JSON.stringify(pos)}`).toBe(true);
          }
        }
      }
    });
  }

  it('A* settles fewer nodes than Dijkstra for the same exact cost', () => {
    const graph = randomGraph({ cols: 40, rows: 40, seed: 'h-work', onewayShare: 0 });
    const router = new Router(graph);
    const rng = seedrandom('h-work');
    let a = 0;
    let d = 0;
    for (let i = 0; i < 50; i++) {
      const from = { node: Math.floor(rng() * graph.nodeCount) };
      const to = { node: Math.floor(rng() * graph.nodeCount) };
      const ra = router.fastest(from, to, { algorithm: 'astar' });
      const rd = router.fastest(from, to, { algorithm: 'dijkstra' });
      if (ra.found && rd.found) {
        a += ra.settled;
        d += rd.settled;
      }
    }
    expect(a).toBeLessThan(d);
  });
});
