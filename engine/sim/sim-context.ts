import type { CoverageTables } from '../metrics/coverage.js';
import type { PlanEscort, PlanInject } from '../model/run-plan.js';
import type { ThreatSlot } from './threat-slots.js';
import type { Track } from './track.js';
import type { TrafficFactors } from '../metrics/traffic-factors.js';

/** A movement as the simulation sees it: its escort and one Track per route option (null: no route). */
export interface SimMovement {
  id: string;
  departureS: number;
  departureWindowS: number;
  escort: PlanEscort;
  tracks: (Track | null)[];
  optionIds: string[];
  /** 1 for each responder (plan order) that covers this movement. */
  allowedResponders: Uint8Array;
}

/** An inject prepared for the loop: when it fires (per movement), and what it closes. */
export interface SimInject {
  plan: PlanInject;
  /** Closed graph edges (both directions) for close_* actions, as a per-edge mask; null otherwise. */
  closedMask: Uint8Array | null;
  /** Responder index for responder_out, slot indices for threats, movement index for breakdown. */
  responder: number;
  openSlot: number;
  closeSlot: number;
  breakdownMovement: number;
  /** Movement index a `decision` action applies to, -1 otherwise. */
  decisionMovement: number;
  /** Index of the movement whose progress triggers it, or -1 for timed injects. */
  triggerMovement: number;
  /** Fire time for movements other than the trigger movement (nominal run of the trigger movement); Infinity = never. */
  nominalTimeS: number;
  /**
   * When a non-triggered inject fires (s): nominalTimeS for the other movements of a trigger inject, the
   * plan's `at` for a timed one, Infinity for never. Always a number, so the loop's comparisons stay unboxed.
   */
  dueS: number;
}

/** Result of a reroute decision. */
export interface Reroute {
  track: Track;
  /** Index in `track` to continue from. */
  start: number;
  /** Option index when the motorcade switched to another planned option, -1 for a fresh search. */
  optionIndex: number;
}

/** What a commander's decision does from where the convoy is (see PlanDecision). */
export type DecisionOutcome =
  | { kind: 'route'; reroute: Reroute; /** Inject index whose destination the convoy now drives to, -1 = the movement's own. */ destination: number; description: string }
  | { kind: 'hold'; durationS: number; description: string }
  | { kind: 'refused'; description: string };

/** Everything the per-sample loop reads; implemented by PreparedRun. */
export interface SimContext {
  traffic: TrafficFactors;
  slots: readonly ThreatSlot[];
  injects: readonly SimInject[];
  coverage: CoverageTables;
  /** Per exposure component, EXPOSURE_COMPONENTS order. */
  weights: Float64Array;
  slowMps: number;
  stoppedMps: number;
  /** Mean wait at uncontrolled junctions by Junction kind (s). */
  junctionWaitS: Float64Array;
  responseTargetS: Float64Array;
  /** Random incidents per second per metre of road driven (incidents/h on the network ÷ 3600 ÷ network length). */
  incidentRatePerMS: number;
  evacuationTargetS: number;
  movements: readonly SimMovement[];
  /**
   * Reroute from `node` avoiding the closures whose indices are set in `activeClosures`; null = no route.
   * `destination` is the index of the decision inject that diverted the convoy (-1: the movement's own).
   */
  reroute(movementIndex: number, currentOption: number, node: number, activeClosures: Uint8Array, destination?: number): Reroute | null;
  /** Apply decision inject `injectIndex` at `node` (only called when the plan has decision injects). */
  decide?(movementIndex: number, injectIndex: number, currentOption: number, node: number, activeClosures: Uint8Array, destination: number, timeS: number): DecisionOutcome;
  lonLatOfNode(node: number): [number, number];
  nodeLon(node: number): number;
  nodeLat(node: number): number;
  /** Short description of where a point is ("near Chroy Changvar bridge"). */
  describe(lon: number, lat: number): string;
}
