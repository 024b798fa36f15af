import { ROAD_CLASSES } from '../graph/road-class.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { CoverageTables, type SearchEndpoint } from '../metrics/coverage.js';
import { describePlace } from '../metrics/near.js';
import { PlaceExposure } from '../metrics/place-exposure.js';
import { TrafficFactors } from '../metrics/traffic-factors.js';
import type { RunPlan } from '../model/run-plan.js';
import { EXPOSURE_COMPONENTS, RESPONDER_TYPES } from '../model/run-result.js';
import { NOT_REROUTED, STOP_NO_ROUTE, type SampleSummary } from '../model/sample-summary.js';
import type { RouteEndpoint, RouteResult } from '../route/types.js';
import { routeKey, sameRouteIndex } from '../route/same-route.js';
import { bridgeMask, chokepointMask } from './edge-masks.js';
import { compileInjects } from './inject-compiler.js';
import { routeMovementOptions, type MovementEndpoints } from './option-routes.js';
import { RoadReuse } from './predictability.js';
import { Recorder } from './recorder.js';
import { ReroutePolicy } from './reroute-policy.js';
import { NominalRng, SampleRng } from './rng.js';
import { RunRouting } from './run-routing.js';
import { safestReplacements } from './safest-guard.js';
import { DecisionRouting, type CachedRoute } from './decision-routing.js';
import type { DecisionOutcome, Reroute, SimContext, SimInject, SimMovement } from './sim-context.js';
import { SampleScratch, simulateSample } from './simulate.js';
import { buildThreatSlots, exposureZones, type ThreatSlot } from './threat-slots.js';
import { Track, type TrackEnvironment } from './track.js';
import { resolveTriggerTimes } from './trigger-times.js';

export interface PrepareOptions {
  /** Samples per movement × option (default: the scenario's monte_carlo.samples). */
  samples?: number;
  /** Seed (default: the scenario's monte_carlo.seed). */
  seed?: string | number;
  /**
   * Results another PreparedRun of the SAME graph and plan already computed (PreparedRun.share()): the
   * route options and the coverage tables filled so far. Workers get them from the main thread instead of
   * searching again; both are deterministic functions of (graph, plan), so the simulation is identical.
   */
  precomputed?: PreparedShare;
  /**
   * Reroute and decision searches of earlier PreparedRuns of the same graph, routes and traffic (an
   * exercise re-simulates the day after every change). Keys name injects by id, so worlds whose inject
   * lists differ share what they have in common.
   */
  routeCache?: Map<string, CachedRoute | null>;
}

/** What a PreparedRun hands to the PreparedRuns of other threads (plain data: structured-clone safe). */
export interface PreparedShare {
  /** Route search result per movement × option. */
  routes: RouteResult[][];
  /** Coverage tables by key (CoverageTables.entries()). */
  coverage: [string, Float64Array | null][];
}

/** Mean wait of an uncontrolled convoy at a junction, seconds, by Junction kind (none, minor, major). */
export const JUNCTION_WAIT_S = [0, 8, 20] as const;
/** Classes whose crossings make a junction "major" (a signalised crossing in practice). */
const MAJOR_CLASSES = new Set(['motorway', 'trunk', 'primary', 'secondary', 'major', 'motorway_link', 'trunk_link', 'primary_link']);

/**
 * Everything about a run that is computed once, before any sample: route options (searched at the
 * departure band's speeds), one Track per option, threat slots, closure masks, coverage tables (lazily,
 * shared by all samples), the nominal run of each movement (trigger times). Deterministic: built again in
 * each worker from (graph, plan, options), it simulates identically.
 */
