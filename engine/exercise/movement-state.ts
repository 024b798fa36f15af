import type { RoadGraph } from '../graph/road-graph.js';
import { RESPONDER_TYPES, type EventLogEntry, type ResponderType } from '../model/run-result.js';
import type { Recorder } from '../sim/recorder.js';
import { round7 } from '../rounding.js';

export type MovementStatus = 'waiting' | 'moving' | 'held' | 'stopped' | 'rerouting' | 'arrived' | 'did_not_arrive';

/** How long after a route change the convoy shows as `rerouting` (exercise seconds). */
const REROUTING_SHOWN_S = 60;
/** Alerts look this far ahead along the predicted drive (exercise seconds). */
export const ALERT_HORIZON_S = 600;

export interface MovementState {
  id: string;
  status: MovementStatus;
  /** Why it is held, stopped or did not arrive (the stop's reason or the last no_route event). */
  statusReason: string | null;
  lon: number;
  lat: number;
  speedKmh: number;
  departureS: number;
  /** Predicted arrival (time of day, s); null when the prediction does not arrive. */
  predictedArrivalS: number | null;
  plannedArrivalS: number | null;
  /** Weighted exposure-seconds accrued so far, and over the whole predicted drive. */
  exposureSoFar: number;
  predictedExposure: number;
  plannedExposure: number;
  /** Share of the road still ahead within the response target, per responder type (null: no road ahead). */
  coverageAhead: Record<ResponderType, number | null>;
  alerts: string[];
  /** The predicted drive from here ([lon, lat] per driven-edge midpoint, from the current edge on). */
  ahead: [number, number][];
  /** The drive so far. */
  behind: [number, number][];
  /** What the simulation logged for this movement up to now. */
  events: EventLogEntry[];
}

/** What a movement's recorded nominal run says at exercise time `t`. */
export function movementStateAt(
  graph: RoadGraph,
  id: string,
  rec: Recorder,
  planned: Recorder | null,
  t: number,
  responseTargetS: Record<ResponderType, number>,
): MovementState {
  const steps = rec.trajectory;
  const depart = rec.events.find((e) => e.kind === 'depart')?.timeS ?? steps[0]?.entryS ?? 0;
  const arrive = rec.events.find((e) => e.kind === 'arrive')?.timeS ?? null;
  const plannedArrive = planned?.events.find((e) => e.kind === 'arrive')?.timeS ?? null;
  const exposureRow = (k: number): number => rec.exposure[k]!.reduce((a, b) => a + b, 0);
  const predictedExposure = sum(rec.exposure.map((_, k) => exposureRow(k)));
  const plannedExposure = planned ? sum(planned.exposure.map((row) => row.reduce((a, b) => a + b, 0))) : 0;

  // The step being driven at t (entry ≤ t < exit), or the first one not yet entered.
  let k = 0;
  while (k < steps.length && steps[k]!.exitS <= t) k++;
  const last = steps.length - 1;
  let status: MovementStatus;
  let reason: string | null = null;
  let lon: number;
  let lat: number;
  let speed = 0;
  let soFar = 0;
  for (let j = 0; j < k; j++) soFar += exposureRow(j);
  if (steps.length === 0) {
    status = t < depart ? 'waiting' : 'did_not_arrive';
    [lon, lat] = rec.events[0] ? [rec.events[0].lon, rec.events[0].lat] : [0, 0];
  } else if (t < depart) {
    status = 'waiting';
    [lon, lat] = pointOnEdge(graph, steps[0]!.edge, 0);
  } else if (k > last) {
    status = arrive !== null ? 'arrived' : 'did_not_arrive';
    if (status === 'did_not_arrive') reason = [...rec.events].reverse().find((e) => e.kind === 'no_route')?.message ?? 'stopped short of the destination';
    [lon, lat] = pointOnEdge(graph, steps[last]!.edge, 1);
  } else {
    const s = steps[k]!;
    if (t >= s.entryS) {
      const f = s.exitS > s.entryS ? (t - s.entryS) / (s.exitS - s.entryS) : 1;
      [lon, lat] = pointOnEdge(graph, s.edge, f);
      speed = s.speedKmh;
      soFar += exposureRow(k) * f;
      status = 'moving';
    } else {
      // Between two edges: a stop (junction wait, breakdown, hold, closure, incident) before step k.
      [lon, lat] = pointOnEdge(graph, s.edge, 0);
      const stop = rec.stops.find((x) => x.atS <= t + 1e-6 && t < x.atS + x.durationS);
      const why = stop?.reason ?? 'junction';
      status = why === 'hold' ? 'held' : why === 'junction' ? 'moving' : 'stopped';
      if (status !== 'moving') reason = why === 'closure' ? 'holding until the closure ahead lifts' : why;
    }
    const changed = [...rec.events].reverse().find((e) => e.timeS <= t && (e.kind === 'reroute' || (e.kind === 'decision' && /switches|reroutes|diverts|returns/.test(e.message))));
    if (status === 'moving' && changed && t - changed.timeS < REROUTING_SHOWN_S) status = 'rerouting';
  }

  const coverageAhead = {} as Record<ResponderType, number | null>;
  RESPONDER_TYPES.forEach((type, r) => {
    let total = 0;
    let within = 0;
    for (let j = k; j < steps.length; j++) {
      const len = rec.lengthM[j]!;
      total += len;
      if (rec.coverage[j]![r]! <= responseTargetS[type]) within += len;
    }
    coverageAhead[type] = total > 0 ? within / total : null;
  });

  return {
    id,
    status,
    statusReason: reason,
    lon,
    lat,
    speedKmh: speed,
    departureS: depart,
    predictedArrivalS: arrive,
    plannedArrivalS: plannedArrive,
    exposureSoFar: round2(soFar),
    predictedExposure: round2(predictedExposure),
    plannedExposure: round2(plannedExposure),
    coverageAhead,
    alerts: alertsAhead(rec, k, t, responseTargetS),
    ahead: steps.slice(k).map((_, j) => [rec.lon[k + j]!, rec.lat[k + j]!]),
    behind: steps.slice(0, k).map((_, j) => [rec.lon[j]!, rec.lat[j]!]),
    events: rec.events.filter((e) => e.timeS <= t),
  };
}

