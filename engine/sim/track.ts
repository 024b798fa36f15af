import { haversineM } from '../geo/haversine.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { roughEdgeDistanceM, edgeThreatFactor } from '../metrics/threat-geometry.js';
import type { ThreatSlot } from './threat-slots.js';

/** Junction kinds at the entry of a route edge (where waiting and convoy clearance happen). */
export const Junction = { NONE: 0, MINOR: 1, MAJOR: 2 } as const;

/** What a Track needs to know about the plan besides the graph (all per graph edge / per slot). */
export interface TrackEnvironment {
  graph: RoadGraph;
  /** 1 when the edge counts as a chokepoint (bridge, roundabout, declared point), per graph edge. */
  chokeEdge: Uint8Array;
  /** Predictability of a graph edge's road for this movement, 0 … 1 (RoadReuse.factor at its departure). */
  reuseFactor: (edge: number) => number;
  /** Road classes counting as "major" for junction waits (codes). */
  majorClass: Uint8Array;
  threats: readonly ThreatSlot[];
  threatDecayM: number;
}

/**
 * One drivable route, prepared for the per-sample loop: every per-edge quantity the simulation and the
 * scores read, laid out in typed arrays indexed by position along the route (i = 0 … n-1). Built once per
 * route option (and per reroute, cached), never per sample.
 */
export class Track {
  readonly n: number;
  readonly edge: Int32Array;
  /** Driven length of each edge (partial first/last edges), metres. */
  readonly lengthM: Float64Array;
  /** Free-flow speed of the edge, m/s. */
  readonly freeMps: Float64Array;
  readonly classCode: Uint8Array;
  /** Junction kind at the entry of edge i (always NONE for i = 0). */
  readonly junction: Uint8Array;
  readonly choke: Uint8Array;
  readonly reuse: Float64Array;
  /** Distance along the route at the start of edge i; cumM[n] is the total. */
  readonly cumM: Float64Array;
  readonly tailNode: Int32Array;
  readonly headNode: Int32Array;
  readonly midLon: Float64Array;
  readonly midLat: Float64Array;
  /** Threat entries of edge i are threatFirst[i] … threatFirst[i+1]-1: slot index and geometric factor. */
  readonly threatFirst: Uint32Array;
  readonly threatSlot: Uint16Array;
  readonly threatFactor: Float64Array;
  readonly freeFlowTimeS: number;
  /** Where the route starts on its first edge and ends on its last (fractions of the edge length). */
  readonly fromFraction: number;
  readonly toFraction: number;

  constructor(env: TrackEnvironment, edges: readonly number[], fromFraction = 0, toFraction = 1) {
    this.fromFraction = fromFraction;
    this.toFraction = toFraction;
    const g = env.graph;
    const n = edges.length;
    this.n = n;
    this.edge = Int32Array.from(edges);
    this.lengthM = new Float64Array(n);
    this.freeMps = new Float64Array(n);
    this.classCode = new Uint8Array(n);
    this.junction = new Uint8Array(n);
    this.choke = new Uint8Array(n);
    this.reuse = new Float64Array(n);
    this.cumM = new Float64Array(n + 1);
    this.tailNode = new Int32Array(n);
    this.headNode = new Int32Array(n);
    this.midLon = new Float64Array(n);
    this.midLat = new Float64Array(n);
    this.threatFirst = new Uint32Array(n + 1);
    const slots: number[] = [];
    const factors: number[] = [];
    let free = 0;
    for (let i = 0; i < n; i++) {
      const e = edges[i]!;
      const a = i === 0 ? fromFraction : 0;
      const b = i === n - 1 ? toFraction : 1;
      const part = Math.max(0, b - a);
      this.lengthM[i] = g.lengthM[e]! * part;
      this.freeMps[i] = g.timeS[e]! > 0 ? g.lengthM[e]! / g.timeS[e]! : 1;
      free += g.timeS[e]! * part;
      this.classCode[i] = g.roadClass[e]!;
      this.choke[i] = env.chokeEdge[e]!;
      this.reuse[i] = env.reuseFactor(e);
      this.cumM[i + 1] = this.cumM[i]! + this.lengthM[i]!;
      const t = g.tail[e]!;
      const h = g.head[e]!;
      this.tailNode[i] = t;
      this.headNode[i] = h;
      this.midLon[i] = (g.lon(t) + g.lon(h)) / 2;
      this.midLat[i] = (g.lat(t) + g.lat(h)) / 2;
      if (i > 0) this.junction[i] = junctionKind(env, t, e, edges[i - 1]!);
      this.threatFirst[i] = slots.length;
      env.threats.forEach((slot, k) => {
        if (roughEdgeDistanceM(g, e, slot.area) >= env.threatDecayM) return;
        const f = edgeThreatFactor(g, e, slot.area, env.threatDecayM, a, b);
        if (f > 0) {
          slots.push(k);
          factors.push(f);
        }
      });
    }
    this.threatFirst[n] = slots.length;
    this.threatSlot = Uint16Array.from(slots);
    this.threatFactor = Float64Array.from(factors);
    this.freeFlowTimeS = free;
  }

