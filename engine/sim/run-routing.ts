import { EdgeSnapper } from '../graph/edge-snapper.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { compileOverlay, type CompiledOverlay } from '../route/overlay.js';
import { Router } from '../route/router.js';
import type { RouteEndpoint, RouteFound, RouteResult } from '../route/types.js';
import type { NodeTimesFn, SearchEndpoint } from '../metrics/coverage.js';
import type { TrafficFactors } from '../metrics/traffic-factors.js';
import type { PlaceExposure } from '../metrics/place-exposure.js';

/** Places farther than this from any road are treated as off the graph. */
export const SNAP_LIMIT_M = 1500;
/** Alternatives: at most this much slower than the fastest (stretch), and sharing at most this share of its length. */
export const ALT_MAX_STRETCH = 1.5;
export const ALT_MAX_SHARE = 0.7;

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
    this.snapper = EdgeSnapper.for(graph);
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
    if (!closed) return this.router.fastest(from, to, base ? { overlay: base } : {});
    // A one-off closure overlay: bidirectional Dijkstra needs no A* potential (an O(m) pass per new overlay).
    const overlay = compileOverlay(this.graph, { closedEdges: closed }, base);
    return this.router.fastest(from, to, { overlay, algorithm: 'bidirectional' });
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
   * Up to k alternatives (engine/route alternatives: penalty method, stretch ≤ ALT_MAX_STRETCH, shared length
   * ≤ ALT_MAX_SHARE with each kept route), fastest first, at the speeds of `band`.
   */
  alternatives(from: RouteEndpoint, to: RouteEndpoint, k: number, band: number): RouteFound[] {
    const overlay = this.bandOverlay(band);
    const res = this.router.alternatives(from, to, overlay ? { k, maxStretch: ALT_MAX_STRETCH, maxShare: ALT_MAX_SHARE, overlay } : { k, maxStretch: ALT_MAX_STRETCH, maxShare: ALT_MAX_SHARE });
    return res.filter((r): r is RouteFound => r.found);
  }

  /**
   * Least exposure within a delay budget (engine/route safest, Lagrangian), with exposure measured by the
   * score's own model (engine/metrics PlaceExposure: zone decay, active windows, crowds, chokepoints).
   * Edge weights evaluate the windows at the earliest time the convoy can be on each edge (a forward
   * search from `from` leaving at startS); candidates are compared along their own timeline, and the
   * fastest route is one of them, so the result is never more exposed than the fastest. At most maxDelayS
   * slower than the fastest at band `band`.
   */
  safest(from: RouteEndpoint, to: RouteEndpoint, maxDelayS: number, exposure: PlaceExposure, startS: number, band: number, closed?: Iterable<number>): RouteResult {
    const banded = this.bandOverlay(band);
    const base = closed ? compileOverlay(this.graph, { closedEdges: closed }, banded) : banded;
    const baseline = this.router.fastest(from, to, base ? { overlay: base } : {});
    if (!baseline.found || exposure.none) return baseline;
    const time = base?.timeS ?? this.graph.timeS;
    const reach = this.router.oneToAll([{ endpoint: from }], base ? { direction: 'forward', cutoffS: 7200, overlay: base } : { direction: 'forward', cutoffS: 7200 });
    for (let n = 0; n < reach.length; n++) reach[n] = startS + reach[n]!;
    const exposureS = exposure.edgeWeights(time, reach);
    const exposureOf = (r: RouteFound) => exposure.route(r.edges, r.fromPosition?.fraction ?? 0, r.toPosition?.fraction ?? 1, time, startS);
    return this.router.safest(from, to, { exposureS, exposureOf, baseline, maxDelayS, ...(base ? { overlay: base } : {}) });
  }

  /** Multi-source one-to-all per traffic band, for coverage tables (cut off at 2 h: beyond is "unreachable"). */
  readonly nodeTimes: NodeTimesFn = (sources, direction, band) => {
    const overlay = this.bandOverlay(band);
    return this.router.oneToAll(
      sources.map((s) => ({ endpoint: s.endpoint as RouteEndpoint, offsetS: s.offsetS })),
      overlay ? { direction, cutoffS: 7200, overlay } : { direction, cutoffS: 7200 },
    );
  };
}


export type { SearchEndpoint };
