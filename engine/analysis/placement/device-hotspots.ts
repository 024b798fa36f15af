import { haversineM } from '../../geo/haversine.js';
import type { PlanThreat } from '../../model/run-plan.js';
import type { PreparedRun } from '../../sim/prepared-run.js';
import type { PlacementDemand } from './demand.js';

/** Road within this distance of a suspected device's zone counts as its hotspot (m). */
export const DEVICE_MARGIN_M = 300;

/**
 * Where EOD teams are needed: per demand edge, 1 when either end lies within DEVICE_MARGIN_M of a
 * suspected_device threat's zone (a circle, or a polygon taken as the circle through its farthest vertex
 * around the vertices' mean) that is active when the edge is driven; null when the scenario has no
 * suspected device on the routes (EOD then covers the whole routes like any responder).
 */
export function deviceHotspotWeight(ctx: PreparedRun, demand: PlacementDemand): { weight: Float64Array; devices: PlanThreat[] } | null {
  const devices = ctx.plan.threats.filter((t) => t.kind === 'suspected_device');
  if (!devices.length) return null;
  const zones = devices.map((t) => {
    if (t.area.type === 'circle') return { t, lon: t.area.lon, lat: t.area.lat, r: t.area.radiusM };
    const ring = t.area.coordinates[0] ?? [];
    const lon = ring.reduce((s, p) => s + p[0], 0) / Math.max(1, ring.length);
    const lat = ring.reduce((s, p) => s + p[1], 0) / Math.max(1, ring.length);
    return { t, lon, lat, r: Math.max(0, ...ring.map((p) => haversineM(lon, lat, p[0], p[1]))) };
  });
  const g = ctx.graph;
  const weight = new Float64Array(demand.tail.length);
  const hit = new Set<PlanThreat>();
  for (let e = 0; e < weight.length; e++) {
    const t = demand.entryS[e]!;
    for (const z of zones) {
      if (t < z.t.fromS || t >= z.t.toS) continue;
      const near = [demand.tail[e]!, demand.head[e]!].some((v) => haversineM(z.lon, z.lat, g.lon(v), g.lat(v)) <= z.r + DEVICE_MARGIN_M);
      if (near) {
        weight[e] = 1;
        hit.add(z.t);
      }
    }
  }
  return hit.size ? { weight, devices: [...hit] } : null;
}
