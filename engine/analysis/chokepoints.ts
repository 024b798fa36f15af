import { UndirectedGraph } from 'graphology';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { haversineM } from '../geo/haversine.js';
import { EdgeFlag } from '../graph/road-class.js';
import type { PreparedRun } from '../sim/prepared-run.js';
import type { Chokepoint } from '../model/run-result.js';
import { round7 } from '../rounding.js';

/** Corridor junctions with at least this normalised betweenness count as chokepoints. */
export const BETWEENNESS_THRESHOLD = 0.3;
/** Alternatives searched to build the corridor graph. */
export const CORRIDOR_ALTERNATIVES = 4;
const MAX_PER_KIND = 5;

const corridorCache = new WeakMap<PreparedRun, Map<number, { between: Map<number, number>; shared: Set<number>; routes: number }>>();

/**
 * Chokepoints of one option's route, each with its reason:
 * - bridge / roundabout: flagged edges (runs of consecutive flagged edges reported once);
 * - declared: the first route edge within a declared chokepoint's radius;
 * - shared: runs of road used by every route of the corridor — the movement's options that have a route and
 *   CORRIDOR_ALTERNATIVES alternatives (distinct routes only; needs ≥ 2): road no reasonable route avoids;
 * - betweenness: junctions of the movement's corridor (the union of its options and of
 *   CORRIDOR_ALTERNATIVES alternatives, as an undirected graphology graph) where ≥ 3 corridor roads meet and
 *   the normalised betweenness centrality (graphology-metrics, unweighted) is ≥ BETWEENNESS_THRESHOLD.
 */
export function findChokepoints(ctx: PreparedRun, mi: number, oi: number): Chokepoint[] {
  const track = ctx.movements[mi]!.tracks[oi];
  if (!track) return [];
  const g = ctx.graph;
  const out: Chokepoint[] = [];
  const at = (i: number, kind: Chokepoint['kind'], reason: string): Chokepoint => {
    const lon = track.midLon[i]!;
    const lat = track.midLat[i]!;
    return { edge: track.edge[i]!, index: i, kind, reason, lon: round7(lon), lat: round7(lat), near: ctx.describe(lon, lat) };
  };
  const runs = (pred: (i: number) => boolean, make: (from: number, to: number) => Chokepoint): Chokepoint[] => {
    const found: Chokepoint[] = [];
    for (let i = 0; i < track.n; i++) {
      if (!pred(i)) continue;
      let j = i;
      while (j + 1 < track.n && pred(j + 1)) j++;
      found.push(make(i, j));
      i = j;
    }
    return found;
  };
  const lenOf = (a: number, b: number) => Math.round(track.cumM[b + 1]! - track.cumM[a]!);
  out.push(...runs((i) => g.hasFlag(track.edge[i]!, EdgeFlag.BRIDGE), (a, b) => at(a, 'bridge', `bridge (${lenOf(a, b)} m)`)).slice(0, MAX_PER_KIND));
  out.push(...runs((i) => g.hasFlag(track.edge[i]!, EdgeFlag.ROUNDABOUT), (a) => at(a, 'roundabout', 'roundabout')).slice(0, MAX_PER_KIND));
  for (const c of ctx.plan.chokepoints) {
    for (let i = 0; i < track.n; i++) {
      if (haversineM(track.midLon[i]!, track.midLat[i]!, c.lon, c.lat) <= c.radiusM + track.lengthM[i]! / 2) {
        out.push(at(i, 'declared', `declared: ${c.label}`));
        break;
      }
    }
  }
  const corridor = corridorOf(ctx, mi);
  if (corridor.routes >= 2) {
    const shared = runs((i) => corridor.shared.has(track.edge[i]!), (a, b) => at(a, 'shared', `used by all ${corridor.routes} options and alternatives (${lenOf(a, b)} m)`));
    shared.sort((x, y) => Number(/\((\d+) m\)/.exec(y.reason)![1]) - Number(/\((\d+) m\)/.exec(x.reason)![1]) || x.index - y.index);
    out.push(...shared.slice(0, MAX_PER_KIND));
  }
  const junctions: Chokepoint[] = [];
  for (let i = 1; i < track.n; i++) {
    const b = corridor.between.get(track.tailNode[i]!);
    if (b !== undefined && b >= BETWEENNESS_THRESHOLD) junctions.push(at(i, 'betweenness', `junction on ${Math.round(b * 100)} % of corridor shortest paths`));
  }
  out.push(...junctions.slice(0, MAX_PER_KIND));
  return out.sort((a, b) => a.index - b.index || a.kind.localeCompare(b.kind));
}

function corridorOf(ctx: PreparedRun, mi: number) {
  let perRun = corridorCache.get(ctx);
  if (!perRun) corridorCache.set(ctx, (perRun = new Map()));
  const hit = perRun.get(mi);
  if (hit) return hit;
  const g = ctx.graph;
  const mv = ctx.plan.movements[mi]!;
  const routes: number[][] = [];
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((e, i) => e === b[i]);
  const addRoute = (edges: number[]) => {
    if (edges.length > 0 && !routes.some((r) => same(r, edges))) routes.push(edges);
  };
  for (const r of ctx.routes[mi]!) if (r.found) addRoute(r.edges);
  const { from, to } = ctx.endpoints[mi]!;
  if (from && to) for (const alt of ctx.routing.alternatives(from, to, CORRIDOR_ALTERNATIVES, ctx.traffic.bandAt(mv.departureS))) addRoute(alt.edges);
  // Undirected corridor graph; node keys are graph node ids.
  const cg = new UndirectedGraph();
  for (const edges of routes) {
    for (const e of edges) {
      const a = String(g.tail[e]!);
      const b = String(g.head[e]!);
      cg.mergeNode(a);
      cg.mergeNode(b);
      if (a !== b) cg.mergeEdge(a, b);
    }
  }
  const between = new Map<number, number>();
  if (cg.order > 2) {
    const bc = betweenness(cg, { normalized: true });
    cg.forEachNode((node: string) => {
      if (cg.degree(node) >= 3) between.set(Number(node), bc[node] ?? 0);
    });
  }
  // Roads (edge or twin) on every route of the corridor.
  const shared = new Set<number>();
  if (routes.length >= 2) {
    const key = (e: number) => Math.min(e, g.twin[e]! < 0 ? e : g.twin[e]!);
    const counts = new Map<number, number>();
    for (const r of routes) for (const k of new Set(r.map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
    for (const r of routes) for (const e of r) if (counts.get(key(e)) === routes.length) shared.add(e);
  }
  const result = { between, shared, routes: routes.length };
  perRun.set(mi, result);
  return result;
}

/** graphology-metrics is CommonJS: under NodeNext its default import is the module object or the function. */
const betweenness = ((betweennessModule as unknown as { default?: unknown }).default ?? betweennessModule) as unknown as (g: UndirectedGraph, o: { normalized: boolean }) => Record<string, number>;