  get totalM(): number {
    return this.cumM[this.n]!;
  }

  /** Position of the first edge leaving `node` at or after index `from`, or -1. */
  indexOfTail(node: number, from = 0): number {
    for (let i = from; i < this.n; i++) if (this.tailNode[i] === node) return i;
    return -1;
  }

  /** Straight-line metres between the route's midpoint of edge i and a point (for "near" descriptions). */
  distanceToM(i: number, lon: number, lat: number): number {
    return haversineM(this.midLon[i]!, this.midLat[i]!, lon, lat);
  }
}

/** Turns sharper than this (degrees) count as turning at a junction. */
export const TURN_DEG = 45;

/**
 * Junction kind where the route enters `outEdge` from `inEdge` at `node` (docs/metrics.md):
 * - NONE: fewer than three distinct neighbours (a bend, not a junction), or the route goes straight on a
 *   major road and every crossing road is minor (side streets yield to the main road);
 * - MAJOR: another major road meets here (a signalised crossing in practice);
 * - MINOR: any other junction (the route is on a minor road, or turns).
 */
function junctionKind(env: TrackEnvironment, node: number, outEdge: number, inEdge: number): number {
  const g = env.graph;
  const neighbours = new Set<number>();
  let crossingMajor = false;
  const inTwin = g.twin[inEdge]!;
  const outTwin = g.twin[outEdge]!;
  for (let k = g.firstOut[node]!; k < g.firstOut[node + 1]!; k++) {
    neighbours.add(g.head[k]!);
    if (k !== outEdge && k !== inTwin && env.majorClass[g.roadClass[k]!]) crossingMajor = true;
  }
  for (let k = g.firstIn[node]!; k < g.firstIn[node + 1]!; k++) {
    const e = g.inEdge[k]!;
    neighbours.add(g.tail[e]!);
    if (e !== inEdge && e !== outTwin && env.majorClass[g.roadClass[e]!]) crossingMajor = true;
  }
  if (neighbours.size < 3) return Junction.NONE;
  if (crossingMajor) return Junction.MAJOR;
  const onMajor = env.majorClass[g.roadClass[inEdge]!] && env.majorClass[g.roadClass[outEdge]!];
  if (onMajor && Math.abs(turnAngleDeg(g, inEdge, outEdge)) < TURN_DEG) return Junction.NONE;
  return Junction.MINOR;
}

/** Signed turn angle in degrees from the last segment of inEdge to the first segment of outEdge. */
export function turnAngleDeg(g: RoadGraph, inEdge: number, outEdge: number): number {
  const a = g.edgeGeometry(inEdge);
  const b = g.edgeGeometry(outEdge);
  const p0 = a[a.length - 2]!;
  const p1 = a[a.length - 1]!;
  const q1 = b[1]!;
  const k = Math.cos((p1[1] * Math.PI) / 180);
  const h1 = Math.atan2(p1[1] - p0[1], (p1[0] - p0[0]) * k);
  const h2 = Math.atan2(q1[1] - p1[1], (q1[0] - p1[0]) * k);
  let d = ((h2 - h1) * 180) / Math.PI;
  while (d > 180) d -= 360;
  while (d < -180) d += 360;
  return d;
}
