import { EdgeFlag } from '../graph/road-class.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { distanceToAreaM } from '../metrics/threat-geometry.js';
import type { PlanArea, PlanChokepoint } from '../model/run-plan.js';

/**
 * Which graph edges a place or area touches, and the per-edge masks built from them (one byte per edge,
 * 1 = in). An edge counts when an end node or (for a radius) its midpoint lies within the area: the
 * approximation the metrics document.
 */

/** edgesNear answers per graph (a scan of every edge; exercises build many worlds with the same places). */
const EDGES_NEAR = new WeakMap<RoadGraph, Map<string, number[]>>();

/** Edges with an end node or midpoint within radiusM of a point. */
export function edgesNear(g: RoadGraph, lon: number, lat: number, radiusM: number): number[] {
  let memo = EDGES_NEAR.get(g);
  if (!memo) EDGES_NEAR.set(g, (memo = new Map()));
  const key = `${lon},${lat},${radiusM}`;
  const known = memo.get(key);
  if (known) return known;
  const out: number[] = [];
  memo.set(key, out);
  const area = { type: 'circle' as const, lon, lat, radiusM };
  for (let e = 0; e < g.edgeCount; e++) {
    const t = g.tail[e]!;
    const h = g.head[e]!;
    // 0.05° of latitude is ~5.5 km: far beyond any radius a scenario declares, a cheap first cut.
    if (Math.abs(g.lat(t) - lat) > 0.05) continue;
    if (distanceToAreaM(area, g.lon(t), g.lat(t)) === 0 || distanceToAreaM(area, g.lon(h), g.lat(h)) === 0 || distanceToAreaM(area, (g.lon(t) + g.lon(h)) / 2, (g.lat(t) + g.lat(h)) / 2) === 0) out.push(e);
  }
  return out;
}

/** Edges with an end node inside the area (a circle as edgesNear). */
export function edgesInArea(g: RoadGraph, area: PlanArea): number[] {
  if (area.type === 'circle') return edgesNear(g, area.lon, area.lat, area.radiusM);
  const out: number[] = [];
  for (let e = 0; e < g.edgeCount; e++) {
    const t = g.tail[e]!;
    const h = g.head[e]!;
    if (distanceToAreaM(area, g.lon(t), g.lat(t)) === 0 || distanceToAreaM(area, g.lon(h), g.lat(h)) === 0) out.push(e);
  }
  return out;
}

/** Chokepoint edges (the chokepoint exposure component): bridges, roundabouts, and edges within a declared chokepoint's radius. */
export function chokepointMask(g: RoadGraph, chokepoints: readonly PlanChokepoint[]): Uint8Array {
  const mask = new Uint8Array(g.edgeCount);
  for (let e = 0; e < g.edgeCount; e++) if (g.flags[e]! & (EdgeFlag.BRIDGE | EdgeFlag.ROUNDABOUT)) mask[e] = 1;
  for (const c of chokepoints) for (const e of edgesNear(g, c.lon, c.lat, c.radiusM)) mask[e] = 1;
  return mask;
}

/** Bridge edges (RouteInfo.bridges): flagged BRIDGE, or within a chokepoint declared as a bridge. */
export function bridgeMask(g: RoadGraph, chokepoints: readonly PlanChokepoint[]): Uint8Array {
  const mask = new Uint8Array(g.edgeCount);
  for (let e = 0; e < g.edgeCount; e++) if (g.flags[e]! & EdgeFlag.BRIDGE) mask[e] = 1;
  for (const c of chokepoints) if (c.bridge) for (const e of edgesNear(g, c.lon, c.lat, c.radiusM)) mask[e] = 1;
  return mask;
}
