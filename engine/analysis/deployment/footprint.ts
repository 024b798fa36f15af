import { EdgeFlag } from '../../graph/road-class.js';
import type { RoadGraph } from '../../graph/road-graph.js';
import { round2 } from '../../rounding.js';
import type { DrivenPath } from './driven-path.js';
import type { JunctionPost } from './option-deployment.js';

/** When a movement holds a stretch or a junction: from the lead car's arrival to the sweep car's clearance, and its closure window there. */
export interface Occupancy {
  fromS: number;
  toS: number;
  /** Hull of the closure windows of its posts there; null when it holds none there. */
  closeS: number | null;
  openS: number | null;
}

/**
 * What one movement's chosen option occupies on the day, for deconfliction: per driven edge its road
 * (an edge and its twin are one road) and the time from the lead car entering it to the sweep car
 * leaving it; per junction node the lead and sweep times; its posts by node.
 */
export class Footprint {
  /** Road key (min of the edge and its twin) per driven edge. */
  readonly road: number[];
  readonly edgeFromS: number[];
  readonly edgeToS: number[];
  readonly nodeTimes = new Map<number, { fromS: number; toS: number }>();
  readonly posts = new Map<number, JunctionPost>();
  readonly roadEdges = new Map<number, number[]>();

  constructor(
    readonly g: RoadGraph,
    readonly path: DrivenPath,
    posts: readonly JunctionPost[],
  ) {
    this.road = path.edges.map((e) => roadKey(g, e));
    this.edgeFromS = path.entryS.slice();
    this.edgeToS = path.edges.map((_e, k) => path.sweepTimeAt(path.startM[k]! + path.lengthM[k]!));
    this.road.forEach((r, k) => {
      // A zero-length partial edge (a start or end exactly on a node) drives no road.
      if (!(path.lengthM[k]! > 0)) return;
      const list = this.roadEdges.get(r);
      if (list) list.push(k);
      else this.roadEdges.set(r, [k]);
    });
    for (const n of path.nodes(g)) {
      const t = { fromS: n.leadS, toS: path.sweepTimeAt(n.posM) };
      const seen = this.nodeTimes.get(n.node);
      this.nodeTimes.set(n.node, seen ? { fromS: Math.min(seen.fromS, t.fromS), toS: Math.max(seen.toS, t.toS) } : t);
    }
    for (const p of posts) this.posts.set(p.node, p);
  }

  /** Occupancy of the roads `roads` (keys) and the junction nodes `nodes` of a shared place. */
  occupancy(roads: ReadonlySet<number>, nodes: readonly number[]): Occupancy {
    let fromS = Infinity;
    let toS = -Infinity;
    for (const r of roads) {
      for (const k of this.roadEdges.get(r) ?? []) {
        fromS = Math.min(fromS, this.edgeFromS[k]!);
        toS = Math.max(toS, this.edgeToS[k]!);
      }
    }
    let closeS = Infinity;
    let openS = -Infinity;
    for (const n of nodes) {
      const t = this.nodeTimes.get(n);
      if (t) {
        fromS = Math.min(fromS, t.fromS);
        toS = Math.max(toS, t.toS);
      }
      const p = this.posts.get(n);
      if (p) {
        closeS = Math.min(closeS, p.closeS);
        openS = Math.max(openS, p.openS);
      }
    }
    return { fromS: round2(fromS), toS: round2(toS), closeS: Number.isFinite(closeS) ? round2(closeS) : null, openS: Number.isFinite(openS) ? round2(openS) : null };
  }

  isBridge(k: number): boolean {
    return this.g.hasFlag(this.path.edges[k]!, EdgeFlag.BRIDGE);
  }
}

/** One key per road: an edge and its twin (the other direction) share it. */
export function roadKey(g: RoadGraph, e: number): number {
  const t = g.twin[e]!;
  return t >= 0 && t < e ? t : e;
}
