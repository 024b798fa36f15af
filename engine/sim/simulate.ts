import { EXPOSURE_COMPONENTS, RESPONDER_TYPES } from '../model/run-result.js';
import { NOT_REROUTED, REROUTED_FRESH, STOP_CLOSURE, STOP_NONE, type AlongRouteStats, type SampleSummary } from '../model/sample-summary.js';
import { COVERAGE_KINDS } from '../metrics/coverage.js';
import { zoneActiveAt } from '../metrics/place-exposure.js';
import { CoverageTrace } from './coverage-trace.js';
import type { Recorder } from './recorder.js';
import type { SampleRng } from './rng.js';
import { ROAD_DRAW_INCIDENT, ROAD_DRAW_INCIDENT_DELAY, ROAD_DRAW_JUNCTION, ROAD_DRAW_VARIATION } from './road-draws.js';
import type { SimContext } from './sim-context.js';
import { Junction, type Track } from './track.js';
import { fmtMin } from '../minutes.js';

/** Exposure accumulator slots (EXPOSURE_COMPONENTS order). */
const THREAT = 0;
const SLOW = 1;
const STOPPED = 2;
const CHOKE = 3;
const CROWD = 4;
const PREDICT = 5;

/**
 * Share of the time-of-day congestion (1 − factor) that an escort's intersection control removes on the
 * stretch it drives, and the share of the convoy clearance time it still pays at junctions.
 * none: ordinary traffic; rolling: outriders close junctions just ahead; static: roads closed beforehand.
 */
export const CONTROL = {
  none: { congestionRemoved: 0, clearanceShare: 1, waits: true, incidentDelayShare: 1 },
  rolling: { congestionRemoved: 0.75, clearanceShare: 0.5, waits: false, incidentDelayShare: 0.5 },
  static: { congestionRemoved: 0.9, clearanceShare: 0, waits: false, incidentDelayShare: 0.2 },
} as const;

/** Mean delay of a random incident met on the route (crash, stalled truck), seconds, before escort effect. */
export const INCIDENT_DELAY_S = 300;

/**
 * Per-worker scratch reused by every sample (sized for the longest track; grown if a reroute is longer).
 * Nothing in the per-edge loop allocates: it reads typed arrays and writes into these.
 */
export class SampleScratch {
  readonly threatFrom: Float64Array;
  readonly threatTo: Float64Array;
  readonly fired: Uint8Array;
  readonly closureOn: Uint8Array;
  readonly closureTo: Float64Array;
  readonly activeClosures: Uint8Array;
  /** responder_out with a duration: when the units come back (Infinity = never, or already back). */
  readonly restoreAt: Float64Array;
  readonly unitCount: Int32Array;
  readonly tables: (Float64Array | null)[] = new Array<Float64Array | null>(COVERAGE_KINDS).fill(null);
  readonly acc = new Float64Array(EXPOSURE_COMPONENTS.length);
  readonly coverage = new CoverageTrace();
  /** Target time per coverage kind (responder types, then evacuation kinds), s. */
  readonly coverageTargetS: Float64Array;
  readonly stats: AlongRouteStats[] = [];

  constructor(ctx: SimContext, responderCount: number) {
    this.threatFrom = new Float64Array(ctx.slots.length);
    this.threatTo = new Float64Array(ctx.slots.length);
    this.fired = new Uint8Array(ctx.injects.length);
    this.closureOn = new Uint8Array(ctx.injects.length);
    this.closureTo = new Float64Array(ctx.injects.length);
    this.activeClosures = new Uint8Array(ctx.injects.length);
    this.restoreAt = new Float64Array(ctx.injects.length);
    this.unitCount = new Int32Array(responderCount);
    this.coverageTargetS = Float64Array.from({ length: COVERAGE_KINDS }, (_, k) => (k < RESPONDER_TYPES.length ? ctx.responseTargetS[k]! : ctx.evacuationTargetS));
  }
}

/**
 * Simulate one sample of movement `mi` on option `oi` and score it. Event-driven at edge granularity:
 * injects, closures, coverage changes and junctions are handled at edge boundaries (an inject due while
 * the motorcade is on an edge takes effect at the next junction).
 */
