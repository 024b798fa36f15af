import { EdgeFlag, ROAD_CLASSES } from '../graph/road-class.js';
import type { RoadGraph } from '../graph/road-graph.js';
import type { RouteEndpoint, RouteResult } from '../route/types.js';
import { CoverageTables, type SearchEndpoint } from '../metrics/coverage.js';
import { distanceToAreaM } from '../metrics/threat-geometry.js';
import { Recorder } from './recorder.js';
import { NominalRng, SampleRng } from './rng.js';
import type { DecisionOutcome, Reroute, SimContext, SimInject, SimMovement } from './sim-context.js';
import { DecisionRouting, type CachedRoute } from './decision-routing.js';
import { SampleScratch, simulateSample } from './simulate.js';
import { buildThreatSlots, type ThreatSlot } from './threat-slots.js';
import { Track, type TrackEnvironment } from './track.js';
import { TrafficFactors } from '../metrics/traffic-factors.js';
import { describePlace } from '../metrics/near.js';
import { EXPOSURE_COMPONENTS, RESPONDER_TYPES } from '../model/run-result.js';
import type { PlanMovement, PlanOption, RunPlan } from '../model/run-plan.js';
import { RunRouting } from './run-routing.js';
import type { SampleSummary } from '../model/sample-summary.js';

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

