import type { PreparedRun } from '../sim/prepared-run.js';
import type { Chokepoint, CriticalEdge } from '../model/run-result.js';
import type { Recorder } from '../sim/recorder.js';
import { round2 } from '../rounding.js';

export const MAX_CRITICAL_EDGES = 8;

/**
 * Robustness: for the route's critical edges (its chokepoints, at most MAX_CRITICAL_EDGES, in route order),
 * the extra time to the destination if that edge (both directions) is closed when the motorcade reaches
 * it: fastest time from the edge's tail node with the closure, minus without it, both at the traffic band
 * of the nominal run's arrival at that node. null when no detour exists.
 */
export function criticalEdges(ctx: PreparedRun, mi: number, oi: number, chokepoints: readonly Chokepoint[], nominal: Recorder | null): CriticalEdge[] {
  const track = ctx.movements[mi]!.tracks[oi];
  const to = ctx.endpoints[mi]!.to;
  if (!track || !to) return [];
  const g = ctx.graph;
  const seen = new Set<number>();
  const out: CriticalEdge[] = [];
  for (const c of chokepoints) {
    if (seen.has(c.index) || out.length >= MAX_CRITICAL_EDGES) continue;
    seen.add(c.index);
    const e = track.edge[c.index]!;
    const base = { edge: e, index: c.index, lon: c.lon, lat: c.lat, near: c.near };
    if (c.index === 0) {
      out.push({ ...base, extraTimeS: null, reason: `${c.reason}; the start lies on it` });
      continue;
    }
    const node = track.tailNode[c.index]!;
    const when = nominal?.nodeTime.get(node) ?? ctx.plan.movements[mi]!.departureS;
    const band = ctx.traffic.bandAt(when);
    const open = ctx.routing.fastest({ node }, to, band);
    const closed = [e];
    if (g.twin[e]! >= 0) closed.push(g.twin[e]!);
    const detour = ctx.routing.fastest({ node }, to, band, closed);
    const extra = open.found && detour.found ? Math.max(0, detour.timeS - open.timeS) : null;
    out.push({ ...base, extraTimeS: extra === null ? null : round2(extra), reason: c.reason });
  }
  return out;
}
