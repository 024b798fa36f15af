import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { compileOverlay, Router, type RouteEndpoint } from '../../engine/route/index.js';
import { referenceDijkstra } from '../../engine/route/reference-dijkstra.js';
import { randomGraph } from './random-graph.js';
import { randomEndpoint, relClose } from './helpers.js';

/**
 * Randomized exactness of the one-to-all search (its lazy heap, labels kept in the output array, cut-off
 * reset and source tracking): multi-source, node and mid-edge sources with offsets, both directions,
 * random cut-offs, with and without an overlay, against the reference Dijkstra from the same entry points.
 */
describe('one-to-all against the reference Dijkstra, randomized', () => {
  for (const seed of ['ota-r1', 'ota-r2', 'ota-r3']) {
    it(`seed ${seed}: 12 searches, both directions, cut-offs and nearest sources`, () => {
      const graph = randomGraph({ cols: 24, rows: 20, seed, planar: seed === 'ota-r2' });
      const router = new Router(graph);
      const rng = seedrandom(seed + '/sources');
      const overlay = compileOverlay(graph, {
        closedEdges: Array.from({ length: 30 }, () => Math.floor(rng() * graph.edgeCount)),
        speedFactorByClass: { primary: 0.6, residential: 1.3 },
      });
      let reached = 0;
      let cutOff = 0;
      for (let trial = 0; trial < 12; trial++) {
        const reverse = trial % 2 === 1;
        const withOverlay = trial % 3 === 0;
        const w = withOverlay ? overlay.costS : graph.timeS;
        const sources = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => ({ endpoint: randomEndpoint(graph, rng), offsetS: rng() < 0.5 ? 0 : rng() * 60 }));
        const cutoffS = rng() < 0.5 ? Infinity : 30 + rng() * 200;
        const sourceOut = new Int32Array(graph.nodeCount);
        const d = router.oneToAll(sources, { direction: reverse ? 'reverse' : 'forward', cutoffS, sourceOut, ...(withOverlay ? { overlay } : {}) });
        const perSource = sources.map((s) => referenceDijkstra(graph, w, entries(graph, w, s.endpoint, reverse, s.offsetS), reverse));
        for (let v = 0; v < graph.nodeCount; v++) {
          let best = Infinity;
          for (const ref of perSource) best = Math.min(best, ref[v]!);
          const ctx = `${seed} trial ${trial} node ${v}`;
          if (best > cutoffS || best === Infinity) {
            if (best < Infinity) cutOff++;
            expect(d[v], ctx).toBe(Infinity);
            expect(sourceOut[v], ctx).toBe(-1);
            continue;
          }
          reached++;
          expect(relClose(d[v]!, best), `${ctx}: ${d[v]} ≠ ${best}`).toBe(true);
          expect(relClose(perSource[sourceOut[v]!]![v]!, best), `${ctx}: source ${sourceOut[v]} is not a nearest one`).toBe(true);
        }
      }
      expect(reached).toBeGreaterThan(1000);
      expect(cutOff).toBeGreaterThan(0);
    });
  }
});

/** The nodes a search enters the graph at from an endpoint, written independently of endpoints.ts. */
function entries(graph: ReturnType<typeof randomGraph>, w: Float64Array, ep: RouteEndpoint, reverse: boolean, offset: number): { node: number; cost: number }[] {
  const part = (s: number, x: number): number => (s <= 0 ? 0 : s * x);
  if ('node' in ep) return [{ node: ep.node, cost: offset }];
  const t = graph.twin[ep.edge]!;
  const out: { node: number; cost: number }[] = [];
  if (!reverse) {
    out.push({ node: graph.head[ep.edge]!, cost: offset + part(1 - ep.fraction, w[ep.edge]!) });
    if (t >= 0) out.push({ node: graph.tail[ep.edge]!, cost: offset + part(ep.fraction, w[t]!) });
  } else {
    out.push({ node: graph.tail[ep.edge]!, cost: offset + part(ep.fraction, w[ep.edge]!) });
    if (t >= 0) out.push({ node: graph.head[ep.edge]!, cost: offset + part(1 - ep.fraction, w[t]!) });
  }
  return out.filter((x) => x.cost < Infinity);
}
