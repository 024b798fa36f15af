/**
 * The machine-readable result of `motorcade run` (what `--json` prints), field by field.
 *
 * Stability rules:
 * - `format` names the schema version; a field is only ever added, never renamed or re-typed, within a version.
 * - Units are in the field names: `...S` seconds, `...M` metres, `...Kmh` km/h, `share` a fraction 0..1,
 *   `exposure` weighted seconds ("exposure-seconds", see docs/metrics.md for the formulas).
 * - Times of day (`...TimeS`, `departureS`, `entryS`, `exitS`, event `timeS`) are seconds since local
 *   midnight of the scenario date; durations are plain seconds.
 * - Coordinates are WGS84 [lon, lat] (RFC 7946 order).
 * - For the same graph, scenario, seed and samples the JSON is byte-identical: no timestamps, no timings,
 *   no worker counts. Wall-clock timings exist only in `RunTimings`, which is never part of RunResult.
 * - Edge ids refer to the RoadGraph the run used (see `graph`); they are only meaningful with that graph.
 */
import type { Playback } from './playback.js';

export type { EventKind, EventLogEntry, Playback, Stop, TrajectoryStep } from './playback.js';

export const RUN_RESULT_FORMAT = 'motorcade-run/1';

/** How a summary's quantiles were computed: nearest rank over the kept values, or DDSketch estimates within 1 %. */
export type QuantileMethod = 'exact' | 'sketch';

/** Exposure components, in the fixed order used everywhere (tables, CSV columns, JSON keys). */
export const EXPOSURE_COMPONENTS = ['threat', 'slow', 'stopped', 'chokepoint', 'crowd', 'predictability'] as const;
export type ExposureComponent = (typeof EXPOSURE_COMPONENTS)[number];

/** Responder types, in the fixed order used everywhere. */
export const RESPONDER_TYPES = ['police', 'qrf', 'ambulance', 'eod'] as const;
export type ResponderType = (typeof RESPONDER_TYPES)[number];

/** Evacuation destination kinds. */
export const EVACUATION_KINDS = ['hospital', 'safe_haven'] as const;
export type EvacuationKind = (typeof EVACUATION_KINDS)[number];

export interface RunResult {
  format: typeof RUN_RESULT_FORMAT;
  /** True when the run was interrupted (Ctrl-C, failed chunk): distributions cover `samplesDone` only. */
  partial: boolean;
  scenario: { id: string; name: string };
  /** The seed every sample stream derives from (scenario `monte_carlo.seed` unless overridden). */
  seed: string;
  /** Samples requested per movement × option. */
  samples: number;
  graph: GraphInfo;
  /** The scoring parameters actually used (scenario values with defaults filled in). */
  scoring: ScoringUsed;
  movements: MovementResult[];
}

export interface GraphInfo {
  nodes: number;
  edges: number;
  /** Short description of the source (e.g. "phnom-penh core-streets + metro-roads"). */
  source: string;
  /** Always carried along with anything derived from OSM data. */
  attribution: string;
}

export interface ScoringUsed {
  /** Weight of each exposure component (dimensionless multipliers of seconds). */
  weights: Record<ExposureComponent, number>;
  /** Response target per responder type, seconds (turnout + travel). */
  responseTargetS: Record<ResponderType, number>;
  /** Evacuation target, seconds (travel from the route point to the destination). */
  evacuationTargetS: number;
  /** Speeds below this count as slow (km/h); below `stoppedKmh` as stopped. */
  slowKmh: number;
  stoppedKmh: number;
  /** Outside a threat zone its intensity falls linearly to 0 over this distance (metres). */
  threatDecayM: number;
  /** An option arriving in fewer than this share of its samples is never recommended (0..1; scenario `scoring.min_arrived_share`). */
  minArrivedShare: number;
  /**
   * What one minute of delay is worth in exposure-seconds (scenario `scoring.delay_minute_exposure`):
   * score = delayMinuteExposure × mean minutes + mean total exposure, over the samples that arrived.
   */
  delayMinuteExposure: number;
}

export interface PlaceRef {
  /** Scenario place id (or landmark id). */
  id: string;
  label: string;
  lon: number;
  lat: number;
}

export interface MovementResult {
  id: string;
  delegation: string;
  from: PlaceRef;
  to: PlaceRef;
  /** Planned departure, seconds since midnight. */
  departureS: number;
  options: OptionResult[];
  /**
   * Id of the recommended option (lowest score among the options arriving in at least
   * scoring.minArrivedShare of their samples, see docs), or null when no option does.
   */
  recommended: string | null;
  /** Plain-language verdict naming the trade-off between the recommended option and the runner-up. */
  verdict: string;
  /** The recommended option against the runner-up on the same days (common random numbers); null without either. */
  comparison: PairedComparison | null;
}

/** A paired difference (recommended − runner-up, per sample) with its 95 % confidence interval, rounded to 0.01. */
export interface PairedDifference {
  mean: number;
  low: number;
  high: number;
}

