import type { RoadGraph } from '../graph/road-graph.js';
import type { PlanArea } from '../model/run-plan.js';
import type { PreparedRun } from '../sim/prepared-run.js';

export interface ExerciseMapLayers {
  /** Roads closed at this moment: one line per road (twins drawn once), [lon, lat] vertices. */
  closures: { injectId: string; label: string; lines: [number, number][][] }[];
  /** Threat and crowd zones active at this moment. */
  threats: { id: string; kind: string; intensity: number; area: PlanArea }[];
  responders: { id: string; type: string; lon: number; lat: number; count: number; inService: number }[];
}

/** When inject k of the world fires (s of day), Infinity when it never does. */
function dueOf(world: PreparedRun, k: number): number {
  const inj = world.injects[k]!;
  return Number.isFinite(inj.dueS) ? inj.dueS : inj.nominalTimeS;
}

/** What the exercise map shows at exercise time `t`. */
export function mapLayersAt(graph: RoadGraph, world: PreparedRun, t: number): ExerciseMapLayers {
  const closures: ExerciseMapLayers['closures'] = [];
  world.injects.forEach((inj, k) => {
    if (!inj.closedMask) return;
    const from = dueOf(world, k);
    const to = inj.plan.durationS === null ? Infinity : from + inj.plan.durationS;
    if (!(from <= t && t < to)) return;
    const lines: [number, number][][] = [];
    for (let e = 0; e < inj.closedMask.length; e++) {
      if (!inj.closedMask[e]) continue;
      const tw = graph.twin[e]!;
      if (tw >= 0 && tw < e && inj.closedMask[tw]) continue;
      lines.push(graph.edgeGeometry(e));
    }
    const a = inj.plan.action;
    closures.push({ injectId: inj.plan.id, label: 'label' in a ? a.label : inj.plan.note, lines });
  });
  const threats: ExerciseMapLayers['threats'] = [];
  world.slots.forEach((slot, s) => {
    const from = slot.openedByInject >= 0 ? dueOf(world, slot.openedByInject) : slot.baseFromS;
    let to = slot.baseToS;
    world.slots.forEach((other) => {
      if (other.replaces === s && other.openedByInject >= 0) to = Math.min(to, dueOf(world, other.openedByInject));
    });
    if (from <= t && t < to) threats.push({ id: slot.id, kind: slot.kind, intensity: slot.intensity, area: slot.area });
  });
  const responders = world.plan.responders.map((r, ri) => {
    let out = 0;
    world.injects.forEach((inj, k) => {
      const a = inj.plan.action;
      if (a.type !== 'responder_out' || inj.responder !== ri) return;
      const from = dueOf(world, k);
      const to = inj.plan.durationS === null ? Infinity : from + inj.plan.durationS;
      if (from <= t && t < to) out += a.count;
    });
    return { id: r.id, type: r.type, lon: r.lon, lat: r.lat, count: r.count, inService: Math.max(0, r.count - out) };
  });
  return { closures, threats, responders };
}
