import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { referenceDijkstra } from '../../engine/route/reference-dijkstra.js';
import { Router } from '../../engine/route/router.js';
import { nearestNode, serviceAreaEdges, type Post } from '../../viz/service-area.js';
import { randomGraph } from '../route/random-graph.js';

describe('report service areas (viz/service-area.ts)', () => {
  const seed = 'viz-sa-1';
  const graph = randomGraph({ cols: 20, rows: 20, seed, onewayShare: 0.1 });
  const rng = seedrandom(seed);

  it('are the roads drivable end to end within the target from the nearest node of a post, turnout included', () => {
    const router = new Router(graph);
    for (let trial = 0; trial < 10; trial++) {
      const posts: Post[] = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => ({
        lon: graph.lon(0) + rng() * 0.02,
        lat: graph.lat(0) + rng() * 0.02,
        turnoutS: Math.floor(rng() * 90),
      }));
      const targetS = 60 + rng() * 240;
      const ref = referenceDijkstra(graph, graph.timeS, posts.map((p) => ({ node: nearestNode(graph, p.lon, p.lat), cost: p.turnoutS })));
      const want: number[] = [];
      for (let e = 0; e < graph.edgeCount; e++) {
        const t = graph.twin[e]!;
        if (t >= 0 && t < e) continue;
        if (Math.min(ref[graph.tail[e]!]!, ref[graph.head[e]!]!) + graph.timeS[e]! <= targetS) want.push(e);
      }
      const got = serviceAreaEdges(graph, posts, targetS, trial % 2 === 0 ? router : undefined);
      expect(got, `seed ${seed} trial ${trial}`).toEqual(want);
    }
  });

  it('no posts, or a target ≤ 0, give an empty area', () => {
    expect(serviceAreaEdges(graph, [], 300)).toEqual([]);
    expect(serviceAreaEdges(graph, [{ lon: graph.lon(0), lat: graph.lat(0), turnoutS: 0 }], 0)).toEqual([]);
  });
});
