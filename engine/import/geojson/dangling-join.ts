import { closestParameter } from '../../geo/segment-projection.js';
import { RoadSet, type SegmentNetwork } from './segment-network.js';

export interface DanglingOptions {
  /** A dangling end within this many metres of another road is joined to it (default 12). */
  toleranceM: number;
  /**
   * Tolerance between a core end and a core road. The core set has exact topology (roads that meet share
   * a vertex), so a core dead end a few metres from another core road is a real dead end (a wall, a
   * gate), not a junction the mapper missed; only near-touching ends are joined.
   */
  coreToCoreToleranceM: number;
  /** Tolerance for ends created by duplicate removal (they lie alongside a core road by construction). */
  cutToleranceM: number;
  /** Vertices whose ends were cut by duplicate removal. */
  cutVertices: ReadonlySet<number>;
  /** A projection this close to an existing vertex of the target segment reuses that vertex (no split). */
  snapToVertexM: number;
}

export interface DanglingCounts {
  /** Line ends touching no other road (degree 1) before joining. */
  danglingEnds: number;
  joined: number;
  joinedCutEnds: number;
  /** Joined ends by the set of the dangling road: core (exact topology: real dead ends near a road) and metro. */
  joinedCore: number;
  joinedMetro: number;
  /** Joins that landed on an existing vertex (no split needed). */
  joinedToVertex: number;
  /** Roads split: new vertices inserted inside a segment to receive a join. */
  roadsSplit: number;
  /** Mean and max length of the connectors added, metres. */
  meanGapM: number;
  maxGapM: number;
}

/**
 * Join dangling ends (vertices with one segment) to the nearest point of another road within the
 * tolerance, splitting that road there and adding a short connector of the dangling road's class. Roads
 * already reachable from the end within a short walk along the network are not candidates (an end must
 * not join the road it is part of). All targets are found on the network as it was, then all splits
 * applied at once, so the result does not depend on the order of ends.
 */
export function joinDanglingEnds(net: SegmentNetwork, opt: DanglingOptions): DanglingCounts {
  const { first, list } = net.incidence();
  const { index, ids } = net.segmentIndex();
  const { x, y, segA, segB } = net;
  const maxTol = Math.max(opt.toleranceM, opt.cutToleranceM);
  const cutsBySegment = new Map<number, { t: number; vertex: number }[]>();
  const connectors: { from: number; to: number; roadClass: number }[] = [];
  let danglingEnds = 0;
  let joinedCutEnds = 0;
  let joinedCore = 0;
  let joinedToVertex = 0;
  let gapSum = 0;
  let gapMax = 0;
  const nearby = new Set<number>();

  for (let v = 0; v < net.vertexCount; v++) {
    if (first[v + 1]! - first[v]! !== 1) continue;
    danglingEnds++;
    const isCut = opt.cutVertices.has(v);
    const tol = isCut ? opt.cutToleranceM : opt.toleranceM;
    const own = list[first[v]!]!;
    const ownIsCore = net.segSet[own] === RoadSet.CORE;
    const coreTol2 = Math.min(tol, opt.coreToCoreToleranceM) ** 2;
    // Segments within a walk of 2 × tolerance from v along the network are the end's own road.
    nearby.clear();
    const stack: [number, number][] = [[v, 0]];
    while (stack.length > 0) {
      const [u, d] = stack.pop()!;
      for (let k = first[u]!; k < first[u + 1]!; k++) {
        const s = list[k]!;
        if (nearby.has(s)) continue;
        nearby.add(s);
        const w = segA[s] === u ? segB[s]! : segA[s]!;
        const dw = d + net.segmentLengthM(s);
        if (dw < 2 * maxTol) stack.push([w, dw]);
      }
    }
    let best = -1;
    let bestD2 = tol * tol;
    let bestT = 0;
    const px = x[v]!;
    const py = y[v]!;
    for (const i of index.search(px - tol, py - tol, px + tol, py + tol)) {
      const s = ids[i]!;
      if (nearby.has(s)) continue;
      const a = segA[s]!;
      const b = segB[s]!;
      const t = closestParameter(px, py, x[a]!, y[a]!, x[b]!, y[b]!);
      const qx = x[a]! + t * (x[b]! - x[a]!) - px;
      const qy = y[a]! + t * (y[b]! - y[a]!) - py;
      const d2 = qx * qx + qy * qy;
      if (ownIsCore && net.segSet[s] === RoadSet.CORE && d2 > coreTol2) continue;
      if (d2 <= bestD2) {
        best = s;
        bestD2 = d2;
        bestT = t;
      }
    }
    if (best < 0) continue;
    const len = net.segmentLengthM(best);
    let target: number;
    if (bestT * len <= opt.snapToVertexM) target = segA[best]!;
    else if ((1 - bestT) * len <= opt.snapToVertexM) target = segB[best]!;
    else {
      target = net.vertexAlong(best, bestT);
      const cuts = cutsBySegment.get(best) ?? [];
      cuts.push({ t: bestT, vertex: target });
      cutsBySegment.set(best, cuts);
    }
    if (target === segA[best] || target === segB[best]) joinedToVertex++;
    if (isCut) joinedCutEnds++;
    if (net.segSet[own] === RoadSet.CORE) joinedCore++;
    const gap = Math.sqrt(bestD2);
    gapSum += gap;
    gapMax = Math.max(gapMax, gap);
    connectors.push({ from: v, to: target, roadClass: net.segClass[own]! });
  }
  let roadsSplit = 0;
  for (const [s, cuts] of cutsBySegment) {
    net.splitSegment(s, cuts);
    roadsSplit += cuts.length;
  }
  for (const c of connectors) net.addSegment(c.from, c.to, c.roadClass, RoadSet.CONNECTOR);
  const joined = connectors.length;
  return {
    danglingEnds,
    joined,
    joinedCutEnds,
    joinedCore,
    joinedMetro: joined - joinedCore,
    joinedToVertex,
    roadsSplit,
    meanGapM: joined > 0 ? Math.round((gapSum / joined) * 10) / 10 : 0,
    maxGapM: Math.round(gapMax * 10) / 10,
  };
}
