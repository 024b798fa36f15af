import { MultiDirectedGraph } from 'graphology';
import { EdgeFlag } from './road-class.js';
import type { RoadGraph } from './road-graph.js';

/** Node attributes: lon/lat in degrees for geographic graphs, x/y in planar units for scale graphs. */
export type RoadNodeAttributes = { lon: number; lat: number } | { x: number; y: number };

/** Edge attributes, named as in `motorcade graph export` so outside tools see the same fields. */
export interface RoadEdgeAttributes {
  /** Edge id in the CSR graph (also the graphology edge key, as a string). */
  id: number;
  length_m: number;
  time_s: number;
  class: string;
  oneway: boolean;
  bridge: boolean;
  tunnel: boolean;
  roundabout: boolean;
  /** Lanes per direction, 0 = unknown. */
  lanes: number;
  name: string;
}

export type RoadGraphology = MultiDirectedGraph<RoadNodeAttributes, RoadEdgeAttributes>;

/**
 * The road graph as a graphology MultiDirectedGraph (multi: two roads may join the same two junctions),
 * for analysis (betweenness, components) and interchange (GraphML, GEXF). Node keys are the CSR node ids
 * and edge keys the CSR edge ids, as strings, so results map straight back onto the engine's graph.
 * A copy: O(n + m) objects, fine for analysis, never used on a hot path.
 */
export function toGraphology(graph: RoadGraph): RoadGraphology {
  const g: RoadGraphology = new MultiDirectedGraph<RoadNodeAttributes, RoadEdgeAttributes>();
  const lonLat = graph.isLonLat;
  for (let v = 0; v < graph.nodeCount; v++) {
    g.addNode(String(v), lonLat ? { lon: graph.lon(v), lat: graph.lat(v) } : { x: graph.lon(v), y: graph.lat(v) });
  }
  for (let e = 0; e < graph.edgeCount; e++) {
    const flags = graph.flags[e]!;
    g.addDirectedEdgeWithKey(String(e), String(graph.tail[e]!), String(graph.head[e]!), {
      id: e,
      length_m: graph.lengthM[e]!,
      time_s: graph.timeS[e]!,
      class: graph.classOf(e),
      oneway: (flags & EdgeFlag.ONEWAY) !== 0,
      bridge: (flags & EdgeFlag.BRIDGE) !== 0,
      tunnel: (flags & EdgeFlag.TUNNEL) !== 0,
      roundabout: (flags & EdgeFlag.ROUNDABOUT) !== 0,
      lanes: graph.lanes[e]!,
      name: graph.nameOf(e),
    });
  }
  return g;
}
