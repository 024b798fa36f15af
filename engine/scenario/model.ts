import type { RoadClassName } from '../graph/road-class.js';
import type { DeploymentRules } from '../model/deployment-rules.js';

/**
 * The normalised scenario: what every later stage (sim, score, run, report) consumes.
 *
 * Plain objects and arrays, no classes. Units are explicit in the names and fixed:
 * - times of day `...S` are seconds since local midnight of `date` in `timezone` (08:30 → 30600);
 * - durations `...S` are seconds, distances `...M` metres, speeds `...Kmh` km/h;
 * - coordinates are WGS84 degrees (lon, lat).
 * Every reference (place, delegation, profile, movement, threat, responder) has been checked and resolved;
 * an object never points at an id that does not exist. Defaults are filled in (see schema.ts for the
 * documented values), so consumers never see `undefined` for a field that has a default.
 */

/** A time interval [fromS, toS) in seconds since local midnight; fromS < toS, except a fixed departure time (fromS === toS). */
export interface TimeWindow {
  fromS: number;
  toS: number;
}

export type PlaceKind = 'airport' | 'hotel' | 'venue' | 'hospital' | 'safe_haven' | 'police_post' | 'staging_area' | 'one_off';

/** A named point, from the scenario's `places`, or a gazetteer landmark used directly by id. */
export interface Place {
  id: string;
  kind: PlaceKind;
  /** Human-readable name (the gazetteer name, or the scenario's `label`, or the id). */
  label: string;
  lon: number;
  lat: number;
  /** Gazetteer landmark id when the place comes from (or corrects) landmarks.json. */
  landmark?: string;
  /**
   * True when lon/lat are the landmark's own gazetteer position (not corrected by the scenario): the
   * routing policy snaps such a place at any distance, with a warning past its limit (engine/route/policy.ts).
   */
  gazetteerPosition?: boolean;
  /** True when the place is a trauma hospital (kind hospital): the evacuation metric's targets. */
  trauma: boolean;
}

export interface Delegation {
  id: string;
  name: string;
  /** People in the delegation. */
  size: number;
  /** 1 = highest priority. */
  priority: number;
  vehicles: { count: number; armoured: number };
  /** id of an entry of `escortProfiles`. */
  escort: string;
}

export type IntersectionControl = 'none' | 'rolling' | 'static';

export interface EscortProfile {
  id: string;
  outriders: number;
  leadCars: number;
  sweepCars: number;
  /** none: the convoy stops at red lights and junctions; rolling: closures ahead of it; static: closed before departure. */
  intersectionControl: IntersectionControl;
  /** The convoy never drives faster than this. */
  speedCapKmh: number;
  /** Bumper to bumper length of the whole convoy, including escort. */
  convoyLengthM: number;
}

export type RouteLabel = 'primary' | 'alternate' | 'contingency';

/** How an option's route is chosen. */
export type RouteChoice =
  | { kind: 'fastest' }
  /** k reasonable, mutually different alternatives; this option stands for all of them. */
  | { kind: 'auto'; k: number }
  /** Minimum exposure, at most maxDelayS slower than the fastest route. */
  | { kind: 'safest'; maxDelayS: number }
  /** Fastest route through these places in order (in addition to the movement's own via). */
  | { kind: 'via'; via: string[] };

export interface RouteOption {
  id: string;
  label: RouteLabel;
  choice: RouteChoice;
}

export interface Movement {
  id: string;
  delegation: string;
  /** Place ids (keys of Scenario.places). */
  from: string;
  to: string;
  via: string[];
  /** Departure: a fixed time (fromS === toS) or a window within which it is drawn uniformly. */
  departure: TimeWindow;
  options: RouteOption[];
  /**
   * Responder ids assigned to cover this movement (for the response metric), or null: every responder.
   * Lets one file compare plans that differ in responder placement.
   */
  responders: string[] | null;
}

export type ThreatKind = 'protest' | 'crowd' | 'overlook' | 'suspected_device' | 'one_off_target';

export type Area =
  | { type: 'circle'; lon: number; lat: number; radiusM: number }
  /** Outer ring, [lon, lat] pairs, closed (first point repeated at the end). */
  | { type: 'polygon'; ring: [number, number][] };

export interface Threat {
  id: string;
  kind: ThreatKind;
  area: Area;
  /** 0..1: how much a second inside counts (intensity at the centre for circles). */
  intensity: number;
  /** When the threat is active; the whole day (0 .. 86400) when not given. */
  active: TimeWindow;
  label: string;
}

