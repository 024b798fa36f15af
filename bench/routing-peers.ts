import { createRequire } from 'node:module';
import type { RoadGraph } from '../engine/graph/index.js';

/**
 * The peers of the routing bench, built from the same CSR graph and weights: ngraph.path (A*, NBA*) over
 * an ngraph.graph, and graphology-shortest-path's bidirectional Dijkstra over a graphology DirectedGraph.
 * Parallel edges are merged keeping the cheapest (neither peer graph is a multigraph here), which leaves
 * shortest-path costs unchanged.
 */
const require = createRequire(import.meta.url);

type NgNode = { id: number; data: { x: number; y: number } };
type NgLink = { data: number };
type NgFinder = { find(from: number, to: number): NgNode[] };
interface NgraphPath {
  aStar(g: unknown, o: object): NgFinder;
  nba(g: unknown, o: object): NgFinder;
}

export interface Peers {
  ngraphAStar(s: number, t: number): number;
  ngraphNba(s: number, t: number): number;
  graphologyDijkstra(s: number, t: number): number;
}

export function buildPeers(graph: RoadGraph, weight: Float64Array, x: Float64Array, y: Float64Array, k: number): Peers {
  const createGraph = require('ngraph.graph') as (o?: object) => { addNode(id: number, d: object): void; addLink(a: number, b: number, d: number): void };
  const ngraphPath = require('ngraph.path') as NgraphPath;
  const GraphologyMod = require('graphology') as { DirectedGraph: new () => GraphologyGraph };
  const sp = require('graphology-shortest-path') as { dijkstra: { bidirectional(g: unknown, s: string, t: string, w: string): string[] | null } };
  type GraphologyGraph = { addNode(k: string): void; addDirectedEdge(a: string, b: string, attr: object): void };

  // Cheapest edge per ordered node pair.
  const best = new Map<number, number>();
  const n = graph.nodeCount;
  for (let e = 0; e < graph.edgeCount; e++) {
    if (weight[e] === Infinity) continue;
    const key = graph.tail[e]! * n + graph.head[e]!;
    const w = best.get(key);
    if (w === undefined || weight[e]! < w) best.set(key, weight[e]!);
  }
  const ng = createGraph();
  for (let v = 0; v < n; v++) ng.addNode(v, { x: x[v]!, y: y[v]! });
  const gl = new GraphologyMod.DirectedGraph();
  for (let v = 0; v < n; v++) gl.addNode(String(v));
  for (const [key, w] of best) {
    const u = Math.floor(key / n);
    const v = key - u * n;
    ng.addLink(u, v, w);
    gl.addDirectedEdge(String(u), String(v), { weight: w });
  }
  const heuristic = (a: NgNode, b: NgNode): number => k * Math.hypot(a.data.x - b.data.x, a.data.y - b.data.y);
  const distance = (_a: NgNode, _b: NgNode, link: NgLink): number => link.data;
  const astar = ngraphPath.aStar(ng, { oriented: true, heuristic, distance });
  const nba = ngraphPath.nba(ng, { oriented: true, heuristic, distance });
  const pathCost = (ids: number[]): number => {
    let c = 0;
    for (let i = 0; i + 1 < ids.length; i++) c += best.get(ids[i]! * n + ids[i + 1]!)!;
    return c;
  };
  // ngraph.path returns the path from target back to source.
  const ngCost = (p: NgNode[]): number => (p.length === 0 ? Infinity : pathCost(p.map((q) => q.id).reverse()));
  return {
    ngraphAStar: (s, t) => ngCost(astar.find(s, t)),
    ngraphNba: (s, t) => ngCost(nba.find(s, t)),
    graphologyDijkstra: (s, t) => {
      const p = sp.dijkstra.bidirectional(gl, String(s), String(t), 'weight');
      return p ? pathCost(p.map(Number)) : Infinity;
    },
  };
}
