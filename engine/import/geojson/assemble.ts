import { haversineM } from '../../geo/haversine.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { DEFAULT_SPEED_KMH, EdgeFlag, roadClassName } from '../../graph/road-class.js';
import type { GraphMeta, RoadGraph } from '../../graph/road-graph.js';
import type { SegmentNetwork } from './segment-network.js';
import type { WaterMask } from './water-mask.js';

export interface AssembleCounts {
  /** Edges (two-way roads, counted once) whose geometry runs over water for more than the threshold. */
  bridgeRoads: number;
  bridgeKm: number;
}

/**
 * Fold the segment network into the road graph: vertices with exactly two segments of the same class are
 * folded into edge geometry, every other vertex is a node; each road between two nodes becomes one
 * two-way segment of the builder (all bundled roads are two-way: the data has no oneway tag). Lengths are
 * haversine along the geometry; a road with more than `bridgeMinWaterM` metres over water is a BRIDGE.
 */
export function assembleGraph(net: SegmentNetwork, water: WaterMask | undefined, bridgeMinWaterM: number, meta: GraphMeta): { graph: RoadGraph; counts: AssembleCounts } {
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

  const walk = (start: number, firstSeg: number): void => {
    const interior: [number, number][] = [];
    let lengthM = 0;
    let wetM = 0;
    let v = start;
    let s = firstSeg;
    for (;;) {
      used[s] = 1;
      const w = segA[s] === v ? segB[s]! : segA[s]!;
      lengthM += haversineM(net.lon[v]!, net.lat[v]!, net.lon[w]!, net.lat[w]!);
      if (water) wetM += water.segmentOverWaterM(net.x[v]!, net.y[v]!, net.x[w]!, net.y[w]!);
      v = w;
      if (isNode[v] === 1) break;
      if (net.synthetic[v] !== 1) interior.push([net.lon[v]!, net.lat[v]!]);
      // Degree 2: continue on the other segment.
      const k = first[v]!;
      s = list[k] === s ? list[k + 1]! : list[k]!;
      if (used[s] === 1) break;
    }
    if (isNode[v] !== 1) {
      // Closed loop back to the start without another node: v is the start.
      v = start;
    }
    const roadClass = segClass[firstSeg]!;
    const bridge = wetM > bridgeMinWaterM;
    if (bridge) {
      counts.bridgeRoads++;
      counts.bridgeKm += lengthM / 1000;
    }
    builder.addSegment({
      from: nodeOf(start),
      to: nodeOf(v),
      lengthM,
      speedKmh: DEFAULT_SPEED_KMH[roadClassName(roadClass)],
      roadClass,
      flags: bridge ? EdgeFlag.BRIDGE : 0,
      interior,
    });
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