export interface PairedComparison {
  /** The recommended option and the runner-up it is compared with. */
  option: string;
  against: string;
  /** Samples (days) in which both arrived: the pairs. */
  pairs: number;
  /** Travel time difference, seconds (negative: the recommended option is faster). */
  timeS: PairedDifference;
  /** Total exposure difference, exposure-seconds. */
  exposure: PairedDifference;
  /** Score difference (delayMinuteExposure × minutes + exposure; negative: the recommended option scores better). */
  score: PairedDifference;
  /** The score interval covers zero: these samples cannot tell the two apart. */
  indistinguishable: boolean;
}

/** The samples that did not arrive, grouped by why and where (the most frequent first, at most 3 groups). */
export interface DidNotArrive {
  samples: number;
  stops: StopGroup[];
}

/** Samples that stopped (or held) for the same reason at the same place. */
export interface StopGroup {
  /** closure: a closure that never lifts, with no way round it; no_route: the option has no route; hold: held at a closure until it lifted. */
  reason: 'closure' | 'no_route' | 'hold';
  /** The closure inject (null when none). */
  inject: string | null;
  samples: number;
  /** Where it stopped or held (null when it never started). */
  lon: number | null;
  lat: number | null;
  near: string;
  /** Median time of day it stopped (not arrived) or median seconds held (hold), seconds; null when it never started. */
  timeS: number | null;
  /** In words: "stopped by closure seal_venue with no way round, at …, 08:12". */
  message: string;
}

/** Where rerouted samples went: the option switched to, or null for a fresh search around the closures. */
export interface RerouteTarget {
  option: string | null;
  /** Share of the option's samples (0..1). */
  share: number;
}

/**
 * Summary of a distribution over samples, in the unit of the field holding it (seconds for `timeS`,
 * exposure-seconds for exposure). Quantiles are nearest-rank: the value at rank ceil(p·n) (1-based) of the
 * sorted samples, so each is one of the sampled values. Every number is rounded to 0.01.
 */
export interface Distribution {
  /** 5th percentile (lower whisker of the report's box plot). */
  p05: number;
  /** 25th percentile (lower quartile, bottom of the box). */
  p25: number;
  /** Median. */
  p50: number;
  /** 75th percentile (upper quartile, top of the box). */
  p75: number;
  /** 95th percentile ("a bad day"). */
  p95: number;
  /** Arithmetic mean, summed in sample order. */
  mean: number;
  min: number;
  max: number;
  /**
   * Equal-width histogram over [min, max] (HISTOGRAM_BINS = 20 bins; one bin when min == max; no bin when
   * there is no sample). Bin i counts samples in [start + i·width, start + (i+1)·width), the last bin also
   * holds max. `start` and `width` are in the unit of the distribution; counts are integers summing to
   * the number of samples.
   */
  histogram: { start: number; width: number; counts: number[] };
}

export interface OptionResult {
  id: string;
  /** primary | alternate | contingency (from the scenario). */
  label: string;
  /** How the route was chosen: fastest | safest | auto | via. */
  kind: string;
  /** False when no route exists for this option; then every metric below is empty/zero and `reason` says why. */
  found: boolean;
  reason?: string;
  route: RouteInfo;
  /** Samples that contributed (== RunResult.samples unless partial). */
  samplesDone: number;
  /** Share of samples that reached the destination. */
  arrivedShare: number;
  /** Samples that reached the destination: every time, length and exposure below is over these only. */
  arrivedSamples: number;
  /**
   * How the quantiles below were computed: `exact` (nearest rank) while every metric of the option holds at
   * most 2,048 values (EXACT_BUDGET, engine/metrics/summary/quantile-summary.ts), `sketch` beyond: DDSketch
   * estimates within 1 % relative error. Counts, means, minima and maxima are exact either way.
   */
  quantiles: QuantileMethod;
  /** Share of samples in which the motorcade had to reroute because of an inject. */
  reroutedShare: number;
  /** Where the rerouted samples went, largest share first. */
  reroutes: RerouteTarget[];
  /** Places the nominal run's detour passes off the planned route, in driving order (empty: it keeps to the plan). */
  detourVia: string[];
  /** Metres actually driven by the samples that arrived (detours included); the planned length is route.lengthM. */
  drivenM: { p50: number; p95: number; mean: number };
  /** The samples that did not arrive (where they stopped and why), and the holds at closures of those that did. */
  didNotArrive: DidNotArrive;
  held: { share: number; stops: StopGroup[] };
  /** Id of an earlier option with exactly the same route: the two are one result (the same numbers). */
  sameRouteAs: string | null;
  /**
   * Id of an option at least as fast (mean time) and at most as exposed (mean exposure), strictly better in
   * one: this option is off the time–exposure Pareto front. Null on the front (or not arriving often enough).
   */
  dominatedBy: string | null;
  /** Door-to-door travel time of the samples that arrived, seconds. */
  timeS: Distribution;
  exposure: ExposureResult;
  hotspots: Hotspot[];
  response: ResponseResult[];
  evacuation: EvacuationResult[];
  chokepoints: Chokepoint[];
  robustness: CriticalEdge[];
  /** Sample 0 in full, for playback. */
  playback: Playback;
  /**
   * Score used for the recommendation, over the samples that arrived: scoring.delayMinuteExposure × mean
   * minutes + mean total exposure (exposure-seconds); lower is better.
   */
  score: number;
}

