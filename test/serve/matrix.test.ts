import { describe, expect, it } from 'vitest';
import { travelMatrix } from '../../cli/serve/matrix.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { compileOverlay, Router, speedFactorsAt, type EdgePosition } from '../../engine/route/index.js';
import seedrandom from 'seedrandom';

describe('travelMatrix (the /table search): the hierarchy many-to-many agrees with point-to-point routes', () => {
  it('12 × 15 seeded positions on Phnom Penh, with and without an overlay: durations and distances of Router.fastest', async () => {
    const { graph } = await loadGraph();
    const router = new Router(graph);
    const rng = seedrandom('table');
    const pos = (): EdgePosition => ({ edge: Math.floor(rng() * graph.edgeCount), fraction: rng() });
    const sources = Array.from({ length: 12 }, pos);
    const targets = [...Array.from({ length: 14 }, pos), sources[0]!];
    for (const overlay of [undefined, compileOverlay(graph, { speedFactorByClass: speedFactorsAt(8 * 60) }), compileOverlay(graph, { closedEdges: Array.from({ length: 200 }, (_, i) => i * 97) })]) {
      const m = travelMatrix(router, sources, targets, { overlay, distances: true });
      let routed = 0;
      sources.forEach((s, i) => {
        targets.forEach((t, j) => {
          const r = router.fastest(s, t, overlay ? { overlay } : {});
          const k = i * targets.length + j;
          if (!r.found) {
            expect(m.durations[k]).toBe(Infinity);
            return;
          }
          routed++;
          expect(m.durations[k]).toBeCloseTo(r.timeS, 6);
          expect(m.distances![k]).toBeCloseTo(r.lengthM, 3);
        });
      });
      expect(routed).toBeGreaterThan(150);
      expect(m.durations[0 * targets.length + targets.length - 1]).toBe(0);
    }
  });
});