export class PreparedRun implements SimContext {
  readonly plan: RunPlan;
  readonly samples: number;
  readonly seed: string;
  readonly routing: RunRouting;
  readonly traffic: TrafficFactors;
  readonly slots: ThreatSlot[];
  readonly injects: SimInject[];
  readonly coverage: CoverageTables;
  readonly weights: Float64Array;
  readonly slowMps: number;
  readonly stoppedMps: number;
  readonly junctionWaitS = Float64Array.from(JUNCTION_WAIT_S);
  readonly responseTargetS: Float64Array;
  readonly evacuationTargetS: number;
  readonly incidentRatePerMS: number;
  readonly movements: SimMovement[];
  /** Route search result per movement × option (found or not, with the reason). */
  readonly routes: RouteResult[][];
  readonly endpoints: MovementEndpoints[];
  /** 1 for chokepoint edges (bridges, roundabouts, declared chokepoints): the chokepoint exposure component. */
  readonly chokeEdge: Uint8Array;
  /** The place-dependent part of the exposure score (zones, chokepoints), as the safest search weighs it. */
  readonly placeExposure: PlaceExposure;
  /** 1 for edges flagged BRIDGE or within a chokepoint declared as a bridge (RouteInfo.bridges). */
  readonly bridgeEdge: Uint8Array;
  readonly envs: TrackEnvironment[];
  /** Reroute and decision routes (PrepareOptions.routeCache). */
  readonly routeCache: Map<string, CachedRoute | null>;
  /** How many earlier movements plan to use each road (predictability). */
  private reuse: RoadReuse;
  private readonly decisions: DecisionRouting;
  private readonly reroutes: ReroutePolicy;
  private scratch: SampleScratch | undefined;
  /** The one random stream of this thread's samples, reseeded per sample (allocation-free). */
  private readonly rng = new SampleRng();
  /** sameRouteAs per movement, computed on first use (the tracks are final once the constructor returns). */
  private sameRoute: (readonly number[] | undefined)[] = [];
  /** Key prefix of the random streams per movement, the same for all its options (SampleRng.streamPrefix). */
  private readonly streamPrefixes: string[];