export function simulateSample(ctx: SimContext, mi: number, oi: number, rng: SampleRng, s: SampleScratch, rec: Recorder | null, sample: number, responders: readonly { count: number }[]): SampleSummary {
  const mv = ctx.movements[mi]!;
  let track = mv.tracks[oi]!;
  let option = oi;
  const control = CONTROL[mv.escort.intersectionControl];
  const capMps = mv.escort.convoySpeedKmh / 3.6;
  const convoyM = mv.escort.convoyLengthM;
  const sigma = ctx.traffic.sigma;

  // Reset per-sample state.
  for (let k = 0; k < ctx.slots.length; k++) {
    s.threatFrom[k] = ctx.slots[k]!.baseFromS;
    s.threatTo[k] = ctx.slots[k]!.baseToS;
  }
  s.fired.fill(0);
  s.closureOn.fill(0);
  s.restoreAt.fill(Infinity);
  for (let r = 0; r < responders.length; r++) s.unitCount[r] = responders[r]!.count;
  s.acc.fill(0);
  s.coverage.ensure(track.n);
  s.coverage.reset();
  const covBase = rec ? rec.coverage.length : 0;

  const depart = mv.departureS + (mv.departureWindowS > 0 ? rng.uniform() * mv.departureWindowS : 0);
  // Random incidents: a Poisson process in "metre-seconds" of road exposure (rate × length × time on it),
  // drawn per road for the day (at most one per edge), so two options on the same road meet the same one.
  const incidentRate = ctx.incidentRatePerMS;
  let t = depart;
  let i = 0;
  let count = 0;
  let rerouted = false;
  let reroutedTo = NOT_REROUTED;
  let arrived = true;
  /** Metres driven, detours included (the planned length is the track's). */
  let drivenM = 0;
  /** Seconds held at closures that lifted later (no way round them meanwhile). */
  let heldS = 0;
  let stopReason = STOP_NONE;
  let stopNode = -1;
  let stopInject = -1;
  /** Decision inject whose destination the convoy drives to (divert, return); -1 = the movement's own. */
  let destination = -1;
  let closureCheck = false;
  let coverageDirty = true;
  let nextBoundary = 0; // coverageDirty forces the first refresh
  let refreshes = 0;
  /** Seconds stopped since the last edge (breakdown, hold, junction wait): threat zones count them too. */
  let stoppedHere = 0;
  /** Record mode: exposure before the current edge's stops and drive, to attribute it to the edge. */
  const before = rec ? new Float64Array(EXPOSURE_COMPONENTS.length) : null;
  let beforeTaken = false;
  if (rec) rec.event(t, 'depart', `${mv.id} departs on option ${mv.optionIds[oi]}`, track.midLon[0]!, track.midLat[0]!);

  while (i < track.n) {
    if (before && !beforeTaken) {
      before.set(s.acc);
      beforeTaken = true;
    }
    // 1. Injects due by now (and units coming back from a responder_out with a duration).
    for (let k = 0; k < ctx.injects.length; k++) {
      if (s.fired[k]) {
        if (s.restoreAt[k]! <= t) {
          const inj = ctx.injects[k]!;
          const a = inj.plan.action;
          if (a.type === 'responder_out') s.unitCount[inj.responder] = Math.min(responders[inj.responder]!.count, s.unitCount[inj.responder]! + a.count);
          s.restoreAt[k] = Infinity;
          coverageDirty = true;
          if (rec) rec.event(t, 'inject', `${inj.plan.id}: responder ${a.type === 'responder_out' ? a.responderId : ''} back in service`, track.midLon[i]!, track.midLat[i]!);
        }
        continue;
      }
      const inj = ctx.injects[k]!;
      let due: number;
      if (inj.triggerMovement === mi) {
        const trig = inj.plan.trigger!;
        const node = track.tailNode[i]!;
        if (!(distanceM(ctx.nodeLon(node), ctx.nodeLat(node), trig.place.lon, trig.place.lat) <= trig.radiusM)) continue;
        due = t;
      } else {
        due = inj.dueS;
        if (!(due <= t)) continue;
      }
      s.fired[k] = 1;
      const a = inj.plan.action;
      const lon = track.midLon[i]!;
      const lat = track.midLat[i]!;
      if (inj.closedMask) {
        s.closureOn[k] = 1;
        s.closureTo[k] = inj.plan.durationS === null ? Infinity : due + inj.plan.durationS;
        closureCheck = true;
        if (rec) {
          const what = 'label' in a ? a.label : a.type;
          rec.event(t, 'closure', `${inj.plan.id}: ${what}${what === inj.plan.note ? '' : ' closed'}${inj.plan.note && what !== inj.plan.note ? ` (${inj.plan.note})` : ''}`, lon, lat);
        }
      } else if (inj.openSlot >= 0) {
        s.threatFrom[inj.openSlot] = due;
        if (inj.closeSlot >= 0 && s.threatTo[inj.closeSlot]! > due) s.threatTo[inj.closeSlot] = due;
        if (rec) rec.event(t, 'threat', `${inj.plan.id}: threat ${ctx.slots[inj.openSlot]!.id} ${a.type === 'move_threat' ? 'moved' : 'added'}`, lon, lat);
      } else if (inj.responder >= 0 && a.type === 'responder_out') {
        s.unitCount[inj.responder] = Math.max(0, s.unitCount[inj.responder]! - a.count);
        if (inj.plan.durationS !== null) s.restoreAt[k] = due + inj.plan.durationS;
        coverageDirty = true;
        if (rec) rec.event(t, 'responder_out', `${inj.plan.id}: responder ${a.responderId} out of service (${a.count} unit(s))`, lon, lat);
      } else if (inj.breakdownMovement === mi && a.type === 'breakdown') {
        if (rec) {
          rec.event(t, 'breakdown', `${inj.plan.id}: vehicle breakdown, convoy stopped for ${fmtMin(a.durationS)}`, lon, lat);
          rec.stop(t, a.durationS, lon, lat, 'breakdown');
        }
        s.acc[STOPPED]! += a.durationS;
        stoppedHere += a.durationS;
        t += a.durationS;
        if (rec) rec.event(t, 'resume', `${mv.id} resumes after the breakdown`, lon, lat);
      } else if (inj.decisionMovement === mi) {
        // Exercise decisions only (never in batch runs): this branch may allocate.
        for (let q = 0; q < ctx.injects.length; q++) s.activeClosures[q] = s.closureOn[q] && t < s.closureTo[q]! ? 1 : 0;
        const out = ctx.decide!(mi, k, option, track.tailNode[i]!, s.activeClosures, destination, t);
        const [nlon, nlat] = ctx.lonLatOfNode(track.tailNode[i]!);
        if (rec) rec.event(t, 'decision', `${inj.plan.id}: ${mv.id} ${out.description}`, nlon, nlat);
        if (out.kind === 'hold') {
          if (rec) rec.stop(t, out.durationS, nlon, nlat, 'hold');
          s.acc[STOPPED]! += out.durationS;
          stoppedHere += out.durationS;
          t += out.durationS;
          if (rec) rec.event(t, 'resume', `${mv.id} resumes after holding`, nlon, nlat);
        } else if (out.kind === 'route') {
          track = out.reroute.track;
          i = out.reroute.start;
          option = out.reroute.optionIndex >= 0 ? out.reroute.optionIndex : option;
          destination = out.destination;
          rerouted = true;
          reroutedTo = out.reroute.optionIndex >= 0 ? out.reroute.optionIndex : REROUTED_FRESH;
          s.coverage.ensure(count + track.n - i);
        }
        closureCheck = true;
      }
    }

    // 2. A new closure ahead: reroute from the junction we are at.
    if (closureCheck) {
      closureCheck = false;
      let blockedUntil = -1;
      let blocker = -1;
      for (let k = 0; k < ctx.injects.length; k++) {
        s.activeClosures[k] = s.closureOn[k] && t < s.closureTo[k]! ? 1 : 0;
        if (!s.activeClosures[k]) continue;
        const mask = ctx.injects[k]!.closedMask!;
        for (let j = i; j < track.n; j++) {
          if (mask[track.edge[j]!]) {
            if (s.closureTo[k]! > blockedUntil) blockedUntil = s.closureTo[k]!;
            if (blocker < 0) blocker = k;
            break;
          }
        }
      }
      if (blockedUntil >= 0) {
        const node = track.tailNode[i]!;
        const [lon, lat] = ctx.lonLatOfNode(node);
        const rr = ctx.reroute(mi, option, node, s.activeClosures, destination);
        if (rr) {
          track = rr.track;
          i = rr.start;
          if (rr.optionIndex >= 0) option = rr.optionIndex;
          rerouted = true;
          reroutedTo = rr.optionIndex >= 0 ? rr.optionIndex : REROUTED_FRESH;
          s.coverage.ensure(count + track.n - i);
          if (rec) {
            const why = `closure ${ctx.injects[blocker]!.plan.id} ahead`;
            rec.event(t, 'reroute', rr.optionIndex >= 0 ? `${mv.id} switches to option ${mv.optionIds[rr.optionIndex]} at ${ctx.describe(lon, lat)} (${why})` : `${mv.id} reroutes at ${ctx.describe(lon, lat)} (${why}; fresh search around it, ${fmtMin(track.freeFlowTimeS)} free-flow from here)`, lon, lat);
          }
        } else if (blockedUntil < Infinity) {
          if (rec) {
            rec.event(t, 'no_route', `${mv.id}: no way around the closure; holding at ${ctx.describe(lon, lat)} until it lifts`, lon, lat);
            rec.stop(t, blockedUntil - t, lon, lat, 'closure');
          }
          s.acc[STOPPED]! += blockedUntil - t;
          stoppedHere += blockedUntil - t;
          heldS += blockedUntil - t;
          stopNode = node;
          stopInject = blocker;
          t = blockedUntil;
          closureCheck = true;
          continue;
        } else {
          if (rec) rec.event(t, 'no_route', `${mv.id}: no way around the closure from ${ctx.describe(lon, lat)}; movement stopped`, lon, lat);
          arrived = false;
          stopReason = STOP_CLOSURE;
          stopNode = node;
          stopInject = blocker;
          break;
        }
      }
    }

    // 3. Coverage tables for the current time and units in service.
    if (coverageDirty || t >= nextBoundary) {
      ctx.coverage.tablesAt(t, s.unitCount, s.tables, mv.allowedResponders);
      s.coverage.refresh(count, s.tables);
      nextBoundary = ctx.coverage.nextBoundary(t);
      coverageDirty = false;
      refreshes++;
    }

    // 4. Drive edge i: speed, junction, exposure.
    const len = track.lengthM[i]!;
    const band = ctx.traffic.bandAt(t);
    const f0 = ctx.traffic.factorOf(band, track.classCode[i]!);
    const f = 1 - (1 - f0) * (1 - control.congestionRemoved);
    const edge = track.edge[i]!;
    let v = track.freeMps[i]! * f * (sigma > 0 ? rng.roadLognormal(edge, ROAD_DRAW_VARIATION, sigma) : 1);
    if (v > capMps) v = capMps;
    if (!(v > 0.1)) v = 0.1;
    const junction = track.junction[i]!;
    if (junction !== Junction.NONE) {
      let wait = control.clearanceShare * (convoyM / v);
      if (control.waits) wait += rng.roadExponential(edge, ROAD_DRAW_JUNCTION, ctx.junctionWaitS[junction]!);
      if (wait > 0) {
        s.acc[STOPPED]! += wait;
        if (rec) rec.stop(t, wait, ctx.nodeLon(track.tailNode[i]!), ctx.nodeLat(track.tailNode[i]!), 'junction');
        stoppedHere += wait;
        t += wait;
      }
    }
    const drive = len / v;
    let dt = drive;
    if (incidentRate > 0) {
      // P(incident on this edge) = 1 − exp(−x) ≤ x: the cheap bound rules out nearly every edge.
      const x = incidentRate * len * dt;
      const u = rng.roadUniform(edge, ROAD_DRAW_INCIDENT);
      if (u < x && u < 1 - Math.exp(-x)) {
        const delay = control.incidentDelayShare * rng.roadExponential(edge, ROAD_DRAW_INCIDENT_DELAY, INCIDENT_DELAY_S);
        s.acc[STOPPED]! += delay;
        if (rec) {
          rec.event(t, 'incident', `${mv.id} meets a traffic incident at ${ctx.describe(track.midLon[i]!, track.midLat[i]!)}: ${fmtMin(delay)} delay`, track.midLon[i]!, track.midLat[i]!);
          rec.stop(t + dt / 2, delay, track.midLon[i]!, track.midLat[i]!, 'incident');
        }
        dt += delay;
      }
    }
    // Threat and crowd zones count the stops made just before this edge as well as the drive along it.
    const exposedS = stoppedHere + dt;
    const mid = t - stoppedHere + exposedS / 2;
    stoppedHere = 0;
    if (v < ctx.stoppedMps) s.acc[STOPPED]! += drive;
    else if (v < ctx.slowMps) s.acc[SLOW]! += drive;
    if (track.choke[i]) s.acc[CHOKE]! += dt;
    s.acc[PREDICT]! += track.reuse[i]! * dt;
    for (let k = track.threatFirst[i]!; k < track.threatFirst[i + 1]!; k++) {
      const slot = track.threatSlot[k]!;
      if (zoneActiveAt(s.threatFrom[slot]!, s.threatTo[slot]!, mid)) {
        const sl = ctx.slots[slot]!;
        s.acc[sl.crowd ? CROWD : THREAT]! += sl.intensity * track.threatFactor[k]! * exposedS;
      }
    }
    const tail = track.tailNode[i]!;
    const cov = s.coverage;
    cov.tails[count] = tail;
    cov.heads[count] = track.headNode[i]!;
    cov.lengths[count] = len;
    if (rec && before) {
      rec.edge(track.edge[i]!, t, t + dt, len, track.midLon[i]!, track.midLat[i]!, tail);
      const ex = rec.exposure[rec.exposure.length - 1]!;
      for (let c = 0; c < ex.length; c++) ex[c] = ctx.weights[c]! * (s.acc[c]! - before[c]!);
      beforeTaken = false;
    }
    t += dt;
    drivenM += len;
    count++;
    i++;
  }
  if (rec && arrived) rec.event(t, 'arrive', `${mv.id} arrives after ${fmtMin(t - depart)}`, track.midLon[track.n - 1]!, track.midLat[track.n - 1]!);

  const exposure = new Array<number>(EXPOSURE_COMPONENTS.length);
  for (let c = 0; c < exposure.length; c++) exposure[c] = ctx.weights[c]! * s.acc[c]!;
  const whole = arrived && !rerouted && refreshes === 1 && count === track.n;
  s.coverage.stats(count, s.coverageTargetS, whole ? track : null, s.tables, s.stats);
  const response = s.stats.slice(0, RESPONDER_TYPES.length);
  const evacuation = s.stats.slice(RESPONDER_TYPES.length, COVERAGE_KINDS);
  if (rec) {
    // The recorded run's per-edge coverage (playback, hotspots): filled once the drive is over.
    s.coverage.fillValues(count);
    for (let e = 0; e < count; e++) {
      const row = rec.coverage[covBase + e]!;
      for (let k = 0; k < COVERAGE_KINDS; k++) row[k] = s.coverage.values[k]![e]!;
    }
  }
  return { sample, timeS: t - depart, arrived, rerouted, exposure, response, evacuation, drivenM, reroutedTo, heldS, stopReason, stopNode, stopInject, stopTimeS: arrived ? -1 : t };
}

function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const kx = 111_195 * Math.cos((lat1 * Math.PI) / 180);
  const dx = (lon2 - lon1) * kx;
  const dy = (lat2 - lat1) * 111_195;
  return Math.sqrt(dx * dx + dy * dy);
}
