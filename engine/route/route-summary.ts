import { EdgeFlag } from '../graph/road-class.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { pathMeasure } from './path-assembly.js';
import type { RouteFound } from './types.js';

/** One stretch of a route along the same road (same name and class). */
export interface RoadStretch {
  name: string;
  roadClass: string;
  lengthM: number;
  timeS: number;
}

/** What a person wants to read about a route: roads in order, metres per class, bridges crossed. */
export interface RouteSummary {
  stretches: RoadStretch[];
  /** Metres driven per road class. */
  classLengthM: Record<string, number>;
  /** One entry per bridge crossed (consecutive bridge edges count once): its name and length. */
  bridges: { name: string; lengthM: number; firstEdge: number }[];
}

/** Summarise a found route (time per stretch uses `time`, default the graph's free-flow times). */
export function summarizeRoute(graph: RoadGraph, route: RouteFound, time: Float64Array = graph.timeS): RouteSummary {
  const stretches: RoadStretch[] = [];
  const classLengthM: Record<string, number> = {};
  const bridges: RouteSummary['bridges'] = [];
  const n = route.edges.length;
  let inBridge = false;
  for (let i = 0; i < n; i++) {
    const e = route.edges[i]!;
    const f0 = i === 0 ? (route.fromPosition?.fraction ?? 0) : 0;
    const f1 = i === n - 1 ? (route.toPosition?.fraction ?? 1) : 1;
    const share = Math.max(0, f1 - f0);
    const len = share * graph.lengthM[e]!;
    const t = share > 0 ? share * time[e]! : 0;
    const name = graph.nameOf(e);
    const cls = graph.classOf(e);
    classLengthM[cls] = (classLengthM[cls] ?? 0) + len;
    const last = stretches[stretches.length - 1];
    if (last && last.name === name && last.roadClass === cls) {
      last.lengthM += len;
      last.timeS += t;
    } else stretches.push({ name, roadClass: cls, lengthM: len, timeS: t });
    const isBridge = (graph.flags[e]! & EdgeFlag.BRIDGE) !== 0;
    if (isBridge && !inBridge) bridges.push({ name, lengthM: len, firstEdge: e });
    else if (isBridge) bridges[bridges.length - 1]!.lengthM += len;
    inBridge = isBridge;
  }
  return { stretches, classLengthM, bridges };
}

/** Length of road shared by two routes, counting a road once whichever direction it is driven. */
export function sharedLengthM(graph: RoadGraph, a: RouteFound, b: RouteFound): number {
  const driven = new Map<number, number>();
  forEachDriven(graph, b, (road, len) => driven.set(road, (driven.get(road) ?? 0) + len));
  let shared = 0;
  forEachDriven(graph, a, (road, len) => {
    const other = driven.get(road);
    if (other !== undefined) shared += Math.min(len, other);
  });
  return shared;
}

function forEachDriven(graph: RoadGraph, r: RouteFound, fn: (road: number, lengthM: number) => void): void {
  const n = r.edges.length;
  for (let i = 0; i < n; i++) {
    const e = r.edges[i]!;
    const f0 = i === 0 ? (r.fromPosition?.fraction ?? 0) : 0;
    const f1 = i === n - 1 ? (r.toPosition?.fraction ?? 1) : 1;
    const t = graph.twin[e]!;
    fn(t >= 0 ? Math.min(e, t) : e, Math.max(0, f1 - f0) * graph.lengthM[e]!);
  }
}

/** Cost of a found route's edges under another cost array (partial first/last edges included). */
export function routeCostUnder(route: RouteFound, weight: Float64Array): number {
  return pathMeasure(route.edges, route.fromPosition?.fraction ?? 0, route.toPosition?.fraction ?? 1, weight);
}
