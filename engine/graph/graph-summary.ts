import { ROAD_CLASSES } from './road-class.js';
import { EdgeFlag } from './road-class.js';
import type { RoadGraph } from './road-graph.js';

/** Counts and extents of a road graph, as `motorcade graph info` shows them. */
export interface GraphSummary {
  nodes: number;
  /** Directed edges (a two-way road is two edges). */
  edges: number;
  /** Roads: two-way roads counted once, plus one-way edges. */
  roads: number;
  /** Road length per class, km, each road counted once (planar units / 1000 on PLANAR graphs). */
  kmByClass: Record<string, number>;
  km: number;
  bridges: { roads: number; km: number };
  oneway: { edges: number; km: number };
  /** [minLon, minLat, maxLon, maxLat] of the nodes. */
  bbox: [number, number, number, number];
  bytes: number;
  bytesPerEdge: number;
}

export function summarizeGraph(graph: RoadGraph): GraphSummary {
  const byClass = new Map<string, number>();
  let roads = 0;
  let bridgeRoads = 0;
  let bridgeM = 0;
  let onewayEdges = 0;
  let onewayM = 0;
  let totalM = 0;
  for (let e = 0; e < graph.edgeCount; e++) {
    const t = graph.twin[e]!;
    if (t >= 0 && t < e) continue; // count each two-way road once
    roads++;
    const len = graph.lengthM[e]!;
    totalM += len;
    const cls = ROAD_CLASSES[graph.roadClass[e]!] ?? 'unknown';
    byClass.set(cls, (byClass.get(cls) ?? 0) + len);
    if ((graph.flags[e]! & EdgeFlag.BRIDGE) !== 0) {
      bridgeRoads++;
      bridgeM += len;
    }
    if (t < 0) {
      onewayEdges++;
      onewayM += len;
    }
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let v = 0; v < graph.nodeCount; v++) {
    const x = graph.nodeCoord[2 * v]!;
    const y = graph.nodeCoord[2 * v + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const km = (m: number): number => Math.round(m) / 1000;
  const kmByClass: Record<string, number> = {};
  for (const [cls, m] of [...byClass].sort((a, b) => b[1] - a[1])) kmByClass[cls] = km(m);
  return {
    nodes: graph.nodeCount,
    edges: graph.edgeCount,
    roads,
    kmByClass,
    km: km(totalM),
    bridges: { roads: bridgeRoads, km: km(bridgeM) },
    oneway: { edges: onewayEdges, km: km(onewayM) },
    bbox: [minX, minY, maxX, maxY],
    bytes: graph.buffer.byteLength,
    bytesPerEdge: Math.round(graph.bytesPerEdge * 10) / 10,
  };
}
