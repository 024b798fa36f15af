import { EdgeSnapper } from '../graph/edge-snapper.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { compileOverlay, type CompiledOverlay } from '../route/overlay.js';
import { ALTERNATIVES, RESPONDER_CONGESTION_AVOIDED, SEARCH_CUTOFF_S, snapPlace, withCongestionAvoided, type PlaceSnap } from '../route/policy.js';
import { Router } from '../route/router.js';
import { fastestVia } from '../route/via.js';
import type { RouteEndpoint, RouteFound, RouteResult } from '../route/types.js';
import type { NodeTimesFn, SearchEndpoint } from '../metrics/coverage.js';
import type { TrafficFactors } from '../metrics/traffic-factors.js';
import type { PlaceExposure } from '../metrics/place-exposure.js';

/**
 * The run's view of routing (engine/route): one Router (search state allocated once), overlays compiled
 * once per traffic band, and the few derived searches the run needs (alternatives, safest, via, reroute).
 * Everything here is deterministic for a given graph and input.
 */
export class RunRouting {
  readonly router: Router;
  readonly snapper: EdgeSnapper;
  private readonly bandOverlays = new Map<string, CompiledOverlay | undefined>();

  constructor(
    readonly graph: RoadGraph,
    private readonly traffic: TrafficFactors,
  ) {
    this.router = new Router(graph);
    this.snapper = EdgeSnapper.for(graph);
  }

  /** A place on the graph under the routing policy (engine/route/policy.ts); undefined = refused. */
  snap(p: { lon: number; lat: number; landmark?: boolean }): PlaceSnap | undefined {
    return snapPlace(this.snapper, p.lon, p.lat, p.landmark === true);
  }

  /**
   * Compiled overlay with the speed factors of traffic band `band` (undefined = free flow), of which a
   * share `avoided` of the congestion (1 − factor) is removed (responders with lights and sirens).
   */
  bandOverlay(band: number, avoided = 0): CompiledOverlay | undefined {
    if (band < 0) return undefined;
    const key = `${band}|${avoided}`;
    if (!this.bandOverlays.has(key)) {
      const byClass = this.traffic.byClass(band);
      if (avoided > 0) for (const c of Object.keys(byClass)) byClass[c] = withCongestionAvoided(byClass[c]!, avoided);
      this.bandOverlays.set(key, compileOverlay(this.graph, { speedFactorByClass: byClass }));
    }
    return this.bandOverlays.get(key);
  }

  fastest(from: RouteEndpoint, to: RouteEndpoint, band: number, closed?: Iterable<number>): RouteResult {
    const base = this.bandOverlay(band);
    if (!closed) return this.router.fastest(from, to, base ? { overlay: base } : {});
    // A one-off closure overlay: bidirectional Dijkstra needs no A* potential (an O(m) pass per new overlay).
    const overlay = compileOverlay(this.graph, { closedEdges: closed }, base);
    return this.router.fastest(from, to, { overlay, algorithm: 'bidirectional' });
  }

  /** Fastest route through intermediate points (engine/route/via.ts, as `motorcade route --via`), legs joined. */
  via(points: RouteEndpoint[], band: number): RouteResult {
    const base = this.bandOverlay(band);
    const r = fastestVia(this.router, points, base ? { overlay: base } : {});
    return r.found ? r.route : r;
  }

  /**
   * Up to k alternatives (engine/route alternatives: penalty method, stretch and shared length of the
   * routing policy's ALTERNATIVES), fastest first, at the speeds of `band`.
   */
  alternatives(from: RouteEndpoint, to: RouteEndpoint, k: number, band: number): RouteFound[] {
    const overlay = this.bandOverlay(band);
    const res = this.router.alternatives(from, to, overlay ? { k, ...ALTERNATIVES, overlay } : { k, ...ALTERNATIVES });
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

  /**
   * Multi-source one-to-all per traffic band, for coverage tables (cut off at the policy's SEARCH_CUTOFF_S:
   * beyond is "unreachable"). Responder searches drive with lights and sirens and avoid the policy's share
   * of congestion for their type (RESPONDER_CONGESTION_AVOIDED); evacuation (responder undefined) does not.
   */
  readonly nodeTimes: NodeTimesFn = (sources, direction, band, responder) => {
    const overlay = this.bandOverlay(band, responder ? RESPONDER_CONGESTION_AVOIDED[responder] : 0);
    return this.router.oneToAll(
      sources.map((s) => ({ endpoint: s.endpoint as RouteEndpoint, offsetS: s.offsetS })),
      overlay ? { direction, cutoffS: SEARCH_CUTOFF_S, overlay } : { direction, cutoffS: SEARCH_CUTOFF_S },
    );
  };
}


export type { SearchEndpoint };