/** Closures and decisions about to change the drive, threat zones and response gaps in the next ALERT_HORIZON_S. */
function alertsAhead(rec: Recorder, k: number, t: number, targets: Record<ResponderType, number>): string[] {
  const out: string[] = [];
  const until = t + ALERT_HORIZON_S;
  for (const e of rec.events) {
    if (e.timeS <= t || e.timeS > until) continue;
    if (e.kind === 'reroute' || e.kind === 'no_route') out.push(`closure ahead at ${clock(e.timeS)}: ${e.message}`);
  }
  const steps = rec.trajectory;
  let threatAt = -1;
  const gap = new Set<ResponderType>();
  for (let j = k; j < steps.length && steps[j]!.entryS <= until; j++) {
    const ex = rec.exposure[j]!;
    if (threatAt < 0 && (ex[0]! > 0 || ex[4]! > 0)) threatAt = j;
    RESPONDER_TYPES.forEach((type, r) => {
      if (rec.coverage[j]![r]! > targets[type]) gap.add(type);
    });
  }
  if (threatAt >= 0) out.push(`${steps[threatAt]!.entryS <= t ? 'inside' : 'enters'} a threat or crowd zone ${steps[threatAt]!.entryS <= t ? 'now' : `at ${clock(steps[threatAt]!.entryS)}`}`);
  for (const type of gap) out.push(`${type} out of range on the road ahead (target ${Math.round(targets[type] / 60)} min)`);
  return out;
}

/** Point at fraction f (0..1) of an edge's length along its geometry. */
export function pointOnEdge(graph: RoadGraph, edge: number, f: number): [number, number] {
  const pts = graph.edgeGeometry(edge);
  if (pts.length === 1 || f <= 0) return pts[0]!;
  if (f >= 1) return pts[pts.length - 1]!;
  const seg: number[] = [];
  let total = 0;
  for (let i = 1; i < pts.length; i++) {
    const d = Math.hypot((pts[i]![0] - pts[i - 1]![0]) * Math.cos((pts[i]![1] * Math.PI) / 180), pts[i]![1] - pts[i - 1]![1]);
    seg.push(d);
    total += d;
  }
  let want = f * total;
  for (let i = 1; i < pts.length; i++) {
    const d = seg[i - 1]!;
    if (want <= d || i === pts.length - 1) {
      const u = d > 0 ? Math.min(1, want / d) : 0;
      const a = pts[i - 1]!;
      const b = pts[i]!;
      return [round7(a[0] + (b[0] - a[0]) * u), round7(a[1] + (b[1] - a[1]) * u)];
    }
    want -= d;
  }
  return pts[pts.length - 1]!;
}

export function clock(s: number): string {
  const m = Math.floor(s / 60);
  return `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
}

function sum(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
