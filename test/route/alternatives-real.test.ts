import { describe, expect, it } from 'vitest';
import { EdgeSnapper } from '../../engine/graph/edge-snapper.js';
import { loadGazetteer, resolvePlace } from '../../engine/import/gazetteer.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { corridorShare, Router, sharedLengthM, type RouteFound } from '../../engine/route/index.js';

/**
 * On the bundled Phnom Penh graph (no oneway tags, dual carriageways drawn as two parallel two-way lines),
 * alternatives must be different roads, not the other carriageway: the geometric share (within 30 m)
 * between every pair of returned routes stays within maxShare.
 */
describe('alternatives on the real Phnom Penh graph', () => {
  const pairs: [string, string][] = [
    ['kti_terminal_access', 'raffles_le_royal'],
    ['independence_monument', 'khmer_soviet'],
  ];
  it.each(pairs)('%s → %s: every pair of routes shares at most maxShare geometrically', async (a, b) => {
    const { graph } = await loadGraph();
    const router = new Router(graph);
    const snapper = new EdgeSnapper(graph);
    const landmarks = loadGazetteer();
    const at = (spec: string): { edge: number; fraction: number } => {
      const p = resolvePlace(spec, landmarks);
      const s = snapper.nearest(p.lon, p.lat, { maxDistanceM: 500 })!;
      return { edge: s.edge, fraction: s.fraction };
    };
    const from = at(a);
    const to = at(b);
    const maxShare = 0.6;
    const routes = router.alternatives(from, to, { k: 3, maxShare, maxStretch: 1.4 });
    const found = routes.filter((r): r is RouteFound => r.found);
    expect(found.length).toBe(routes.length);
    const fastest = router.fastest(from, to);
    expect(fastest.found && Math.abs(fastest.costS - found[0]!.costS) < 1e-9).toBe(true);
    expect(found.length, `${a} → ${b}: the city has more than one road between them`).toBeGreaterThan(1);
    const proj = router.proj();
    for (let i = 0; i < found.length; i++) {
      const r = found[i]!;
      expect(r.costS).toBeLessThanOrEqual(1.4 * found[0]!.costS + 1e-9);
      expect(new Set(r.nodes).size).toBe(r.nodes.length);
      for (let j = 0; j < i; j++) {
        const share = corridorShare(graph, proj, r, found[j]!);
        expect(share, `${a} → ${b}: route ${i} within 30 m of route ${j}`).toBeLessThanOrEqual(maxShare);
        // The geometric share is never below the share of identical roads.
        expect(share).toBeGreaterThanOrEqual(sharedLengthM(graph, r, found[j]!) / r.lengthM - 0.02);
      }
    }
  });
});
