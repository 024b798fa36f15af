/**
 * What one Monte Carlo sample hands to aggregation: a few numbers, nothing heavy (no trajectory), so that
 * chunks cross worker boundaries cheaply and memory stays flat in the number of samples.
 */
import type { EXPOSURE_COMPONENTS, EVACUATION_KINDS, RESPONDER_TYPES } from './run-result.js';

/** Along-route statistics of one sample for one responder type or evacuation kind (seconds). */
export interface AlongRouteStats {
  /** Length-weighted median over the route; Infinity when some of the route is unreachable beyond it. */
  p50S: number;
  p95S: number;
  maxS: number;
  /** Share of route length within target, 0..1. */
  withinShare: number;
}

export interface SampleSummary {
  /** Sample index (0-based) within its movement × option. */
  sample: number;
  /** Departure to arrival (or to the end of the simulated day when it never arrived), seconds. */
  timeS: number;
  arrived: boolean;
  rerouted: boolean;
  /** Weighted exposure per component, in EXPOSURE_COMPONENTS order (length 6). */
  exposure: number[];
  /** Per responder type, in RESPONDER_TYPES order (length 4). */
  response: AlongRouteStats[];
  /** Per evacuation kind, in EVACUATION_KINDS order (length 2). */
  evacuation: AlongRouteStats[];
  /** Metres actually driven, the detours of reroutes included. */
  drivenM: number;
  /** Option index of the last reroute, REROUTED_FRESH for a fresh search around the closures, NOT_REROUTED. */
  reroutedTo: number;
  /** Seconds held at closures with no way round that lifted later. */
  heldS: number;
  /** STOP_NONE when it arrived, else why it stopped for good (STOP_*). */
  stopReason: number;
  /**
   * Graph node where it stopped for good (did not arrive) or, having arrived, where it last held at a
   * closure (heldS > 0); -1 otherwise.
   */
  stopNode: number;
  /** Index (plan order) of the closure inject at stopNode; -1 when there is none. */
  stopInject: number;
  /** Time of day it stopped for good, seconds since midnight; -1 when it arrived. */
  stopTimeS: number;
}

/** SampleSummary.reroutedTo when the sample never rerouted, and when it rerouted along a fresh search. */
export const NOT_REROUTED = -2;
export const REROUTED_FRESH = -1;
/** SampleSummary.stopReason: arrived; stopped at a closure that never lifts, with no way round it; no route at all. */
export const STOP_NONE = 0;
export const STOP_CLOSURE = 1;
export const STOP_NO_ROUTE = 2;

// Compile-time reminders of the fixed lengths above.
export type ExposureVectorLength = (typeof EXPOSURE_COMPONENTS)['length'];
export type ResponseVectorLength = (typeof RESPONDER_TYPES)['length'];
export type EvacuationVectorLength = (typeof EVACUATION_KINDS)['length'];
