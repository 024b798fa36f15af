import { EdgeSnapper } from '../graph/edge-snapper.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { compileOverlay, type CompiledOverlay, type PenaltyArea } from '../route/overlay.js';
import { Router } from '../route/router.js';
import type { RouteEndpoint, RouteFound, RouteResult } from '../route/types.js';
import type { NodeTimesFn, SearchEndpoint } from '../score/coverage.js';
import type { TrafficFactors } from '../sim/traffic-factors.js';
import type { PlanThreat } from './run-plan.js';

/** Places farther than this from any road are treated as off the graph. */
export const SNAP_LIMIT_M = 1500;
/** Alternatives: at most this much slower than the fastest (stretch), and sharing at most this share of its length. */
export const ALT_MAX_STRETCH = 1.5;
export const ALT_MAX_SHARE = 0.8;

/**
 * The run's view of routing (engine/route): one Router (search state allocated once), overlays compiled
 * once per traffic band, and the few derived searches the run needs (alternatives, safest, via, reroute).
 * Everything here is deterministic for a given graph and input.
 */
export class RunRouting {
  readonly router: Router;
  readonly snapper: EdgeSnapper;
  private readonly bandOverlays = new Map<number, CompiledOverlay | undefined>();

  constructor(
    readonly graph: RoadGraph,
    private readonly traffic: TrafficFactors,
  ) {
    this.router = new Router(graph);
    this.snapper = new EdgeSnapper(graph);
  }

  snap(lon: number, lat: number): { edge: number; fraction: number } | undefined {
    const s = this.snapper.nearest(lon, lat, { maxDistanceM: SNAP_LIMIT_M });
    return s ? { edge: s.edge, fraction: s.fraction } : undefined;
  }

  /** Compiled overlay with the speed factors of traffic band `band` (undefined = free flow). */
  bandOverlay(band: number): CompiledOverlay | undefined {
    if (band < 0) return undefined;
    if (!this.bandOverlays.has(band)) this.bandOverlays.set(band, compileOverlay(this.graph, { speedFactorByClass: this.traffic.byClass(band) }));
    return this.bandOverlays.get(band);
  }

  fastest(from: RouteEndpoint, to: RouteEndpoint, band: number, closed?: Iterable<number>): RouteResult {
    const base = this.bandOverlay(band);
    const overlay = closed ? compileOverlay(this.graph, { closedEdges: closed }, base) : base;
    return this.router.fastest(from, to, overlay ? { overlay } : {});
  }

  /** Fastest route through intermediate points: legs joined, a duplicated junction edge merged. */
  via(points: RouteEndpoint[], band: number): RouteResult {
    const edges: number[] = [];
    let timeS = 0;
    let lengthM = 0;
    let first: RouteFound | undefined;
    let last: RouteFound | undefined;
    for (let i = 1; i < points.length; i++) {
      const leg = this.fastest(points[i - 1]!, points[i]!, band);
      if (!leg.found) return { found: false, reason: `leg ${i}: ${leg.reason}` };
      first ??= leg;
      last = leg;
      for (const e of leg.edges) if (edges[edges.length - 1] !== e) edges.push(e);
      timeS += leg.timeS;
      lengthM += leg.lengthM;
    }
    if (!first || !last) return { found: false, reason: 'no legs' };
    return { ...first, edges, nodes: [], timeS, lengthM, costS: timeS, toPosition: last.toPosition };
  }

  /**
   * Up to k alternatives by the penalty method: after each route, the edges it uses cost ×1.4 and the
   * search runs again; a candidate is kept when its true time is within ALT_MAX_STRETCH of the fastest and
   * it shares at most ALT_MAX_SHARE of its length with every kept route. Deterministic (no randomness).
   */
  alternatives(from: RouteEndpoint, to: RouteEndpoint, k: number, band: number): RouteFound[] {
    const base = this.bandOverlay(band);
    const time = base?.timeS ?? this.graph.timeS;
    const best = this.router.fastest(from, to, base ? { overlay: base } : {});
    if (!best.found) return [];
    const kept: RouteFound[] = [best];
    const weight = new Float64Array(time);
    for (let round = 0; round < 4 * k && kept.length < k; round++) {
      for (const e of kept[kept.length - 1]!.edges) {
        weight[e] = weight[e]! * 1.4;
        const tw = this.graph.twin[e]!;
        if (tw >= 0) weight[tw] = weight[tw]! * 1.4;
      }
      const cand = this.router.routeWithWeights(from, to, weight, time, 'dijkstra');
      if (!cand.found) break;
      if (cand.timeS > ALT_MAX_STRETCH * best.timeS) break;
      if (kept.every((r) => this.sharedShare(cand, r) <= ALT_MAX_SHARE)) kept.push(cand);
      else for (const e of cand.edges) weight[e] = weight[e]! * 1.4;
    }
    return kept;
  }

  /**
   * Least exposure within a delay budget: threat zones cost ×(1 + 9 × intensity) inside (via the overlay's
   * penalties); if the result is more than maxDelayS slower than the fastest, the factor is halved until it
   * fits (the fastest route itself always fits).
   */
  safest(from: RouteEndpoint, to: RouteEndpoint, maxDelayS: number, threats: readonly PlanThreat[], band: number): RouteResult {
    const base = this.bandOverlay(band);
    const fastest = this.router.fastest(from, to, base ? { overlay: base } : {});
    if (!fastest.found || threats.length === 0) return fastest;
    for (let scale = 9; scale >= 0.25; scale /= 2) {
      const penalties = threats.map((t) => ({ area: toPenaltyArea(t), factor: 1 + scale * Math.max(0, Math.min(1, t.intensity)) }));
      const overlay = compileOverlay(this.graph, { penalties }, base);
      const r = this.router.fastest(from, to, { overlay });
      if (r.found && r.timeS <= fastest.timeS + maxDelayS) return r;
    }
    return fastest;
  }

  /** Multi-source one-to-all per traffic band, for coverage tables (cut off at 2 h: beyond is "unreachable"). */
  readonly nodeTimes: NodeTimesFn = (sources, direction, band) => {
    const overlay = this.bandOverlay(band);
    return this.router.oneToAll(
      sources.map((s) => ({ endpoint: s.endpoint as RouteEndpoint, offsetS: s.offsetS })),
      overlay ? { direction, cutoffS: 7200, overlay } : { direction, cutoffS: 7200 },
    );
  };

  private sharedShare(a: RouteFound, b: RouteFound): number {
    const inB = new Set<number>();
    for (const e of b.edges) {
      inB.add(e);
      const tw = this.graph.twin[e]!;
      if (tw >= 0) inB.add(tw);
    }
    let shared = 0;
    for (const e of a.edges) if (inB.has(e)) shared += this.graph.lengthM[e]!;
    return a.lengthM > 0 ? shared / a.lengthM : 1;
  }
}

export function toPenaltyArea(t: PlanThreat): PenaltyArea {
  return t.area.type === 'circle' ? t.area : { type: 'Polygon', coordinates: t.area.coordinates };
}

export type { SearchEndpoint };
