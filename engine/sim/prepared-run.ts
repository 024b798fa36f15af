import { ROAD_CLASSES } from '../graph/road-class.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { CoverageTables, type SearchEndpoint } from '../metrics/coverage.js';
import { describePlace } from '../metrics/near.js';
import type { PlaceExposure } from '../metrics/place-exposure.js';
import type { TrafficFactors } from '../metrics/traffic-factors.js';
import type { RunPlan } from '../model/run-plan.js';
import { EXPOSURE_COMPONENTS, RESPONDER_TYPES } from '../model/run-result.js';
import { NOT_REROUTED, STOP_NO_ROUTE, type SampleSummary } from '../model/sample-summary.js';
import type { RouteEndpoint, RouteResult } from '../route/types.js';
import { routeKey, sameRouteIndex } from '../route/same-route.js';
import { bridgeMask } from './edge-masks.js';
import { compileInjects } from './inject-compiler.js';
import type { MovementEndpoints } from './option-routes.js';
import { OptionSearch } from './option-search.js';
import { RoadReuse } from './predictability.js';
import { Recorder } from './recorder.js';
import { ReroutePolicy } from './reroute-policy.js';
import { NominalRng, SampleRng } from './rng.js';
import type { RunRouting } from './run-routing.js';
import { safestReplacementsOf, type SafestReplacement } from './safest-guard.js';
import { DecisionRouting, type CachedRoute } from './decision-routing.js';
import type { DecisionOutcome, Reroute, SimContext, SimInject, SimMovement } from './sim-context.js';
import { SampleScratch, simulateSample } from './simulate.js';
import { buildThreatSlots, type ThreatSlot } from './threat-slots.js';
import { Track, type TrackEnvironment } from './track.js';
import { resolveTriggerTime } from './trigger-times.js';

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

/**
 * One step of a preparation made step by step (PreparedRun.prepare), after it is done: the route options
 * of movement `done` of `total` searched ('routes'), its safest options checked against the fastest route
 * ('safest'), or the trigger time of inject `done` of `total` set ('triggers').
 */
export interface PrepareStep {
  stage: 'routes' | 'safest' | 'triggers';
  done: number;
  total: number;
}

/** What PreparedRun.prepare did before the constructor: the search set-up and every movement's routes. */
interface StagedPreparation {
  search: OptionSearch;
  routes: RouteResult[][];
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
 *
 * `new PreparedRun(…)` prepares at once. PreparedRun.prepare does the same work step by step (each
 * movement's searches, each movement's safest check, each triggered inject), awaiting a callback between
 * steps, so that the main thread can hear Ctrl-C during a large day's preparation (prepare-interruptibly.ts).
 * Same steps in the same order: the same run.
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
  /** sameRouteAs per movement, computed on first use after the preparation (a safest replacement clears it). */
  private sameRoute: (readonly number[] | undefined)[] = [];
  /** Key prefix of the random streams per movement, the same for all its options (SampleRng.streamPrefix). */
  private readonly streamPrefixes: string[];
  /** Routes searched here (not given by another thread): the safest guard still has to check them. */
  private readonly searchedHere: boolean;

  /** The whole preparation at once. `staged` is PreparedRun.prepare's: then prepare() finishes it. */
  constructor(
    readonly graph: RoadGraph,
    plan: RunPlan,
    opts: PrepareOptions = {},
    staged?: StagedPreparation,
  ) {
    this.plan = plan;
    this.routeCache = opts.routeCache ?? new Map();
    this.samples = Math.max(1, Math.floor(opts.samples ?? plan.samples));
    this.seed = String(opts.seed ?? plan.seed);
    const search = staged?.search ?? new OptionSearch(graph, plan);
    this.traffic = search.traffic;
    this.routing = search.routing;
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

    const given = opts.precomputed?.routes;
    if (given && (given.length !== plan.movements.length || given.some((r, mi) => r.length !== plan.movements[mi]!.options.length))) {
      throw new Error('precomputed routes do not match the plan (movements × options)');
    }
    this.chokeEdge = search.chokeEdge;
    this.placeExposure = search.placeExposure;
    this.searchedHere = !given;
    this.routes = given ?? staged?.routes ?? plan.movements.map((_mv, mi) => search.routesOf(mi));
    this.endpoints = plan.movements.map((_mv, mi) => search.endpointsOf(mi));
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
    if (!staged) for (const _step of this.finishing()); // every step now, without pausing
  }

  /**
   * A run prepared step by step: `between` is awaited after each step (PrepareStep), and a throw or a
   * rejection from it ends the preparation there; nothing half-prepared is returned. Byte-identical to
   * `new PreparedRun(graph, plan, opts)`.
   */
  static async prepare(graph: RoadGraph, plan: RunPlan, opts: PrepareOptions, between: (step: PrepareStep) => void | Promise<void>): Promise<PreparedRun> {
    const search = new OptionSearch(graph, plan);
    let routes = opts.precomputed?.routes;
    if (!routes) {
      routes = [];
      const total = plan.movements.length;
      for (let mi = 0; mi < total; mi++) {
        routes.push(search.routesOf(mi));
        await between({ stage: 'routes', done: mi + 1, total });
      }
    }
    const run = new PreparedRun(graph, plan, opts, { search, routes });
    for (const step of run.finishing()) await between(step);
    return run;
  }

  /**
   * The steps that simulate (nominal runs) on the world built so far: the safest guard on routes searched
   * here (safest-guard.ts), movement by movement, then each triggered inject's time (trigger-times.ts).
   */
  private *finishing(): Generator<PrepareStep, void, void> {
    const movementCount = this.plan.movements.length;
    if (this.searchedHere) {
      const swaps: SafestReplacement[] = [];
      for (let mi = 0; mi < movementCount; mi++) {
        swaps.push(...safestReplacementsOf(this, mi));
        yield { stage: 'safest', done: mi + 1, total: movementCount };
      }
      this.applySafestReplacements(swaps);
    }
    for (let k = 0; k < this.injects.length; k++) {
      resolveTriggerTime(this.graph, this.injects[k]!, this.movements, (mi, oi) => this.nominal(mi, oi));
      yield { stage: 'triggers', done: k + 1, total: this.injects.length };
    }
  }

  /** The Track of a route of movement mi (null: no route). */
  private trackOf(mi: number, r: RouteResult): Track | null {
    return r.found && r.edges.length > 0 ? new Track(this.envs[mi]!, r.edges, r.fromPosition?.fraction ?? 0, r.toPosition?.fraction ?? 1) : null;
  }

  /** safest-guard.ts: a safest option takes the fastest route where that is less exposed on the nominal run. */
  private applySafestReplacements(swaps: readonly SafestReplacement[]): void {
    if (swaps.length === 0) return;
    for (const s of swaps) this.routes[s.movement]![s.option] = s.route;
    this.sameRoute = [];
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
