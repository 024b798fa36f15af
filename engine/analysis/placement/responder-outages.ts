import type { Recorder } from '../../sim/recorder.js';
import type { PreparedRun } from '../../sim/prepared-run.js';

/** One responder_out inject as a route's nominal run meets it: units of a responder out of service over [fromS, toS). */
export interface Outage {
  responder: number;
  count: number;
  fromS: number;
  toS: number;
}

/**
 * The responder_out injects in force during movement mi's nominal run `rec`, as `run` applies them: a
 * timed inject (or one triggered by another movement) from its due time, one triggered by this movement's
 * own progress from when its nominal run fired it (the recorded event); each for its duration, or the
 * rest of the day. The simulation applies injects at edge boundaries, so an edge entered at t meets the
 * outages with fromS ≤ t < toS.
 */
export function outagesOf(ctx: PreparedRun, mi: number, rec: Recorder): Outage[] {
  const out: Outage[] = [];
  for (const inj of ctx.injects) {
    const a = inj.plan.action;
    if (a.type !== 'responder_out' || inj.responder < 0) continue;
    let fromS = inj.dueS;
    if (inj.triggerMovement === mi) {
      const fired = rec.events.find((e) => e.kind === 'responder_out' && e.message.startsWith(`${inj.plan.id}:`));
      fromS = fired ? fired.timeS : Infinity;
    }
    if (!Number.isFinite(fromS)) continue;
    out.push({ responder: inj.responder, count: a.count, fromS, toS: inj.plan.durationS === null ? Infinity : fromS + inj.plan.durationS });
  }
  return out;
}

/** Units of responder `responder` out of service at time t under `outages`. */
export function unitsOutAt(outages: readonly Outage[], responder: number, t: number): number {
  let n = 0;
  for (const o of outages) if (o.responder === responder && o.fromS <= t && t < o.toS) n += o.count;
  return n;
}
