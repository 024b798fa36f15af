import { segmentDistanceSquared } from '../../geo/segment-projection.js';
import { RoadSet, type SegmentNetwork } from './segment-network.js';

export interface DedupOptions {
  /** A metro piece whose ends and middle all lie within this many metres of a parallel core road is a duplicate. */
  toleranceM: number;
  /** Largest angle between the metro piece and the core segment still counted as "alongside". */
  maxAngleDeg: number;
  /** Left-over metro fragments shorter than this, lying entirely near core roads, are dropped too. */
  sliverM: number;
}

export interface DedupCounts {
  segmentsRemoved: number;
  kmRemoved: number;
  sliversRemoved: number;
  /** Vertices where a kept metro road now ends because the piece next to it was a duplicate. */
  cutEnds: number;
}

/**
 * Merge the two sets: drop metro pieces (after densification) that run alongside a core road, which
 * draws the same road with exact topology. Returns the counts and the vertices where a kept metro road
 * was cut: those are joined to the core network later with a tolerance as wide as this one.
 */
export function removeMetroDuplicates(net: SegmentNetwork, opt: DedupOptions): DedupCounts & { cutVertices: Set<number> } {
  const core = net.segmentIndex((s) => net.segSet[s] === RoadSet.CORE);
  const tol = opt.toleranceM;
  const cosMax = Math.cos((opt.maxAngleDeg * Math.PI) / 180);
  const { x, y, segA, segB } = net;

  /** Is point (px, py) within tol of a core segment running in direction (dx, dy) (unit)? */
  const alongsideCore = (px: number, py: number, dx: number, dy: number): boolean => {
    for (const i of core.index.search(px - tol, py - tol, px + tol, py + tol)) {
      const c = core.ids[i]!;
      const a = segA[c]!;
      const b = segB[c]!;
      const ex = x[b]! - x[a]!;
      const ey = y[b]! - y[a]!;
      const el = Math.hypot(ex, ey);
      if (el === 0 || Math.abs((dx * ex + dy * ey) / el) < cosMax) continue;
      if (segmentDistanceSquared(px, py, x[a]!, y[a]!, x[b]!, y[b]!) <= tol * tol) return true;
    }
    return false;
  };
  const nearCore = (px: number, py: number, r: number): boolean => {
    for (const i of core.index.search(px - r, py - r, px + r, py + r)) {
      const c = core.ids[i]!;
      if (segmentDistanceSquared(px, py, x[segA[c]!]!, y[segA[c]!]!, x[segB[c]!]!, y[segB[c]!]!) <= r * r) return true;
    }
    return false;
  };

  const touchedBefore = new Set<number>();
  let segmentsRemoved = 0;
  let metres = 0;
  const count = net.segmentCount;
  for (let s = 0; s < count; s++) {
    if (net.alive[s] !== 1 || net.segSet[s] !== RoadSet.METRO) continue;
    const a = segA[s]!;
    const b = segB[s]!;
    const len = net.segmentLengthM(s);
    if (len === 0) continue;
    const dx = (x[b]! - x[a]!) / len;
    const dy = (y[b]! - y[a]!) / len;
    if (alongsideCore(x[a]!, y[a]!, dx, dy) && alongsideCore(x[b]!, y[b]!, dx, dy) && alongsideCore((x[a]! + x[b]!) / 2, (y[a]! + y[b]!) / 2, dx, dy)) {
      net.alive[s] = 0;
      segmentsRemoved++;
      metres += len;
      touchedBefore.add(a);
      touchedBefore.add(b);
    }
  }

  // Slivers: small metro fragments left between removed pieces (geometry wandered a bit further than the
  // tolerance for a few metres) that lie entirely near core roads. Found as connected groups of alive
  // metro segments (union-find over their vertices).
  const parent = new Int32Array(net.vertexCount).map((_, i) => i);
  const find = (v: number): number => {
    while (parent[v] !== v) {
      parent[v] = parent[parent[v]!]!;
      v = parent[v]!;
    }
    return v;
  };
  for (let s = 0; s < net.segmentCount; s++) {
    if (net.alive[s] !== 1) continue; // all alive segments: a fragment touching core or other metro is not isolated
    const ra = find(segA[s]!);
    const rb = find(segB[s]!);
    if (ra !== rb) parent[ra] = rb;
  }
  const groupLength = new Map<number, number>();
  const groupHasCore = new Set<number>();
  for (let s = 0; s < net.segmentCount; s++) {
    if (net.alive[s] !== 1) continue;
    const r = find(segA[s]!);
    if (net.segSet[s] === RoadSet.CORE) groupHasCore.add(r);
    else groupLength.set(r, (groupLength.get(r) ?? 0) + net.segmentLengthM(s));
  }
  // Only short metro-only groups can be slivers: test their vertices for nearness to core roads.
  const groupFar = new Set<number>();
  for (let s = 0; s < net.segmentCount; s++) {
    if (net.alive[s] !== 1 || net.segSet[s] === RoadSet.CORE) continue;
    const r = find(segA[s]!);
    if (groupHasCore.has(r) || groupFar.has(r) || (groupLength.get(r) ?? 0) >= opt.sliverM) continue;
    for (const v of [segA[s]!, segB[s]!]) if (!groupFar.has(r) && !nearCore(x[v]!, y[v]!, tol * 1.5)) groupFar.add(r);
  }
  let sliversRemoved = 0;
  for (let s = 0; s < net.segmentCount; s++) {
    if (net.alive[s] !== 1 || net.segSet[s] !== RoadSet.METRO) continue;
    const r = find(segA[s]!);
    if (groupHasCore.has(r) || groupFar.has(r) || (groupLength.get(r) ?? 0) >= opt.sliverM) continue;
    net.alive[s] = 0;
    sliversRemoved++;
    segmentsRemoved++;
    metres += net.segmentLengthM(s);
  }

  // Cut ends: vertices next to a removed piece that still carry exactly one alive segment.
  const { first } = net.incidence();
  const cutVertices = new Set<number>();
  for (const v of touchedBefore) if (first[v + 1]! - first[v]! === 1) cutVertices.add(v);
  return { segmentsRemoved, kmRemoved: metres / 1000, sliversRemoved, cutEnds: cutVertices.size, cutVertices };
}