export interface RouteInfo {
  /** Directed edge ids in driving order. */
  edges: number[];
  /** LineString coordinates of the planned route, [lon, lat]. */
  coordinates: [number, number][];
  lengthM: number;
  /** Sum of the edges' free-flow times, no traffic, no junction delays. */
  freeFlowTimeS: number;
  /** Road names along the route, in order, consecutive duplicates removed ('' names skipped). */
  roads: string[];
  /** Bridges crossed (edge flagged BRIDGE or within a declared bridge chokepoint). */
  bridges: number;
}

export interface ExposureResult {
  /** Weighted total per sample, summarised. */
  total: Distribution;
  /** Each component already multiplied by its weight; components sum to total per sample. */
  components: Record<ExposureComponent, { p50: number; p95: number; mean: number }>;
}

/** A stretch of the route where exposure accrues (computed on the nominal run, see docs). */
export interface Hotspot {
  /** Index range into route.edges, inclusive. */
  fromIndex: number;
  toIndex: number;
  /** Distance along the route of the stretch start and end, metres. */
  fromM: number;
  toM: number;
  /** Midpoint of the stretch. */
  lon: number;
  lat: number;
  /** Nearest named place (landmark or scenario place) or road name, with distance. */
  near: string;
  /** Weighted exposure accrued on the stretch (nominal run). */
  exposure: number;
  /** Share of the option's nominal total exposure. */
  share: number;
  /** Dominant component on the stretch. */
  mainComponent: ExposureComponent;
}

/** A stretch of the route with its value (response or evacuation time). */
export interface Stretch {
  fromM: number;
  toM: number;
  lon: number;
  lat: number;
  near: string;
  /** Seconds; null when no unit/destination can reach it. */
  valueS: number | null;
}

export interface ResponseResult {
  type: ResponderType;
  /** Units of this type in the scenario (before injects). */
  units: number;
  targetS: number;
  /** Along-route p50 / p95 (length-weighted) per sample, then the median over samples. Seconds, turnout included. */
  p50S: number | null;
  p95S: number | null;
  /** Worst point of any sample. */
  maxS: number | null;
  /** Mean over samples of the share of route length within target (0..1). */
  withinTargetShare: number;
  /** Worst-covered stretches of the nominal run. */
  worst: Stretch[];
}

export interface EvacuationResult {
  kind: EvacuationKind;
  /** Destinations considered (place ids). */
  destinations: string[];
  targetS: number;
  p50S: number | null;
  p95S: number | null;
  maxS: number | null;
  withinTargetShare: number;
  worst: Stretch[];
}

export type ChokepointKind = 'bridge' | 'shared' | 'betweenness' | 'declared' | 'roundabout';

export interface Chokepoint {
  /** Directed edge on this option's route. */
  edge: number;
  /** Index into route.edges. */
  index: number;
  kind: ChokepointKind;
  /** Why, in words (e.g. "used by all 3 alternatives", "declared: Chroy Changvar bridge"). */
  reason: string;
  lon: number;
  lat: number;
  near: string;
}

/** One closure tried by robustness: a crossing or corridor, or a set of them closed together (docs/metrics.md). */
export interface CriticalEdge {
  /** First route edge the closure shuts. */
  edge: number;
  index: number;
  lon: number;
  lat: number;
  near: string;
  /** Extra seconds to the destination if the closure is in place when the motorcade reaches it; null unless outcome is 'detour'. */
  extraTimeS: number | null;
  /** detour: a way round exists (extraTimeS); cannot_arrive: no way round; starts_on_it: the route starts inside the closure; ends_on_it: the destination's own road is in it. */
  outcome: 'detour' | 'cannot_arrive' | 'starts_on_it' | 'ends_on_it';
  reason: string;
  /** Every directed edge closed (the stretch, parallel spans or carriageways, both directions). */
  closedEdges: number[];
  /** Roads closed side by side (2 for both spans of a twin bridge). */
  spans: number;
  /** Crossings or corridors closed together (1, or 2 for the worst pair). */
  crossings: number;
  /** The smallest set of closures whose closure costs the most for this option. */
  worst: boolean;
}

/** Wall-clock timings of a run, for the terminal and benches only (never inside RunResult). */
export interface RunTimings {
  prepareMs: number;
  simulateMs: number;
  aggregateMs: number;
}

export { OSM_ATTRIBUTION } from '../graph/attribution.js';