/** edgesNear answers per graph (a scan of every edge; exercises build many worlds with the same places). */
const EDGES_NEAR = new WeakMap<RoadGraph, Map<string, number[]>>();

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
  readonly endpoints: { from: RouteEndpoint | undefined; to: RouteEndpoint | undefined }[];
  readonly chokeEdge: Uint8Array;
  /** 1 for edges flagged BRIDGE or within a chokepoint declared as a bridge (RouteInfo.bridges). */
  readonly bridgeEdge: Uint8Array;
  readonly envs: TrackEnvironment[];
  /** Reroute and decision routes (PrepareOptions.routeCache). */
  readonly routeCache: Map<string, CachedRoute | null>;
  private readonly decisions: DecisionRouting;
  private scratch: SampleScratch | undefined;
  /** The one random stream of this thread's samples, reseeded per sample (allocation-free). */
  private readonly rng = new SampleRng();
  private readonly streamPrefixes: string[][];

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

    // Routes of every option, searched at the traffic of the departure time.
    this.endpoints = plan.movements.map((mv) => ({ from: this.snapPlace(mv.from), to: this.snapPlace(mv.to) }));
    const given = opts.precomputed?.routes;
    if (given && (given.length !== plan.movements.length || given.some((r, mi) => r.length !== plan.movements[mi]!.options.length))) {
      throw new Error('precomputed routes do not match the plan (movements × options)');
    }
    this.routes = given ?? plan.movements.map((mv, mi) => this.routeOptions(mv, mi));
    this.chokeEdge = this.buildChokeMask();
    this.bridgeEdge = new Uint8Array(graph.edgeCount);
    for (let e = 0; e < graph.edgeCount; e++) if (graph.flags[e]! & EdgeFlag.BRIDGE) this.bridgeEdge[e] = 1;
    for (const c of plan.chokepoints) if (c.bridge) for (const e of this.edgesNear(c.lon, c.lat, c.radiusM)) this.bridgeEdge[e] = 1;
    const majorClass = Uint8Array.from(ROAD_CLASSES.map((c) => (MAJOR_CLASSES.has(c) ? 1 : 0)));
    this.envs = plan.movements.map((_mv, mi) => ({
      graph,
      chokeEdge: this.chokeEdge,
      reuseCount: this.reuseFor(mi),
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
      tracks: this.routes[mi]!.map((r) => (r.found && r.edges.length > 0 ? new Track(this.envs[mi]!, r.edges, r.fromPosition?.fraction ?? 0, r.toPosition?.fraction ?? 1) : null)),
    }));
    this.streamPrefixes = this.movements.map((mv) => mv.optionIds.map((o) => SampleRng.streamPrefix(this.seed, mv.id, o)));
    this.injects = this.prepareInjects();
    this.decisions = new DecisionRouting(this);
    const responderEnds = plan.responders.map((r) => this.snapPlace(r) as SearchEndpoint | undefined);
    const evacEnds = [plan.hospitals, plan.safeHavens].map((list) => list.flatMap((p) => {
      const e = this.snapPlace(p);
      return e ? [e as SearchEndpoint] : [];
    }));
    this.coverage = new CoverageTables(graph, plan.responders, responderEnds, evacEnds, this.traffic, this.routing.nodeTimes);
    if (opts.precomputed) this.coverage.adopt(opts.precomputed.coverage);
    this.resolveTriggerTimes();
  }

  /** Routes and coverage tables computed so far, for PrepareOptions.precomputed of another thread. */
  share(): PreparedShare {
    return { routes: this.routes, coverage: this.coverage.entries() };
  }

  /** Key prefix of the random streams of movement mi, option oi (SampleRng.streamPrefix). */
  private streamPrefix(mi: number, oi: number): string {
    return this.streamPrefixes[mi]![oi]!;
  }

  /** Simulate one sample (its own seeded stream). Options without a route give an empty summary. */
  runSample(mi: number, oi: number, sample: number): SampleSummary {
    const mv = this.movements[mi]!;
    if (!mv.tracks[oi]) return emptySummary(sample);
    const rng = this.rng.reseed(this.streamPrefix(mi, oi), sample);
    this.scratch ??= new SampleScratch(this, this.plan.responders.length);
    return simulateSample(this, mi, oi, rng, this.scratch, null, sample, this.plan.responders);
  }

  /** Sample `sample` again with its full record (trajectory, stops, events) — for playback. */
  recordSample(mi: number, oi: number, sample: number): { summary: SampleSummary; record: Recorder } | null {
    const mv = this.movements[mi]!;
    if (!mv.tracks[oi]) return null;
    const rec = new Recorder();
    const rng = new SampleRng().reseed(this.streamPrefix(mi, oi), sample);
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
    const mv = this.movements[mi]!;
    if (destination >= 0) return this.decisions.freshRoute(mi, node, active, destination, 'fastest');
    const blocked = (track: Track, from: number): boolean => {
      for (let k = 0; k < this.injects.length; k++) {
        if (!active[k]) continue;
        const mask = this.injects[k]!.closedMask!;
        for (let j = from; j < track.n; j++) if (mask[track.edge[j]!]) return true;
      }
      return false;
    };
    // 1. The next planned option (in scenario order) that passes here and avoids every active closure.
    for (let o = 0; o < mv.tracks.length; o++) {
      const track = mv.tracks[o];
      if (o === currentOption || !track) continue;
      const j = track.indexOfTail(node);
      if (j >= 0 && !blocked(track, j)) return { track, start: j, optionIndex: o };
    }
    // 2. A fresh search with the closures as an overlay (cached: same node and closures → same answer).
    return this.decisions.freshRoute(mi, node, active, -1, 'fastest');
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

  private snapPlace(p: { lon: number; lat: number }): RouteEndpoint | undefined {
    return this.routing.snap(p.lon, p.lat);
  }

  private routeOptions(mv: PlanMovement, mi: number): RouteResult[] {
    const { from, to } = this.endpoints[mi]!;
    if (!from) return mv.options.map(() => ({ found: false, reason: `${mv.from.id} is more than 1.5 km from any road` }));
    if (!to) return mv.options.map(() => ({ found: false, reason: `${mv.to.id} is more than 1.5 km from any road` }));
    const band = this.traffic.bandAt(mv.departureS);
    // Non-auto options first; `auto` options then take the alternatives that differ from all of them, in
    // order (an `auto` option never repeats the route of a fastest/safest/via option of the movement).
    const fixed = mv.options.map((o) => (o.kind === 'auto' ? null : this.routeOption(o, from, to, band)));
    const autoCount = mv.options.filter((o) => o.kind === 'auto').length;
    let alts: RouteResult[] = [];
    if (autoCount > 0) {
      const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((e, i) => e === b[i]);
      const taken = fixed.flatMap((r) => (r && r.found ? [r.edges] : []));
      alts = this.routing.alternatives(from, to, autoCount + taken.length, band).filter((r) => !taken.some((t) => same(t, r.edges)));
    }
    return mv.options.map((o, oi): RouteResult => {
      if (o.kind !== 'auto') return fixed[oi]!;
      const rank = o.rank ?? 0;
      return alts[rank] ?? { found: false, reason: `only ${alts.length} reasonable alternative(s) differ from the other options (wanted #${rank + 1})` };
    });
  }

  private routeOption(o: PlanOption, from: RouteEndpoint, to: RouteEndpoint, band: number): RouteResult {
    {
      switch (o.kind) {
        case 'fastest':
          return this.routing.fastest(from, to, band);
        case 'safest':
          return this.routing.safest(from, to, o.maxDelayS ?? 300, this.plan.threats, band);
        case 'via': {
          const pts: RouteEndpoint[] = [from];
          for (const v of o.via ?? []) {
            const e = this.snapPlace(v);
            if (!e) return { found: false, reason: `via ${v.id} is more than 1.5 km from any road` };
            pts.push(e);
          }
          pts.push(to);
          return this.routing.via(pts, band);
        }
        default:
          return { found: false, reason: `option kind ${o.kind} is routed with the alternatives` };
      }
    }
  }

  /** Bridges, roundabouts, and edges within a declared chokepoint's radius (both directions). */
  private buildChokeMask(): Uint8Array {
    const g = this.graph;
    const mask = new Uint8Array(g.edgeCount);
    for (let e = 0; e < g.edgeCount; e++) if (g.flags[e]! & (EdgeFlag.BRIDGE | EdgeFlag.ROUNDABOUT)) mask[e] = 1;
    for (const c of this.plan.chokepoints) for (const e of this.edgesNear(c.lon, c.lat, c.radiusM)) mask[e] = 1;
    return mask;
  }

  /** Edges with an end node or midpoint within radiusM of a point (approximation documented in the metrics). */
  edgesNear(lon: number, lat: number, radiusM: number): number[] {
    const g = this.graph;
    let memo = EDGES_NEAR.get(g);
    if (!memo) EDGES_NEAR.set(g, (memo = new Map()));
    const key = `${lon},${lat},${radiusM}`;
    const known = memo.get(key);
    if (known) return known;
    const out: number[] = [];
    memo.set(key, out);
    const area = { type: 'circle' as const, lon, lat, radiusM };
    for (let e = 0; e < g.edgeCount; e++) {
      const t = g.tail[e]!;
      const h = g.head[e]!;
      if (Math.abs(g.lat(t) - lat) > 0.05) continue;
      if (distanceToAreaM(area, g.lon(t), g.lat(t)) === 0 || distanceToAreaM(area, g.lon(h), g.lat(h)) === 0 || distanceToAreaM(area, (g.lon(t) + g.lon(h)) / 2, (g.lat(t) + g.lat(h)) / 2) === 0) out.push(e);
    }
    return out;
  }

  /**
   * Predictability factor per graph edge for movement mi: k / (k + 1), where k is the number of movements
   * departing EARLIER in the day whose planned route (first option with a route) uses the same road (edge or
   * twin). A watcher who saw k convoys pass knows the road; the factor saturates toward 1.
   */
  private reuseFor(mi: number): Float64Array {
    const g = this.graph;
    const count = new Float64Array(g.edgeCount);
    const me = this.plan.movements[mi]!;
    this.routes.forEach((opts, mj) => {
      const other = this.plan.movements[mj]!;
      if (mj === mi || !(other.departureS < me.departureS)) return;
      const r = opts.find((x) => x.found);
      if (!r || !r.found) return;
      const seen = new Set<number>();
      for (const e of r.edges) {
        for (const x of [e, g.twin[e]!]) {
          if (x < 0 || seen.has(x)) continue;
          seen.add(x);
          count[x]!++;
        }
      }
    });
    for (let e = 0; e < count.length; e++) if (count[e]! > 0) count[e] = count[e]! / (count[e]! + 1);
    return count;
  }

  private prepareInjects(): SimInject[] {
    const g = this.graph;
    const mIndex = new Map(this.plan.movements.map((m, i) => [m.id, i]));
    let slotCursor = this.plan.threats.length;
    return this.plan.injects.map((inj) => {
      const a = inj.action;
      const triggerMovement = inj.trigger ? (mIndex.get(inj.trigger.movementId) ?? -1) : -1;
      const si: SimInject = { plan: inj, closedMask: null, responder: -1, openSlot: -1, closeSlot: -1, breakdownMovement: -1, decisionMovement: -1, triggerMovement, nominalTimeS: Infinity, dueS: triggerMovement >= 0 ? Infinity : inj.atS ?? Infinity };
      if (a.type === 'close_road' || a.type === 'close_edges' || a.type === 'close_area') {
        const mask = new Uint8Array(g.edgeCount);
        const edges = a.type === 'close_edges' ? a.edges : a.type === 'close_road' ? this.edgesNear(a.lon, a.lat, a.radiusM) : this.edgesInArea(a.area);
        for (const e of edges) {
          if (e < 0 || e >= g.edgeCount) continue;
          mask[e] = 1;
          const tw = g.twin[e]!;
          if (tw >= 0) mask[tw] = 1;
        }
        si.closedMask = mask;
      } else if (a.type === 'add_threat' || a.type === 'move_threat') {
        const slot = this.slots.findIndex((s, k) => k >= slotCursor && s.openedByInject === this.plan.injects.indexOf(inj));
        if (slot >= 0) {
          si.openSlot = slot;
          si.closeSlot = this.slots[slot]!.replaces;
          slotCursor = slot + 1;
        }
      } else if (a.type === 'responder_out') si.responder = this.plan.responders.findIndex((r) => r.id === a.responderId);
      else if (a.type === 'breakdown') si.breakdownMovement = mIndex.get(a.movementId) ?? -1;
      else if (a.type === 'decision') si.decisionMovement = mIndex.get(a.movementId) ?? -1;
      return si;
    });
  }

  private edgesInArea(area: import('../model/run-plan.js').PlanArea): number[] {
    if (area.type === 'circle') return this.edgesNear(area.lon, area.lat, area.radiusM);
    const g = this.graph;
    const out: number[] = [];
    for (let e = 0; e < g.edgeCount; e++) {
      const t = g.tail[e]!;
      const h = g.head[e]!;
      if (distanceToAreaM(area, g.lon(t), g.lat(t)) === 0 || distanceToAreaM(area, g.lon(h), g.lat(h)) === 0) out.push(e);
    }
    return out;
  }

  /** Trigger injects fire for the other movements at the time the trigger movement's nominal run gets there. */
  private resolveTriggerTimes(): void {
    for (const inj of this.injects) {
      if (inj.triggerMovement < 0) continue;
      const trig = inj.plan.trigger!;
      const oi = this.movements[inj.triggerMovement]!.tracks.findIndex((t) => t !== null);
      const run = oi >= 0 ? this.nominal(inj.triggerMovement, oi) : null;
      if (!run) continue;
      for (const [node, time] of run.record.nodeTime) {
        const d = distanceToAreaM({ type: 'circle', lon: trig.place.lon, lat: trig.place.lat, radiusM: trig.radiusM }, this.graph.lon(node), this.graph.lat(node));
        if (d === 0 && time < inj.nominalTimeS) inj.nominalTimeS = inj.dueS = time;
      }
    }
  }
}

function emptySummary(sample: number): SampleSummary {
  const none = { p50S: Infinity, p95S: Infinity, maxS: Infinity, withinShare: 0 };
  return { sample, timeS: 0, arrived: false, rerouted: false, exposure: [0, 0, 0, 0, 0, 0], response: [none, none, none, none], evacuation: [none, none] };
}
