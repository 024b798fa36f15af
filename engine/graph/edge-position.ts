import type { RoadGraph } from './road-graph.js';

/**
 * A point part-way along a directed edge: `fraction` 0 is the tail node, 1 the head node, measured by
 * length along the geometry. The same physical point is (twin, 1 - fraction) on the twin edge, which is
 * how routing starts or ends a search mid-edge in either direction of travel.
 */
export type EdgePosition = { edge: number; fraction: number };

/** The same point seen from the twin edge, or undefined on a one-way road (no twin). */
export function positionOnTwin(graph: RoadGraph, pos: EdgePosition): EdgePosition | undefined {
  const twin = graph.twin[pos.edge]!;
  return twin < 0 ? undefined : { edge: twin, fraction: 1 - pos.fraction };
}
