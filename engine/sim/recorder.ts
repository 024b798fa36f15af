import type { EventKind, EventLogEntry, Stop, TrajectoryStep } from '../model/run-result.js';
import { COVERAGE_KINDS } from '../metrics/coverage.js';
import { round2, round7 } from '../rounding.js';

/**
 * Full record of one simulated sample (sample 0 for playback, and the nominal run for hotspots, worst
 * stretches and trigger times). Only used for those few runs: it allocates freely.
 */
export class Recorder {
  trajectory: TrajectoryStep[] = [];
  stops: Stop[] = [];
  events: EventLogEntry[] = [];
  /** Per driven edge: the route edge id, distance along the driven route at its start, length. */
  edges: number[] = [];
  startM: number[] = [];
  lengthM: number[] = [];
  lon: number[] = [];
  lat: number[] = [];
  /** Per driven edge, weighted exposure per component (EXPOSURE_COMPONENTS order). */
  exposure: number[][] = [];
  /** Per driven edge, value per coverage kind (responders then evacuation), seconds. */
  coverage: number[][] = [];
  /** Time the motorcade reached each node it passed (first time). */
  nodeTime = new Map<number, number>();
  private drivenM = 0;

  edge(edge: number, entryS: number, exitS: number, lengthM: number, lon: number, lat: number, tail: number): void {
    const speed = exitS > entryS ? (lengthM / (exitS - entryS)) * 3.6 : 0;
    this.trajectory.push({ edge, entryS: round2(entryS), exitS: round2(exitS), speedKmh: round2(speed) });
    this.edges.push(edge);
    this.startM.push(this.drivenM);
    this.lengthM.push(lengthM);
    this.lon.push(lon);
    this.lat.push(lat);
    this.drivenM += lengthM;
    this.exposure.push([0, 0, 0, 0, 0, 0]);
    this.coverage.push(new Array<number>(COVERAGE_KINDS).fill(Infinity));
    if (!this.nodeTime.has(tail)) this.nodeTime.set(tail, entryS);
  }

  stop(atS: number, durationS: number, lon: number, lat: number, reason: string): void {
    if (durationS <= 0) return;
    this.stops.push({ atS: round2(atS), durationS: round2(durationS), lon: round7(lon), lat: round7(lat), reason });
  }

  event(timeS: number, kind: EventKind, message: string, lon: number, lat: number): void {
    this.events.push({ timeS: round2(timeS), kind, message, lon: round7(lon), lat: round7(lat) });
  }
}
