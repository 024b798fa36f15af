import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { compileOverlay, Router, type CompiledOverlay, type RouteAlgorithm } from '../../engine/route/index.js';
import { randomGraph } from './random-graph.js';
import { randomEndpoint, referenceCost, relClose, walkRoute } from './helpers.js';

const ALGORITHMS: RouteAlgorithm[] = ['dijkstra', 'astar', 'bidirectional', 'ch', 'cch'];

function check(seed: string, planar: boolean, withOverlay: boolean, pairs: number): void {
  const graph = randomGraph({ cols: 28, rows: 24, seed, planar });
  const router = new Router(graph);
  const rng = seedrandom(seed + '/pairs');
  let overlay: CompiledOverlay | undefined;
  if (withOverlay) {
    const closed: number[] = [];
    for (let i = 0; i < graph.edgeCount / 25; i++) closed.push(Math.floor(rng() * graph.edgeCount));
    const c = (i: number): [number, number] => [graph.lon(i), graph.lat(i)];
    const [cx, cy] = c(Math.floor(rng() * graph.nodeCount));
    overlay = compileOverlay(graph, {
      closedEdges: closed,
      penalties: [{ area: { type: 'circle', lon: cx, lat: cy, radiusM: 600 }, factor: 3 }],
      speedFactorByClass: { primary: 0.5, residential: 1.2, major: 0.7 },
    });
  }
  const w = overlay?.costS ?? graph.timeS;
  let checked = 0;
  for (let i = 0; i < pairs; i++) {
    const from = randomEndpoint(graph, rng);
    const to = randomEndpoint(graph, rng);
    const ref = referenceCost(graph, w, from, to);
    for (const algorithm of ALGORITHMS) {
      const r = router.fastest(from, to, overlay ? { overlay, algorithm } : { algorithm });
      const ctx = `seed ${seed} pair ${i} ${algorithm} from ${JSON.stringify(from)} to ${JSON.stringify(to)}`;
      if (ref === Infinity) {
        expect(r.found, ctx).toBe(false);
        continue;
      }
      expect(r.found, ctx).toBe(true);
      if (!r.found) continue;
      if (!relClose(r.costS, ref)) throw new Error(`${ctx}: cost ${r.costS} ≠ reference ${ref}`);
      const walked = walkRoute(graph, r, w, from, to);
      if (!relClose(walked, ref, 1e-9)) throw new Error(`${ctx}: route edges cost ${walked} ≠ reference ${ref}`);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(pairs);
}

describe('point-to-point exactness against the reference Dijkstra', () => {
  it('lon/lat graph, no overlay, 1200 pairs × 5 algorithms (node and mid-edge endpoints)', () => check('exact-1', false, false, 1200));
  it('lon/lat graph with closures, a penalty circle and speed factors, 1000 pairs', () => check('exact-2', false, true, 1000));
  it('planar graph, 800 pairs', () => check('exact-3', true, false, 800));
  it('planar graph with an overlay, 600 pairs', () => check('exact-4', true, true, 600));
});