export interface Chokepoint {
  id: string;
  lon: number;
  lat: number;
  radiusM: number;
  label: string;
  /** Gazetteer landmark id when declared by bridge name. */
  bridge?: string;
}

export type ResponderType = 'police' | 'qrf' | 'ambulance' | 'eod';

export interface Responder {
  id: string;
  type: ResponderType;
  /** Place id (keys of Scenario.places). */
  place: string;
  lon: number;
  lat: number;
  /** Delay between the call and the unit rolling. */
  turnoutS: number;
  available: TimeWindow;
  count: number;
}

export interface TrafficBand extends TimeWindow {
  /** Multiplier on free-flow speed for every road class (1 = free flow, 0.5 = half speed). */
  factor: Record<RoadClassName, number>;
}

export interface Traffic {
  /** Non-overlapping, sorted by fromS; outside every band the factor is 1. */
  bands: TrafficBand[];
  /** Random day-to-day variation of speeds: each sample multiplies speeds by exp(N(0, sigma)) (lognormal). */
  variationSigma: number;
  /** Expected random incidents (crash, stalled truck) per hour on the whole network. */
  incidentsPerHour: number;
}

export type InjectTrigger =
  | { kind: 'at'; atS: number }
  /** Fires when `movement` comes within `radiusM` of `place`. */
  | { kind: 'reaches'; movement: string; place: string; radiusM: number };

export type InjectAction =
  | { type: 'close_road'; area: { type: 'circle'; lon: number; lat: number; radiusM: number } | null; edges: number[]; durationS: number | null }
  | { type: 'close_area'; area: Area; durationS: number | null }
  | { type: 'add_threat'; threat: Threat }
  | { type: 'move_threat'; threat: string; lon: number; lat: number }
  | { type: 'responder_out'; responder: string; count: number; durationS: number | null }
  | { type: 'breakdown'; movement: string; durationS: number };

export interface Inject {
  id: string;
  trigger: InjectTrigger;
  action: InjectAction;
  /** What the trainer reads out to the players. */
  note: string;
}

export interface ScoringWeights {
  /** Per second inside an active threat zone, times the zone's intensity. */
  threat: number;
  /** Per second below the slow speed threshold. */
  slow: number;
  /** Per second stopped. */
  standstill: number;
  /** Per second on a chokepoint (bridge, roundabout, declared point). */
  chokepoint: number;
  /** Per second inside an active crowd area. */
  crowd: number;
  /** Per second on road that other movements of the plan also use. */
  predictability: number;
}

export interface Scoring {
  weights: ScoringWeights;
  /** Response target per responder type (turnout + travel). */
  responseTargetS: Record<ResponderType, number>;
  /** Time to the nearest trauma hospital or safe haven ("platinum ten minutes"). */
  evacuationTargetS: number;
  slowSpeedKmh: number;
  /** An option arriving in fewer than this share of its samples is never recommended (0..1). */
  minArrivedShare: number;
  /** What one minute of delay is worth in exposure-seconds. */
  delayMinuteExposure: number;
}

/** A file graph carries `at`, where the scenario names it (`file:line:col graph`), for load errors. */
export type GraphSource = { kind: 'bundled'; city: 'phnom-penh' } | { kind: 'file'; path: string; at?: string };

export interface Scenario {
  /** Absolute path of the scenario file. */
  file: string;
  name: string;
  description: string;
  /** ISO date YYYY-MM-DD of the day described. */
  date: string;
  /** IANA time zone, default Asia/Phnom_Penh. */
  timezone: string;
  /** T0 of a tabletop exercise ("T+12 min" is relative to it); null when not given. */
  startS: number | null;
  graph: GraphSource;
  /** Every place used anywhere (declared, or gazetteer landmarks referenced by id), by id. */
  places: Record<string, Place>;
  delegations: Record<string, Delegation>;
  escortProfiles: Record<string, EscortProfile>;
  movements: Movement[];
  threats: Threat[];
  chokepoints: Chokepoint[];
  responders: Responder[];
  traffic: Traffic;
  /** Sorted by time for timed injects, then in file order. */
  injects: Inject[];
  monteCarlo: { samples: number; seed: number };
  scoring: Scoring;
  /** Junction posts, closure times and deconfliction (`motorcade deploy`). */
  deployment: ScenarioDeployment;
}

/** The scenario's `deployment` section: the rules, and the option each listed movement drives on the day. */
export interface ScenarioDeployment extends DeploymentRules {
  /** Checked references: the movement exists and has this option. File order. */
  drive: readonly { movement: string; option: string }[];
}
