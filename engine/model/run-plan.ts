/**
 * The run's own input model: everything the simulation and scoring need, fully normalised (seconds since
 * midnight, metres, km/h only in `...Kmh` fields, lon/lat in degrees). It is plain JSON so that a worker can
 * receive it by structured clone and rebuild the same PreparedRun. `planFromScenario` (engine/scenario/scenario-adapter.ts)
 * builds it from the scenario model; tests build it by hand on tiny graphs.
 */
import type { ResponderType, ScoringUsed } from './run-result.js';

export interface PlanPlace {
  id: string;
  label: string;
  lon: number;
  lat: number;
  /** airport | hotel | venue | hospital | safe_haven | bridge | place … */
  kind: string;
  /** lon/lat are a gazetteer landmark's own position: snapped at any distance (engine/route/policy.ts). */
  landmark?: boolean;
}

export type IntersectionControl = 'none' | 'rolling' | 'static';

export interface PlanEscort {
  intersectionControl: IntersectionControl;
  /** The convoy never drives faster than this, km/h. */
  convoySpeedKmh: number;
  /** Bumper of the lead car to bumper of the sweep car, metres. */
  convoyLengthM: number;
}

export interface PlanOption {
  id: string;
  /** primary | alternate | contingency */
  label: string;
  kind: 'fastest' | 'safest' | 'auto' | 'via';
  /** auto: take the `rank`-th (0-based) of the alternatives. */
  rank?: number;
  /** safest: largest accepted delay over the fastest route, seconds. */
  maxDelayS?: number;
  /** via: intermediate points, in order. */
  via?: PlanPlace[];
}

export interface PlanMovement {
  id: string;
  delegation: string;
  from: PlanPlace;
  to: PlanPlace;
  /** Earliest departure, seconds since midnight; each sample departs uniformly in [departureS, departureS + departureWindowS]. */
  departureS: number;
  departureWindowS: number;
  escort: PlanEscort;
  options: PlanOption[];
  /** Responder ids that cover this movement (response metric); null = every responder of the plan. */
  responders?: string[] | null;
}

export type PlanArea =
  | { type: 'circle'; lon: number; lat: number; radiusM: number }
  | { type: 'polygon'; coordinates: [number, number][][] };

export interface PlanThreat {
  id: string;
  /** protest | crowd | overlook | suspected_device | one_off_target … ; `crowd` counts in the crowd component. */
  kind: string;
  /** 0..1 */
  intensity: number;
  area: PlanArea;
  /** Active window, seconds since midnight (inclusive start, exclusive end). */
  fromS: number;
  toS: number;
}

export interface PlanChokepoint {
  id: string;
  label: string;
  lon: number;
  lat: number;
  radiusM: number;
  /** Declared as a bridge (counts in RouteInfo.bridges). */
  bridge: boolean;
}

export interface PlanResponder {
  id: string;
  type: ResponderType;
  lon: number;
  lat: number;
  turnoutS: number;
  fromS: number;
  toS: number;
  count: number;
  /** lon/lat are a gazetteer landmark's own position (see PlanPlace.landmark). */
  landmark?: boolean;
}

export interface PlanTrafficBand {
  fromS: number;
  toS: number;
  /** Multiplier of free-flow speed per road class name; missing classes use `default`. */
  factorByClass: Record<string, number>;
  default: number;
}

export interface PlanTraffic {
  /** Time-of-day bands; outside every band the factor is 1. */
  bands: PlanTrafficBand[];
  /** Sigma of the lognormal per-edge speed variation (0 = deterministic). */
  variationSigma: number;
  /** Random incidents (crash, stalled truck) per hour on the whole network; 0 or absent = none. */
  incidentsPerHour?: number;
}

export type PlanInjectAction =
  | { type: 'close_road'; lon: number; lat: number; radiusM: number; label: string }
  | { type: 'close_edges'; edges: number[]; label: string }
  | { type: 'close_area'; area: PlanArea; label: string }
  | { type: 'add_threat'; threat: PlanThreat }
  | { type: 'move_threat'; threatId: string; lon: number; lat: number }
  | { type: 'responder_out'; responderId: string; count: number }
  | { type: 'breakdown'; movementId: string; durationS: number }
  | { type: 'decision'; movementId: string; decision: PlanDecision };

/**
 * A motorcade commander's decision, taken at the inject's time from wherever the convoy is then (applied
 * at the next junction, like every inject). Decisions come from the exercise console; scenarios cannot
 * script them (their contingencies are route options).
 * - switch: drive planned option `optionId` from here (joining it by the fastest road when it does not
 *   pass here);
 * - reroute: a fresh fastest or least-exposed route to the destination around what is closed now;
 * - hold: stop where the convoy is for `durationS` (or until `untilS`, time of day);
 * - divert: drive to `place` instead (a staging area, safe haven, hospital); the movement ends there;
 * - return: drive back to where the movement started.
 */
export type PlanDecision =
  | { kind: 'switch'; optionId: string }
  | { kind: 'reroute'; by: 'fastest' | 'safest' }
  | { kind: 'hold'; durationS: number; /** Hold until this time of day instead (a hold released later). */ untilS?: number }
  | { kind: 'divert'; place: PlanPlace }
  | { kind: 'return' };

export interface PlanInject {
  id: string;
  /** Fires at this time… */
  atS?: number;
  /** …or when `movementId` comes within `radiusM` of the place (see docs: other movements use the nominal time). */
  trigger?: { movementId: string; place: PlanPlace; radiusM: number };
  /** Closures and responder_out end after this many seconds; null = for the rest of the day. */
  durationS: number | null;
  action: PlanInjectAction;
  note: string;
}

export interface RunPlan {
  id: string;
  name: string;
  seed: string;
  samples: number;
  movements: PlanMovement[];
  threats: PlanThreat[];
  chokepoints: PlanChokepoint[];
  responders: PlanResponder[];
  hospitals: PlanPlace[];
  safeHavens: PlanPlace[];
  /** Named places used to describe where things happen ("near Chroy Changvar bridge"). */
  landmarks: PlanPlace[];
  traffic: PlanTraffic;
  injects: PlanInject[];
  scoring: ScoringUsed;
  /** Short description of the graph source, for RunResult.graph.source. */
  graphSource: string;
}
