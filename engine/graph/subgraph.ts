import { GraphBuilder } from './graph-builder.js';
import { EdgeFlag } from './road-class.js';
import type { RoadGraph } from './road-graph.js';
import { stronglyConnectedComponents } from './strongly-connected.js';
import { round3 } from '../rounding.js';

/** Flags the builder sets by itself; everything else is carried over as the importer set it. */
const BUILDER_FLAGS = EdgeFlag.ONEWAY | EdgeFlag.GEOMETRY_ON_TWIN;

/**
 * A new graph holding the nodes with keepNode[v] = 1 and every edge between two kept nodes, with the
 * same lengths, times, classes, flags, lanes, names and geometry. Node and edge ids are renumbered
 * (kept nodes in their old order). The meta is the old one with `reportAddition` merged into `report`.
 */
export function extractSubgraph(graph: RoadGraph, keepNode: Uint8Array, reportAddition: Record<string, unknown> = {}): RoadGraph {
  const n = graph.nodeCount;
  const newId = new Int32Array(n).fill(-1);
  const builder = new GraphBuilder(graph.coordKind);
  for (let v = 0; v < n; v++) {
    if (keepNode[v] === 1) newId[v] = builder.addNode(graph.lon(v), graph.lat(v));
  }
  for (let e = 0; e < graph.edgeCount; e++) {
    const from = newId[graph.tail[e]!]!;
    const to = newId[graph.head[e]!]!;
    if (from < 0 || to < 0) continue;
    const flags = graph.flags[e]!;
    // A two-way road is one segment: add it from the edge that stores the geometry, the builder makes the twin.
    const twin = graph.twin[e]!;
    if (twin >= 0 && (flags & EdgeFlag.GEOMETRY_ON_TWIN) !== 0) continue;
    const lengthM = graph.lengthM[e]!;
    const timeS = graph.timeS[e]!;
    const name = graph.nameOf(e);
    const lanes = graph.lanes[e]!;
    builder.addSegment({
      from,
      to,
      lengthM,
      // Recover the speed that gives back the same time (zero-length edges keep any positive speed).
      speedKmh: lengthM > 0 && timeS > 0 ? (lengthM / timeS) * 3.6 : 1,
      roadClass: graph.roadClass[e]!,
      flags: flags & ~BUILDER_FLAGS,
      ...(lanes > 0 ? { lanes } : {}),
      ...(name !== '' ? { name } : {}),
      interior: graph.interiorPoints(e),
      oneway: twin < 0,
    });
  }
  const meta = graph.meta;
  return builder.build({ ...meta, report: { ...meta.report, ...reportAddition } });
}


/** What keeping the largest strongly connected component did (stored in meta.report.components). */
export interface ComponentReport {
  /** Strongly connected components before filtering. */
  componentCount: number;
  kept: { nodes: number; edges: number; km: number };
  dropped: { components: number; nodes: number; edges: number; km: number };
  /** Node counts of the largest dropped components (at most 5), to see whether something big fell off. */
  largestDroppedNodes: number[];
}

/** Road length of a set of directed edges counted once per road: a two-way road's twin is not added again. */
function roadKm(graph: RoadGraph, include: (e: number) => boolean): number {
  let m = 0;
  for (let e = 0; e < graph.edgeCount; e++) {
    if (!include(e)) continue;
    const t = graph.twin[e]!;
    if (t >= 0 && t < e) continue;
    m += graph.lengthM[e]!;
  }
  return m / 1000;
}

/**
 * Keep the strongly connected component with the most nodes (a vehicle can get from any node of it to
 * any other; equal node counts: the one with more road length) and report what was dropped. The report is also merged into meta.report.components.
 * Always returns a rebuilt graph so that the report travels with it.
 */
export function keepLargestComponent(graph: RoadGraph): { graph: RoadGraph; report: ComponentReport } {
  const scc = stronglyConnectedComponents(graph);
  // Road length inside each component breaks ties in node count (deterministic, and the longer network wins).
  const inside = new Float64Array(scc.count);
  for (let e = 0; e < graph.edgeCount; e++) {
    const c = scc.componentOf[graph.tail[e]!]!;
    if (c === scc.componentOf[graph.head[e]!]) inside[c]! += graph.lengthM[e]!;
  }
  let best = 0;
  for (let c = 1; c < scc.count; c++) {
    if (scc.size[c]! > scc.size[best]! || (scc.size[c] === scc.size[best] && inside[c]! > inside[best]!)) best = c;
  }
  const keep = new Uint8Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++) keep[v] = scc.componentOf[v] === best ? 1 : 0;
  const inKept = (e: number): boolean => keep[graph.tail[e]!] === 1 && keep[graph.head[e]!] === 1;
  let keptEdges = 0;
  for (let e = 0; e < graph.edgeCount; e++) if (inKept(e)) keptEdges++;
  const keptNodes = scc.count > 0 ? scc.size[best]! : 0;
  const droppedSizes = [...scc.size].filter((_, c) => c !== best).sort((a, b) => b - a);
  const report: ComponentReport = {
    componentCount: scc.count,
    kept: { nodes: keptNodes, edges: keptEdges, km: round3(roadKm(graph, inKept)) },
    dropped: {
      components: Math.max(0, scc.count - 1),
      nodes: graph.nodeCount - keptNodes,
      edges: graph.edgeCount - keptEdges,
      km: round3(roadKm(graph, (e) => !inKept(e))),
    },
    largestDroppedNodes: droppedSizes.slice(0, 5),
  };
  return { graph: extractSubgraph(graph, keep, { components: report }), report };
}
