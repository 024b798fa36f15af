import { EdgeSnapper } from '../../engine/graph/edge-snapper.js';
import type { RoadGraph } from '../../engine/graph/index.js';
import type { Landmark } from '../../engine/import/gazetteer.js';
import { compileOverlay, parseClock, Router, SNAP_LIMIT_M, speedFactorsAt, type CompiledOverlay, type RouteEndpoint, type RouteOverlay } from '../../engine/route/index.js';
import { InputError } from '../../engine/errors.js';
import { parseAvoid, parseEdgeList, parseRadiuses } from './coordinates.js';
import { OsrmError } from './osrm-error.js';
import { roundTo } from '../../engine/rounding.js';

/** What one server bounds per request; every limit is reported back by name when exceeded. */
export interface ServiceLimits {
  /** Coordinates in a route request (OSRM's --max-viaroute-size). */
  maxRouteCoordinates: number;
  /** Sources × destinations of a table request (OSRM's --max-table-size applies per side). */
  maxTableSize: number;
  maxNearestResults: number;
  /** Snapping radius cap, metres (OSRM's default is unlimited; the routing policy's limit, engine/route/policy.ts). */
  maxSnapM: number;
  maxAlternatives: number;
  maxAvoidPolygons: number;
  maxClosedEdges: number;
  maxIsochroneContours: number;
  maxIsochroneMinutes: number;
  /** Samples per movement × option of a POST /scenario/run. */
  maxScenarioSamples: number;
}

export const DEFAULT_LIMITS: ServiceLimits = {
  maxRouteCoordinates: 25,
  maxTableSize: 100,
  maxNearestResults: 10,
  maxSnapM: SNAP_LIMIT_M,
  maxAlternatives: 3,
  maxAvoidPolygons: 20,
  maxClosedEdges: 500,
  maxIsochroneContours: 4,
  maxIsochroneMinutes: 60,
  maxScenarioSamples: 20_000,
};

/**
 * Everything the services share: the graph, one Router (searches are synchronous, so one Router serves
 * every request of the event loop in turn), the snapper and the gazetteer used to name places.
 */
export class ServiceContext {
  readonly router: Router;
  readonly snapper: EdgeSnapper;

  constructor(
    readonly graph: RoadGraph,
    readonly landmarks: readonly Landmark[],
    readonly limits: ServiceLimits = DEFAULT_LIMITS,
    /** Which graph this is (city name or source file), for the service description. */
    readonly graphLabel = 'graph',
  ) {
    this.router = new Router(graph);
    this.snapper = new EdgeSnapper(graph);
  }

  /** Snap every coordinate within its radius; the first one too far from a road is NoSegment. */
  snapAll(points: readonly [number, number][], radiuses: string | undefined): Waypoint[] {
    const radii = parseRadiuses(radiuses, points.length, this.limits.maxSnapM);
    return points.map(([lon, lat], i) => {
      const s = this.snapper.nearest(lon, lat, { maxDistanceM: radii[i]! });
      if (!s) throw new OsrmError('NoSegment', `Could not find a matching segment for coordinate ${i} (${lon},${lat}) within ${radii[i]} m`);
      return { endpoint: { edge: s.edge, fraction: s.fraction }, input: [lon, lat], location: [s.lon, s.lat], distanceM: s.distanceM, name: this.graph.nameOf(s.edge) };
    });
  }

  /** The per-request overlay: close_edges, avoid polygons and the depart time of day (undefined = none). */
  overlay(q: { close_edges?: string | undefined; avoid?: string | undefined; depart?: string | undefined }): CompiledOverlay | undefined {
    const ov: RouteOverlay = {};
    const closed: number[] = [];
    for (const e of parseEdgeList(q.close_edges, this.graph.edgeCount, this.limits.maxClosedEdges)) {
      closed.push(e);
      const t = this.graph.twin[e]!;
      if (t >= 0) closed.push(t);
    }
    if (closed.length > 0) ov.closedEdges = closed;
    const avoid = parseAvoid(q.avoid, this.limits.maxAvoidPolygons);
    if (avoid.length > 0) ov.avoidPolygons = avoid;
    if (q.depart !== undefined) {
      try {
        ov.speedFactorByClass = speedFactorsAt(parseClock(q.depart, 'depart'));
      } catch (err) {
        if (err instanceof InputError) throw new OsrmError('InvalidOptions', err.message);
        throw err;
      }
    }
    if (Object.keys(ov).length === 0) return undefined;
    try {
      return compileOverlay(this.graph, ov);
    } catch (err) {
      if (err instanceof InputError) throw new OsrmError('InvalidOptions', err.message);
      throw err;
    }
  }
}

export interface Waypoint {
  endpoint: RouteEndpoint & { edge: number; fraction: number };
  input: [number, number];
  /** The snapped point on the road. */
  location: [number, number];
  distanceM: number;
  /** Name of the road snapped to ('' when unnamed). */
  name: string;
}

/** An OSRM waypoint object. */
export function waypointJson(w: Waypoint): { hint: string; distance: number; name: string; location: [number, number] } {
  return { hint: '', distance: roundTo(w.distanceM, 3), name: w.name, location: [roundTo(w.location[0], 6), roundTo(w.location[1], 6)] };
}

