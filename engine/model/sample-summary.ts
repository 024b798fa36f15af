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
}

// Compile-time reminders of the fixed lengths above.
export type ExposureVectorLength = (typeof EXPOSURE_COMPONENTS)['length'];
export type ResponseVectorLength = (typeof RESPONDER_TYPES)['length'];
export type EvacuationVectorLength = (typeof EVACUATION_KINDS)['length'];
