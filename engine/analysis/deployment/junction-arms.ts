import type { RoadGraph } from '../../graph/road-graph.js';
import type { JunctionRoadKind } from '../../model/deployment-rules.js';

/** A node of the route as a junction to hold: its arms and whether any of them is a major road. */
export interface JunctionShape {
  /** Distinct neighbouring nodes (roads meeting here, either direction). */
  arms: number;
  /** Arms other than the route's way in and way out: the roads traffic must be stopped on. */
  blockedArms: number;
  kind: JunctionRoadKind;
}

/**
 * The shape of `node` where the route arrives from `fromNode` and leaves toward `toNode`. `majorClass`
 * is 1 per road class code counted major (the simulation's junction model uses the same set). A node
 * with no blocked arm (a bend, or a split of one road) needs no post.
 */
export function junctionShape(g: RoadGraph, majorClass: Uint8Array, node: number, fromNode: number, toNode: number): JunctionShape {
  const neighbours = new Set<number>();
  let major = false;
  for (let k = g.firstOut[node]!; k < g.firstOut[node + 1]!; k++) {
    const h = g.head[k]!;
    if (h !== node) neighbours.add(h);
    if (majorClass[g.roadClass[k]!]) major = true;
  }
  for (let k = g.firstIn[node]!; k < g.firstIn[node + 1]!; k++) {
    const e = g.inEdge[k]!;
    const t = g.tail[e]!;
    if (t !== node) neighbours.add(t);
    if (majorClass[g.roadClass[e]!]) major = true;
  }
  const own = new Set([fromNode, toNode].filter((x) => neighbours.has(x)));
  return { arms: neighbours.size, blockedArms: neighbours.size - own.size, kind: major ? 'major' : 'minor' };
}
