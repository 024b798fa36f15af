import { createRequire } from 'node:module';
import type { RoadGraph } from '../engine/graph/index.js';

/**
 * The peers of the routing benches, built from the same CSR graph and weights: ngraph.path (A*, NBA*) over
 * an ngraph.graph; graphology-shortest-path's A* (its best exact routine) and bidirectional Dijkstra over a
 * graphology DirectedGraph; node-dijkstra; geojson-path-finder over one two-point LineString per road.
 * Parallel edges are merged keeping the cheapest (no peer graph is a multigraph here), which leaves
 * shortest-path costs unchanged. node-dijkstra and geojson-path-finder are built on first use.
 *
 * geojson-path-finder is not exact by design: it joins vertices closer than its coordinate tolerance
 * (1e-5°, about a metre) and treats weight 0 as "closed", so its costs can differ from the others'.
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
  graphologyAStar(s: number, t: number): number;
  nodeDijkstra(s: number, t: number): number;
  geojsonPathFinder(s: number, t: number): number;
}

export function buildPeers(graph: RoadGraph, weight: Float64Array, x: Float64Array, y: Float64Array, k: number): Peers {
  const createGraph = require('ngraph.graph') as (o?: object) => { addNode(id: number, d: object): void; addLink(a: number, b: number, d: number): void };
  const ngraphPath = require('ngraph.path') as NgraphPath;
  const GraphologyMod = require('graphology') as { DirectedGraph: new () => GraphologyGraph };
  const sp = require('graphology-shortest-path') as {
    dijkstra: { bidirectional(g: unknown, s: string, t: string, w: string): string[] | null };
    astar: { bidirectional(g: unknown, s: string, t: string, w: string, h: (a: string, b: string) => number): string[] | null };
  };
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
  const glHeuristic = (a: string, b: string): number => k * Math.hypot(x[+a]! - x[+b]!, y[+a]! - y[+b]!);

  type NodeDijkstra = { path(a: string, b: string, o: { cost: true }): { path: string[] | null; cost: number } };
  let nd: NodeDijkstra | undefined;
  const nodeDijkstra = (): NodeDijkstra => {
    if (nd) return nd;
    const NodeDijkstraGraph = require('node-dijkstra') as new () => NodeDijkstra & { addNode(k: string, n: Map<string, number>): void };
    const g = new NodeDijkstraGraph();
    const adj: Map<string, number>[] = Array.from({ length: n }, () => new Map());
    for (const [key, w] of best) {
      const u = Math.floor(key / n);
      // node-dijkstra rejects costs ≤ 0; a zero-cost edge keeps the smallest positive double (same sums).
      adj[u]!.set(String(key - u * n), w > 0 ? w : Number.MIN_VALUE);
    }
    for (let v = 0; v < n; v++) g.addNode(String(v), adj[v]!);
    nd = g;
    return g;
  };

  type Gpf = { findPath(a: object, b: object): { weight: number } | undefined };
  let gpf: Gpf | undefined;
  const geojsonPathFinder = (): Gpf => {
    if (gpf) return gpf;
    const PathFinder = (require('geojson-path-finder') as { default: new (fc: object, o: object) => Gpf }).default;
    const features: object[] = [];
    for (let e = 0; e < graph.edgeCount; e++) {
      const t = graph.twin[e]!;
      if (t >= 0 && t < e) continue;
      const u = graph.tail[e]!;
      const v = graph.head[e]!;
      if (u === v) continue;
      const fw = best.get(u * n + v) ?? 0;
      const bw = best.get(v * n + u) ?? 0;
      features.push({ type: 'Feature', properties: { fw, bw }, geometry: { type: 'LineString', coordinates: [[graph.lon(u), graph.lat(u)], [graph.lon(v), graph.lat(v)]] } });
    }
    gpf = new PathFinder({ type: 'FeatureCollection', features }, { compact: false, weight: (_a: unknown, _b: unknown, p: { fw: number; bw: number }) => ({ forward: p.fw, backward: p.bw }) });
    return gpf;
  };
  const point = (v: number): object => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [graph.lon(v), graph.lat(v)] } });

  return {
    graphologyAStar: (s, t) => {
      const p = sp.astar.bidirectional(gl, String(s), String(t), 'weight', glHeuristic);
      return p ? pathCost(p.map(Number)) : Infinity;
    },
    nodeDijkstra: (s, t) => {
      const r = nodeDijkstra().path(String(s), String(t), { cost: true });
      return r.path ? (s === t ? 0 : pathCost(r.path.map(Number))) : Infinity;
    },
    geojsonPathFinder: (s, t) => geojsonPathFinder().findPath(point(s), point(t))?.weight ?? Infinity,
    ngraphAStar: (s, t) => ngCost(astar.find(s, t)),
    ngraphNba: (s, t) => ngCost(nba.find(s, t)),
    graphologyDijkstra: (s, t) => {
      const p = sp.dijkstra.bidirectional(gl, String(s), String(t), 'weight');
      return p ? pathCost(p.map(Number)) : Infinity;
    },
  };
}
