import type { RoadGraph } from '../graph/road-graph.js';
import { PlaceExposure } from '../metrics/place-exposure.js';
import { TrafficFactors } from '../metrics/traffic-factors.js';
import type { RunPlan } from '../model/run-plan.js';
import type { RouteEndpoint, RouteResult } from '../route/types.js';
import { chokepointMask } from './edge-masks.js';
import { routeMovementOptions, type MovementEndpoints } from './option-routes.js';
import { RunRouting } from './run-routing.js';
import { exposureZones } from './threat-slots.js';

/**
 * What the route options of a plan are searched with: the traffic bands, the run's routing (one Router,
 * search state allocated once), the chokepoint mask and the place-dependent exposure the safest search
 * weighs. A PreparedRun builds one and keeps its parts; PreparedRun.prepare builds it first, so that the
 * movements' searches (most of a large day's preparation) can run one movement at a time.
 */
export class OptionSearch {
  readonly traffic: TrafficFactors;
  readonly routing: RunRouting;
  /** 1 for chokepoint edges (bridges, roundabouts, declared chokepoints). */
  readonly chokeEdge: Uint8Array;
  readonly placeExposure: PlaceExposure;
  /** Each movement's two ends, snapped when first asked for. */
  private readonly ends: (MovementEndpoints | undefined)[];

  constructor(
    readonly graph: RoadGraph,
    readonly plan: RunPlan,
  ) {
    const sc = plan.scoring;
    this.traffic = new TrafficFactors(plan.traffic);
    this.routing = new RunRouting(graph, this.traffic);
    this.chokeEdge = chokepointMask(graph, plan.chokepoints);
    this.placeExposure = new PlaceExposure(graph, exposureZones(plan.threats), sc.threatDecayM, { threat: sc.weights.threat, crowd: sc.weights.crowd, chokepoint: sc.weights.chokepoint }, this.chokeEdge);
    this.ends = new Array<MovementEndpoints | undefined>(plan.movements.length);
  }

  /** Movement mi's ends on the graph (undefined where a place is too far from any road). */
  endpointsOf(mi: number): MovementEndpoints {
    const mv = this.plan.movements[mi]!;
    return (this.ends[mi] ??= { from: this.snapPlace(mv.from), to: this.snapPlace(mv.to) });
  }

  /** The route of every option of movement mi, searched at the traffic band of its departure (option-routes.ts). */
  routesOf(mi: number): RouteResult[] {
    const mv = this.plan.movements[mi]!;
    return routeMovementOptions(this.routing, mv, this.endpointsOf(mi), this.traffic.bandAt(mv.departureS), this.placeExposure);
  }

  snapPlace(p: { lon: number; lat: number; landmark?: boolean }): RouteEndpoint | undefined {
    const s = this.routing.snap(p);
    return s ? { edge: s.edge, fraction: s.fraction } : undefined;
  }
}