  constructor(
    readonly graph: RoadGraph,
    plan: RunPlan,
    opts: PrepareOptions = {},
  ) {
    this.plan = plan;
    this.routeCache = opts.routeCache ?? new Map();
    this.samples = Math.max(1, Math.floor(opts.samples ?? plan.samples));
    this.seed = String(opts.seed ?? plan.seed);
    this.traffic = new TrafficFactors(plan.traffic);
    this.routing = new RunRouting(graph, this.traffic);
    this.slots = buildThreatSlots(plan.threats, plan.injects);
    const sc = plan.scoring;
    this.weights = Float64Array.from(EXPOSURE_COMPONENTS.map((c) => sc.weights[c]));
    this.slowMps = sc.slowKmh / 3.6;
    this.stoppedMps = sc.stoppedKmh / 3.6;
    this.responseTargetS = Float64Array.from(RESPONDER_TYPES.map((t) => sc.responseTargetS[t]));
    this.evacuationTargetS = sc.evacuationTargetS;
    // Network length counts each two-way road once.
    let networkM = 0;
    for (let e = 0; e < graph.edgeCount; e++) if (graph.twin[e]! < 0 || e < graph.twin[e]!) networkM += graph.lengthM[e]!;
    this.incidentRatePerMS = networkM > 0 ? (plan.traffic.incidentsPerHour ?? 0) / 3600 / networkM : 0;

    this.endpoints = plan.movements.map((mv) => ({ from: this.snapPlace(mv.from), to: this.snapPlace(mv.to) }));
    const given = opts.precomputed?.routes;
    if (given && (given.length !== plan.movements.length || given.some((r, mi) => r.length !== plan.movements[mi]!.options.length))) {
      throw new Error('precomputed routes do not match the plan (movements × options)');
    }
    this.chokeEdge = chokepointMask(graph, plan.chokepoints);
    this.placeExposure = new PlaceExposure(graph, exposureZones(plan.threats), sc.threatDecayM, { threat: sc.weights.threat, crowd: sc.weights.crowd, chokepoint: sc.weights.chokepoint }, this.chokeEdge);
    this.routes = given ?? plan.movements.map((mv, mi) => routeMovementOptions(this.routing, mv, this.endpoints[mi]!, this.traffic.bandAt(mv.departureS), this.placeExposure));
    this.bridgeEdge = bridgeMask(graph, plan.chokepoints);
    const majorClass = Uint8Array.from(ROAD_CLASSES.map((c) => (MAJOR_CLASSES.has(c) ? 1 : 0)));
    this.reuse = RoadReuse.build(graph, plan.movements, this.routes);
    this.envs = plan.movements.map((mv) => ({
      graph,
      chokeEdge: this.chokeEdge,
      reuseFactor: (edge: number) => this.reuse.factor(edge, mv.departureS),
      majorClass,
      threats: this.slots,
      threatDecayM: sc.threatDecayM,
    }));
    this.movements = plan.movements.map((mv, mi) => ({
      id: mv.id,
      departureS: mv.departureS,
      departureWindowS: mv.departureWindowS,
      escort: mv.escort,
      optionIds: mv.options.map((o) => o.id),
      allowedResponders: Uint8Array.from(plan.responders.map((r) => (!mv.responders || mv.responders.includes(r.id) ? 1 : 0))),
      tracks: this.routes[mi]!.map((r) => this.trackOf(mi, r)),
    }));
    this.streamPrefixes = this.movements.map((mv) => SampleRng.streamPrefix(this.seed, mv.id));
    this.injects = compileInjects(graph, plan, this.slots);
    this.decisions = new DecisionRouting(this);
    this.reroutes = new ReroutePolicy(this.movements, this.injects, this.decisions);
    const responderEnds = plan.responders.map((r) => this.snapPlace(r) as SearchEndpoint | undefined);
    const evacEnds = [plan.hospitals, plan.safeHavens].map((list) => list.flatMap((p) => {
      const e = this.snapPlace(p);
      return e ? [e as SearchEndpoint] : [];
    }));
    this.coverage = new CoverageTables(graph, plan.responders, responderEnds, evacEnds, this.traffic, this.routing.nodeTimes);
    if (opts.precomputed) this.coverage.adopt(opts.precomputed.coverage);
    if (!given) this.replaceMoreExposedSafest();
    resolveTriggerTimes(graph, this.injects, this.movements, (mi, oi) => this.nominal(mi, oi));
  }

  /** The Track of a route of movement mi (null: no route). */
  private trackOf(mi: number, r: RouteResult): Track | null {
    return r.found && r.edges.length > 0 ? new Track(this.envs[mi]!, r.edges, r.fromPosition?.fraction ?? 0, r.toPosition?.fraction ?? 1) : null;
  }

  /** safest-guard.ts: a safest option takes the fastest route where that is less exposed on the nominal run. */
  private replaceMoreExposedSafest(): void {
    const swaps = safestReplacements(this);
    if (swaps.length === 0) return;
    for (const s of swaps) this.routes[s.movement]![s.option] = s.route;
    // Predictability depends on every movement's planned route: rebuild it, then every Track.
    this.reuse = RoadReuse.build(this.graph, this.plan.movements, this.routes);
    this.movements.forEach((mv, mi) => this.routes[mi]!.forEach((r, oi) => (mv.tracks[oi] = this.trackOf(mi, r))));
  }

  /** Routes and coverage tables computed so far, for PrepareOptions.precomputed of another thread. */
  share(): PreparedShare {
    return { routes: this.routes, coverage: this.coverage.entries() };
  }

  /**
   * For each option of movement `mi`, the first earlier option that drives exactly the same route (-1: none,
   * or no route; engine/route/same-route.ts). The sample loop depends on an option only through its track (a reroute to another option
   * skips any option blocked at the same place, and a twin is blocked wherever the first one is), so such
   * options are one route: a run simulates and analyses it once and reports that result under each name.
   */
  sameRouteAs(mi: number): readonly number[] {
    let twins = this.sameRoute[mi];
    if (!twins) {
      const mv = this.movements[mi]!;
      twins = sameRouteIndex(mv.tracks.map((t, oi) => (t && this.routes[mi]![oi]!.found ? routeKey(t.edge, t.fromFraction, t.toFraction) : null)));
      this.sameRoute[mi] = twins;
    }
    return twins;
  }

