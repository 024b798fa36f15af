import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { compileOverlay, corridorShare, Router, routeCostUnder, sharedLengthM, type RouteFound } from '../../engine/route/index.js';
import { randomGraph } from './random-graph.js';

describe('alternatives', () => {
  const seed = 'alt-1';
  const graph = randomGraph({ cols: 30, rows: 30, seed, onewayShare: 0.1 });
  const router = new Router(graph);
  const rng = seedrandom(seed);

  it('each route is within the stretch, shares at most maxShare with earlier ones, has no repeated node', () => {
    let multi = 0;
    for (let i = 0; i < 40; i++) {
      const from = { node: Math.floor(rng() * graph.nodeCount) };
      const to = { node: Math.floor(rng() * graph.nodeCount) };
      const routes = router.alternatives(from, to, { k: 3, maxStretch: 1.4, maxShare: 0.6 });
      const best = routes[0]!;
      if (!best.found) continue;
      const fastest = router.fastest(from, to);
      expect(fastest.found && Math.abs(fastest.costS - best.costS) < 1e-9).toBe(true);
      const found = routes.filter((r): r is RouteFound => r.found);
      expect(found.length).toBe(routes.length);
      if (found.length > 1) multi++;
      found.forEach((r, j) => {
        expect(r.costS, `seed ${seed} pair ${i} route ${j}`).toBeLessThanOrEqual(1.4 * best.costS + 1e-9);
        expect(Math.abs(routeCostUnder(r, graph.timeS) - r.costS)).toBeLessThan(1e-6);
        expect(new Set(r.nodes).size).toBe(r.nodes.length);
        for (let q = 0; q < j; q++) {
          expect(sharedLengthM(graph, r, found[q]!)).toBeLessThanOrEqual(0.6 * r.lengthM + 1e-6);
          expect(corridorShare(graph, router.proj(), r, found[q]!), `seed ${seed} pair ${i} route ${j} near route ${q}`).toBeLessThanOrEqual(0.6);
        }
      });
    }
    expect(multi).toBeGreaterThan(10);
  });
});

describe('safest route', () => {
  const seed = 'safe-1';
  const graph = randomGraph({ cols: 30, rows: 30, seed, onewayShare: 0.05 });
  const router = new Router(graph);
  const rng = seedrandom(seed);

  it('never exceeds the delay budget and is never more exposed than the fastest', () => {
    let improved = 0;
    for (let i = 0; i < 25; i++) {
      const from = { node: Math.floor(rng() * graph.nodeCount) };
      const to = { node: Math.floor(rng() * graph.nodeCount) };
      const f = router.fastest(from, to);
      if (!f.found || f.nodes.length < 6) continue;
      // A threat zone on the middle of the fastest route.
      const mid = f.nodes[Math.floor(f.nodes.length / 2)]!;
      const exposureOverlay = compileOverlay(graph, { penalties: [{ area: { type: 'circle', lon: graph.lon(mid), lat: graph.lat(mid), radiusM: 250 }, factor: 10 }] });
      const s = router.safest(from, to, { exposureOverlay, maxDelayRatio: 0.3 });
      expect(s.found).toBe(true);
      if (!s.found) continue;
      expect(s.timeS).toBeLessThanOrEqual(f.timeS * 1.3 + 1e-6);
      expect(s.exposureS).toBeLessThanOrEqual(s.fastestExposureS + 1e-9);
      if (s.exposureS < s.fastestExposureS - 1) improved++;
      const tight = router.safest(from, to, { exposureOverlay, maxDelayS: 0 });
      expect(tight.found && Math.abs(tight.timeS - f.timeS) < 1e-6).toBe(true);
    }
    expect(improved).toBeGreaterThan(3);
  });

  it('under a speed overlay, with the exposure overlay layered on it, keeps the budget measured at those speeds', () => {
    const overlay = compileOverlay(graph, { speedFactorByClass: { primary: 0.5, major: 1.3 } });
    for (let i = 0; i < 8; i++) {
      const from = { node: Math.floor(rng() * graph.nodeCount) };
      const to = { node: Math.floor(rng() * graph.nodeCount) };
      const f = router.fastest(from, to, { overlay });
      if (!f.found || f.nodes.length < 6) continue;
      const mid = f.nodes[Math.floor(f.nodes.length / 2)]!;
      const exposureOverlay = compileOverlay(graph, { penalties: [{ area: { type: 'circle', lon: graph.lon(mid), lat: graph.lat(mid), radiusM: 250 }, factor: 5 }] }, overlay);
      const s = router.safest(from, to, { exposureOverlay, overlay, maxDelayS: 60 });
      expect(s.found).toBe(true);
      if (!s.found) continue;
      expect(Math.abs(s.fastestTimeS - f.timeS)).toBeLessThan(1e-6);
      expect(s.timeS).toBeLessThanOrEqual(f.timeS + 60 + 1e-6);
      expect(s.exposureS).toBeLessThanOrEqual(s.fastestExposureS + 1e-9);
    }
  });
});
