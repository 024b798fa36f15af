/**
 * One sample of a movement shown as it was driven (RunResult options' `playback`, the report's animation and
 * the exercise console): the edges with their entry and exit times, the stops, and the event log.
 */

export interface Playback {
  /** Index of the sample shown (0). */
  sample: number;
  trajectory: TrajectoryStep[];
  stops: Stop[];
  events: EventLogEntry[];
}

export interface TrajectoryStep {
  edge: number;
  /** Seconds since midnight. */
  entryS: number;
  exitS: number;
  /** Mean speed on the edge, km/h. */
  speedKmh: number;
}

export interface Stop {
  atS: number;
  durationS: number;
  lon: number;
  lat: number;
  /** junction | breakdown | closure | incident */
  reason: string;
}

export type EventKind = 'depart' | 'arrive' | 'inject' | 'reroute' | 'no_route' | 'breakdown' | 'resume' | 'responder_out' | 'threat' | 'closure' | 'incident' | 'decision';

export interface EventLogEntry {
  timeS: number;
  kind: EventKind;
  message: string;
  lon: number;
  lat: number;
}
