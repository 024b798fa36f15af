import { polylineLengthM } from '../../geo/haversine.js';
import { waterRuns } from './bridge-runs.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { DEFAULT_SPEED_KMH, EdgeFlag, roadClassName, type RoadClassName } from '../../graph/road-class.js';
import type { GraphMeta, RoadGraph } from '../../graph/road-graph.js';

/** Free-flow speed (km/h) of a road of a class whose middle lies at lon/lat; without one: the class default. */
export type SpeedRule = (roadClass: RoadClassName, lon: number, lat: number) => number;
import type { SegmentNetwork } from './segment-network.js';
import type { WaterMask } from './water-mask.js';

/** Wet stretches closer than this are one bridge (piers, sandbanks, raster noise), metres. */
const BRIDGE_GAP_M = 20;
/** A bridge end this close to a junction is moved onto it instead of adding a node, metres. */
const END_SNAP_M = 10;

export interface AssembleCounts {
  /** Bridge roads (two-way, counted once): stretches over water longer than the threshold. */
  bridgeRoads: number;
  bridgeKm: number;
}

/**
 * Fold the segment network into the road graph: vertices with exactly two segments of the same class are
 * folded into edge geometry, every other vertex is a node; each road between two nodes becomes one
 * two-way segment of the builder (all bundled roads are two-way: the data has no oneway tag). Lengths are
 * haversine along the geometry. A stretch of more than `bridgeMinWaterM` metres over water becomes an edge of
 * its own flagged BRIDGE (a node is added where the bridge starts and ends, as OSM draws bridges as their own
 * ways), so that a long rural road crossing a river is not a 10 km "bridge".
 */
export function assembleGraph(net: SegmentNetwork, water: WaterMask | undefined, bridgeMinWaterM: number, meta: GraphMeta, speedOf?: SpeedRule): { graph: RoadGraph; counts: AssembleCounts } {
  const { first, list } = net.incidence();
  const { segA, segB, segClass } = net;
  const n = net.vertexCount;
  const isNode = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    const deg = first[v + 1]! - first[v]!;
    if (deg === 0) continue;
    if (deg !== 2 || segClass[list[first[v]!]!] !== segClass[list[first[v]! + 1]!]) isNode[v] = 1;
  }
  const builder = new GraphBuilder();
  const nodeId = new Int32Array(n).fill(-1);
  const nodeOf = (v: number): number => {
    if (nodeId[v]! < 0) nodeId[v] = builder.addNode(net.lon[v]!, net.lat[v]!);
    return nodeId[v]!;
  };
  const used = new Uint8Array(net.segmentCount);
  const counts: AssembleCounts = { bridgeRoads: 0, bridgeKm: 0 };

  /** Emit the road along chain (vertex ids, node to node), cut where it goes over water. */
  const emit = (chain: readonly number[], roadClass: number): void => {
    const xy: number[] = [];
    const cum: number[] = [0];
    for (let i = 0; i < chain.length; i++) {
      xy.push(net.x[chain[i]!]!, net.y[chain[i]!]!);
      if (i > 0) cum.push(cum[i - 1]! + Math.hypot(xy[2 * i]! - xy[2 * i - 2]!, xy[2 * i + 1]! - xy[2 * i - 1]!));
    }
    const total = cum[cum.length - 1]!;
    const runs = water ? waterRuns(xy, water, bridgeMinWaterM, BRIDGE_GAP_M) : [];
    // Break points along the chain: the ends and the ends of each run (unless right at a chain end).
    const breaks: number[] = [0];
    for (const [a, b] of runs) {
      if (a > END_SNAP_M && a > breaks[breaks.length - 1]! + END_SNAP_M) breaks.push(a);
      if (b < total - END_SNAP_M && b > breaks[breaks.length - 1]! + END_SNAP_M) breaks.push(b);
    }
    breaks.push(total);
    /** lon/lat at distance d along the chain; i is the index of the chain segment holding it. */
    const pointAt = (d: number): { i: number; lon: number; lat: number } => {
      let i = 1;
      while (i < cum.length - 1 && cum[i]! < d) i++;
      const a = chain[i - 1]!;
      const b = chain[i]!;
      const span = cum[i]! - cum[i - 1]!;
      const t = span > 0 ? (d - cum[i - 1]!) / span : 0;
      return { i, lon: net.lon[a]! + t * (net.lon[b]! - net.lon[a]!), lat: net.lat[a]! + t * (net.lat[b]! - net.lat[a]!) };
    };
    let fromNode = nodeOf(chain[0]!);
    let from: [number, number] = [net.lon[chain[0]!]!, net.lat[chain[0]!]!];
    for (let k = 1; k < breaks.length; k++) {
      const d0 = breaks[k - 1]!;
      const d1 = breaks[k]!;
      const last = k === breaks.length - 1;
      const end = last ? { i: chain.length - 1, lon: net.lon[chain[chain.length - 1]!]!, lat: net.lat[chain[chain.length - 1]!]! } : pointAt(d1);
      const interior: [number, number][] = [];
      const path: [number, number][] = [from];
      for (let i = 1; i < chain.length - 1; i++) {
        if (cum[i]! <= d0 || cum[i]! >= d1) continue;
        const v = chain[i]!;
        path.push([net.lon[v]!, net.lat[v]!]);
        if (net.synthetic[v] !== 1) interior.push([net.lon[v]!, net.lat[v]!]);
      }
      path.push([end.lon, end.lat]);
      const lengthM = polylineLengthM(path);
      const mid = (d0 + d1) / 2;
      const bridge = runs.some(([a, b]) => mid > a && mid < b);
      if (bridge) {
        counts.bridgeRoads++;
        counts.bridgeKm += lengthM / 1000;
      }
      const toNode = last ? nodeOf(chain[chain.length - 1]!) : builder.addNode(end.lon, end.lat);
      const cls = roadClassName(roadClass);
      const speedKmh = speedOf ? speedOf(cls, (from[0] + end.lon) / 2, (from[1] + end.lat) / 2) : DEFAULT_SPEED_KMH[cls];
      builder.addSegment({ from: fromNode, to: toNode, lengthM, speedKmh, roadClass, flags: bridge ? EdgeFlag.BRIDGE : 0, interior });
      fromNode = toNode;
      from = [end.lon, end.lat];
    }
  };

  const walk = (start: number, firstSeg: number): void => {
    const chain = [start];
    let v = start;
    let s = firstSeg;
    for (;;) {
      used[s] = 1;
      v = segA[s] === v ? segB[s]! : segA[s]!;
      chain.push(v);
      if (isNode[v] === 1) break;
      // Degree 2: continue on the other segment.
      const k = first[v]!;
      s = list[k] === s ? list[k + 1]! : list[k]!;
      if (used[s] === 1) break;
    }
    emit(chain, segClass[firstSeg]!);
  };

  for (let v = 0; v < n; v++) {
    if (isNode[v] !== 1) continue;
    for (let k = first[v]!; k < first[v + 1]!; k++) if (used[list[k]!] !== 1) walk(v, list[k]!);
  }
  // Pure cycles of degree-2 vertices (a ring road touching nothing): make one vertex a node.
  for (let v = 0; v < n; v++) {
    if (first[v + 1]! - first[v]! !== 2 || isNode[v] === 1 || used[list[first[v]!]!] === 1) continue;
    isNode[v] = 1;
    walk(v, list[first[v]!]!);
  }
  counts.bridgeKm = Math.round(counts.bridgeKm * 1000) / 1000;
  return { graph: builder.build(meta), counts };
}