  /** Simulate one sample (the seeded day of its movement, common to all options). Options without a route give an empty summary. */
  runSample(mi: number, oi: number, sample: number): SampleSummary {
    const mv = this.movements[mi]!;
    if (!mv.tracks[oi]) return emptySummary(sample);
    const rng = this.rng.reseed(this.streamPrefixes[mi]!, sample);
    this.scratch ??= new SampleScratch(this, this.plan.responders.length);
    return simulateSample(this, mi, oi, rng, this.scratch, null, sample, this.plan.responders);
  }

  /** The placeholder sample of an option that shares an earlier option's route (runSampleChunk). */
  sharedRouteSample(sample: number): SampleSummary {
    return emptySummary(sample);
  }

  /** Sample `sample` again with its full record (trajectory, stops, events) — for playback. */
  recordSample(mi: number, oi: number, sample: number): { summary: SampleSummary; record: Recorder } | null {
    const mv = this.movements[mi]!;
    if (!mv.tracks[oi]) return null;
    const rec = new Recorder();
    const rng = new SampleRng().reseed(this.streamPrefixes[mi]!, sample);
    const summary = simulateSample(this, mi, oi, rng, new SampleScratch(this, this.plan.responders.length), rec, sample, this.plan.responders);
    return { summary, record: rec };
  }

  /** The nominal run (every random draw at its median/mean): the "typical day" behind hotspots and stretches. */
  nominal(mi: number, oi: number): { summary: SampleSummary; record: Recorder } | null {
    const mv = this.movements[mi]!;
    if (!mv.tracks[oi]) return null;
    const rec = new Recorder();
    const summary = simulateSample(this, mi, oi, new NominalRng(), new SampleScratch(this, this.plan.responders.length), rec, -1, this.plan.responders);
    return { summary, record: rec };
  }

  reroute(mi: number, currentOption: number, node: number, active: Uint8Array, destination = -1): Reroute | null {
    if (destination >= 0) return this.decisions.freshRoute(mi, node, active, destination, 'fastest');
    return this.reroutes.reroute(mi, currentOption, node, active);
  }

  /** The ids of the closures set in `active` (a cache key part that does not depend on inject order). */
  closureKey(active: Uint8Array): string {
    let key = '';
    for (let k = 0; k < active.length; k++) if (active[k]) key += this.injects[k]!.plan.id + ',';
    return key;
  }

  decide(mi: number, injectIndex: number, currentOption: number, node: number, active: Uint8Array, destination: number, timeS: number): DecisionOutcome {
    return this.decisions.decide(mi, injectIndex, currentOption, node, active, destination, timeS);
  }

  nodeLon(node: number): number {
    return this.graph.lon(node);
  }

  nodeLat(node: number): number {
    return this.graph.lat(node);
  }

  lonLatOfNode(node: number): [number, number] {
    return [this.graph.lon(node), this.graph.lat(node)];
  }

  describe(lon: number, lat: number): string {
    return describePlace(this.plan.landmarks, lon, lat);
  }

  private snapPlace(p: { lon: number; lat: number; landmark?: boolean }): RouteEndpoint | undefined {
    const s = this.routing.snap(p);
    return s ? { edge: s.edge, fraction: s.fraction } : undefined;
  }
}

function emptySummary(sample: number): SampleSummary {
  const none = { p50S: Infinity, p95S: Infinity, maxS: Infinity, withinShare: 0 };
  return { sample, timeS: 0, arrived: false, rerouted: false, exposure: [0, 0, 0, 0, 0, 0], response: [none, none, none, none], evacuation: [none, none], drivenM: 0, reroutedTo: NOT_REROUTED, heldS: 0, stopReason: STOP_NO_ROUTE, stopNode: -1, stopInject: -1, stopTimeS: -1 };
}
