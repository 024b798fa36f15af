import { distanceToAreaM } from '../metrics/threat-geometry.js';
import { zoneActiveAt } from '../metrics/place-exposure.js';
import type { PreparedRun } from '../sim/prepared-run.js';
import type { Recorder } from '../sim/recorder.js';

/** A scenario zone that changes nothing: no option passes within its decay range while it is active. */
export interface ZoneWarning {
  /** Threat id, as in the scenario's `threats`. */
  zone: string;
  kind: string;
  message: string;
}

/**
 * Planner mistakes the numbers would hide: a threat or crowd zone that no option of any movement passes
 * within its decay range (scoring.threat_decay) while the zone is active, judged on each option's nominal
 * run (the typical day: when the convoy is on each edge). Such a zone adds no exposure to any option,
 * which is rarely what its author meant (placed beside the route, or timed outside the movements).
 * Zones added by injects are not checked: they appear during the run.
 */
export function zoneWarnings(ctx: PreparedRun, nominal: (mi: number, oi: number) => Recorder | null): ZoneWarning[] {
  const zones = ctx.placeExposure.zones;
  if (zones.length === 0) return [];
  const passed = new Uint8Array(zones.length);
  /** Per zone: the nearest approach of any route in metres (any time), and the option that made it. */
  const nearestM = new Float64Array(zones.length).fill(Infinity);
  const nearestBy: string[] = new Array<string>(zones.length).fill('');
  /** Per zone: a nominal time at which some option is within range (outside the window). */
  const inRangeAt = new Float64Array(zones.length).fill(NaN);
  const g = ctx.graph;
  ctx.plan.movements.forEach((mv, mi) => {
    mv.options.forEach((o, oi) => {
      const rec = nominal(mi, oi);
      if (!rec) return;
      for (const step of rec.trajectory) {
        const mid = (step.entryS + step.exitS) / 2;
        for (const k of ctx.placeExposure.zonesNear(step.edge)) {
          if (zoneActiveAt(zones[k]!.fromS, zones[k]!.toS, mid)) passed[k] = 1;
          else if (Number.isNaN(inRangeAt[k]!)) inRangeAt[k] = mid;
        }
        zones.forEach((z, k) => {
          const n = g.tail[step.edge]!;
          const d = distanceToAreaM(z.area, g.lon(n), g.lat(n));
          if (d < nearestM[k]!) {
            nearestM[k] = d;
            nearestBy[k] = `${mv.id}/${o.id}`;
          }
        });
      }
    });
  });
  const decayM = ctx.placeExposure.decayM;
  const out: ZoneWarning[] = [];
  zones.forEach((z, k) => {
    if (passed[k]) return;
    const kind = z.crowd ? 'crowd zone' : 'threat zone';
    const window = `${clock(z.fromS)}–${clock(z.toS)}`;
    let why: string;
    if (!Number.isNaN(inRangeAt[k]!)) why = `options pass within range only at other times (e.g. ${clock(inRangeAt[k]!)})`;
    else if (nearestM[k]! < Infinity) why = `the nearest option (${nearestBy[k]}) passes ${formatM(nearestM[k]!)} from it`;
    else why = 'no option has a route';
    out.push({ zone: z.id, kind: z.crowd ? 'crowd' : 'threat', message: `${kind} '${z.id}' adds no exposure: no option passes within its ${formatM(decayM)} decay range while it is active (${window}); ${why}` });
  });
  return out;
}

function formatM(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`;
}

function clock(s: number): string {
  if (!Number.isFinite(s)) return s > 0 ? 'end of day' : 'start of day';
  const d = ((Math.round(s) % 86400) + 86400) % 86400;
  return `${String(Math.floor(d / 3600)).padStart(2, '0')}:${String(Math.floor((d % 3600) / 60)).padStart(2, '0')}`;
}
