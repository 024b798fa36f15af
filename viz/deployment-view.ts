import type { DeploymentPlan } from '../engine/analysis/deployment/index.js';

/** The deployment plan as the report draws it: the driven options' posts and the conflicts on the map, the day's timeline under it. */
export interface ReportDeployment {
  posts: { movement: string; option: string; lon: number; lat: number; near: string; kind: string; officers: number; closeS: number; openS: number }[];
  /**
   * Conflicts between movements: gapS is how far apart they pass (null when their closure windows
   * overlap), shift the smallest departure shift that clears it (null: none within max_shift). Numbers,
   * not words: the page writes every duration with one function (viz/client/format.js).
   */
  conflicts: { lon: number; lat: number; near: string; movementA: string; movementB: string; gapS: number | null; fromS: number; toS: number; shift: { movement: string; shiftS: number; withinWindow: boolean } | null }[];
  /** Per driven option: departure to arrival, and its closures (first close to last open). */
  movements: { id: string; option: string; control: string; departS: number | null; arriveS: number | null; closeS: number | null; openS: number | null; officers: number }[];
  /** The day-level view: each shared place with every movement there (presence and closure), by time. */
  places: { kind: string; lon: number; lat: number; near: string; uses: { movement: string; option: string; fromS: number; toS: number; closeS: number | null; openS: number | null; conflictsWith: string[] }[] }[];
  /** Officers posted per minute from startS (the day, over the driven options). */
  timeline: { startS: number; officers: number[] };
  officersTotal: number;
  officersPeak: number;
  peakAtS: number | null;
}

/** Shape a DeploymentPlan into the report's data. */
export function deploymentView(plan: DeploymentPlan): ReportDeployment {
  const driven = plan.movements.map((m) => m.options.find((o) => o.option === m.chosen)!);
  return {
    posts: driven.flatMap((o) => o.posts.map((p) => ({ movement: o.movement, option: o.option, lon: p.lon, lat: p.lat, near: p.near, kind: p.kind, officers: p.officers, closeS: p.closeS, openS: p.openS }))),
    conflicts: plan.day.conflicts.map((c) => ({
      lon: c.lon,
      lat: c.lat,
      near: c.near,
      movementA: c.movementA,
      movementB: c.movementB,
      gapS: c.reason === 'closures_overlap' ? null : c.gapS,
      fromS: Math.min(c.a.fromS, c.b.fromS),
      toS: Math.max(c.a.toS, c.b.toS),
      shift: c.shift ? { movement: c.shift.movement, shiftS: c.shift.shiftS, withinWindow: c.shift.withinWindow } : null,
    })),
    movements: driven.map((o) => ({
      id: o.movement,
      option: o.option,
      control: o.control,
      departS: o.departS,
      arriveS: o.arriveS,
      closeS: o.posts.length ? Math.min(...o.posts.map((p) => p.closeS)) : null,
      openS: o.posts.length ? Math.max(...o.posts.map((p) => p.openS)) : null,
      officers: o.officersTotal,
    })),
    places: plan.day.places.map((p) => ({ kind: p.kind, lon: p.lon, lat: p.lat, near: p.near, uses: p.uses })),
    timeline: { startS: plan.day.timeline.startS, officers: plan.day.timeline.officers },
    officersTotal: plan.day.officersTotal,
    officersPeak: plan.day.officersPeak.count,
    peakAtS: plan.day.officersPeak.atS,
  };
}
