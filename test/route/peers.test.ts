import { createRequire } from 'node:module';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { Router } from '../../engine/route/index.js';
import { randomGraph } from './random-graph.js';
import { relClose } from './helpers.js';

const require = createRequire(import.meta.url);

describe('cross-check against ngraph.path and graphology-shortest-path', () => {
  it('same costs on 150 seeded pairs of a random one-way-rich graph', () => {
    const seed = 'peers-1';
    const graph = randomGraph({ cols: 22, rows: 22, seed, onewayShare: 0.3 });
    const router = new Router(graph);
    const createGraph = require('ngraph.graph') as () => { addNode(id: number): void; addLink(a: number, b: number, d: number): void };
    const ngraphPath = require('ngraph.path') as { nba(g: unknown, o: object): { find(a: number, b: number): { id: number }[] } };
    const { DirectedGraph } = require('graphology') as { DirectedGraph: new () => { addNode(k: string): void; addDirectedEdge(a: string, b: string, o: object): void } };
    const { dijkstra } = require('graphology-shortest-path') as { dijkstra: { bidirectional(g: unknown, s: string, t: string, w: string): string[] | null } };
    const best = new Map<string, number>();
    for (let e = 0; e < graph.edgeCount; e++) {
      const key = `${graph.tail[e]}>${graph.head[e]}`;
      best.set(key, Math.min(best.get(key) ?? Infinity, graph.timeS[e]!));
    }
    const ng = createGraph();
    const gl = new DirectedGraph();
    for (let v = 0; v < graph.nodeCount; v++) {
      ng.addNode(v);
      gl.addNode(String(v));
    }
    for (const [key, w] of best) {
      const [a, b] = key.split('>').map(Number) as [number, number];
      ng.addLink(a, b, w);
      gl.addDirectedEdge(String(a), String(b), { weight: w });
    }
    const cost = (ids: number[]): number => {
      let c = 0;
      for (let i = 0; i + 1 < ids.length; i++) c += best.get(`${ids[i]}>${ids[i + 1]}`)!;
      return c;
    };
    const nba = ngraphPath.nba(ng, { oriented: true, distance: (_a: unknown, _b: unknown, l: { data: number }) => l.data });
    const rng = seedrandom(seed);
    for (let i = 0; i < 150; i++) {
      const s = Math.floor(rng() * graph.nodeCount);
      const t = Math.floor(rng() * graph.nodeCount);
      if (s === t) continue;
      const ours = router.fastest({ node: s }, { node: t });
      const p1 = nba.find(s, t).map((n) => n.id).reverse();
      const p2 = dijkstra.bidirectional(gl, String(s), String(t), 'weight');
      const ctx = `seed ${seed} pair ${i} (${s} → ${t})`;
      if (!ours.found) {
        expect(p1.length, ctx).toBe(0);
        continue;
      }
      expect(relClose(cost(p1), ours.costS), `${ctx} ngraph NBA* ${cost(p1)} vs ${ours.costS}`).toBe(true);
      expect(p2, ctx).not.toBeNull();
      expect(relClose(cost(p2!.map(Number)), ours.costS), `${ctx} graphology`).toBe(true);
    }
  });
});
