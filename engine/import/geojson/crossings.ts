import { RoadSet, type SegmentNetwork } from './segment-network.js';
import type { WaterMask } from './water-mask.js';

export interface CrossingOptions {
  /** Join crossings that involve a metro (simplified) road and pass the tests below. */
  joinMetroCrossings: boolean;
  /** Crossings at a smaller angle than this are left alone (near-parallel roads, not a junction). */
  minAngleDeg: number;
  /** A crossing with water within this many metres is a bridge crossing: never joined. */
  waterRadiusM: number;
  /** A metro crossing within this distance of a core/core crossing without a shared vertex (a grade
   * separation the exact core set shows) is left unjoined too. */
  gradeSeparationRadiusM: number;
}

export interface CrossingCounts {
  /** Proper crossings of two segments without a shared vertex. */
  found: number;
  /** Core × core: core has exact topology, so these are over/underpasses; never joined. */
  coreCoreLeft: number;
  overWaterLeft: number;
  shallowAngleLeft: number;
  nearGradeSeparationLeft: number;
  joined: number;
  /** Of the joined: both roads from the metro set (or its connectors), or one metro and one core road. */
  joinedMetroMetro: number;
  joinedMetroCore: number;
}

/**
 * Crossings of two roads without a shared vertex. The city-core set has exact topology, so a core/core
 * crossing without a shared vertex is a real flyover or underpass. The metro set lost junction vertices
 * to simplification, so a crossing involving a metro road is joined unless it is over water (a bridge),
 * nearly parallel, or next to a grade separation that the core set shows.
 */
export function resolveCrossings(net: SegmentNetwork, water: WaterMask | undefined, opt: CrossingOptions): CrossingCounts {
  const { index, ids } = net.segmentIndex();
  const { x, y, segA, segB, segSet } = net;
  const sinMin = Math.sin((opt.minAngleDeg * Math.PI) / 180);
  /** A crossing of s and c at parameters t (on s) and u (on c); `vertex` when a vertex of one lies on the other. */
  type Hit = { s: number; c: number; t: number; u: number; px: number; py: number; sin: number; vertex: number };
  const hits: Hit[] = [];
  const EPS = 1e-9;
  const inside = (p: number): boolean => p > EPS && p < 1 - EPS;
  const atEnd = (p: number): boolean => Math.abs(p) <= EPS || Math.abs(p - 1) <= EPS;
  // A vertex lying exactly on another road's segment (a "touch", e.g. a densification point) is seen
  // from both segments around it: count it once.
  const touches = new Set<string>();
  for (let k = 0; k < ids.length; k++) {
    const s = ids[k]!;
    const a = segA[s]!;
    const b = segB[s]!;
    const ax = x[a]!;
    const ay = y[a]!;
    const rx = x[b]! - ax;
    const ry = y[b]! - ay;
    for (const i of index.search(Math.min(ax, x[b]!), Math.min(ay, y[b]!), Math.max(ax, x[b]!), Math.max(ay, y[b]!))) {
      const c = ids[i]!;
      if (c <= s) continue;
      const ca = segA[c]!;
      const cb = segB[c]!;
      if (ca === a || ca === b || cb === a || cb === b) continue;
      const sx = x[cb]! - x[ca]!;
      const sy = y[cb]! - y[ca]!;
      const den = rx * sy - ry * sx;
      if (den === 0) continue;
      const qx = x[ca]! - ax;
      const qy = y[ca]! - ay;
      const t = (qx * sy - qy * sx) / den;
      const u = (qx * ry - qy * rx) / den;
      let vertex = -1;
      if (inside(t) && inside(u)) vertex = -1;
      else if (atEnd(t) && inside(u)) vertex = t < 0.5 ? a : b;
      else if (atEnd(u) && inside(t)) vertex = u < 0.5 ? ca : cb;
      else continue;
      if (vertex >= 0) {
        const key = `${vertex},${vertex === a || vertex === b ? c : s}`;
        if (touches.has(key)) continue;
        touches.add(key);
      }
      const sin = Math.abs(den) / (Math.hypot(rx, ry) * Math.hypot(sx, sy));
      hits.push({ s, c, t, u, px: ax + t * rx, py: ay + t * ry, sin, vertex });
    }
  }
  const counts: CrossingCounts = { found: hits.length, coreCoreLeft: 0, overWaterLeft: 0, shallowAngleLeft: 0, nearGradeSeparationLeft: 0, joined: 0, joinedMetroMetro: 0, joinedMetroCore: 0 };
  const gradeSeparations: Hit[] = [];
  const candidates: Hit[] = [];
  for (const h of hits) {
    if (segSet[h.s] === RoadSet.CORE && segSet[h.c] === RoadSet.CORE) {
      counts.coreCoreLeft++;
      gradeSeparations.push(h);
    } else if (water?.nearWater(h.px, h.py, opt.waterRadiusM)) counts.overWaterLeft++;
    else if (h.sin < sinMin) counts.shallowAngleLeft++;
    else candidates.push(h);
  }
  const r2 = opt.gradeSeparationRadiusM ** 2;
  const cuts = new Map<number, { t: number; vertex: number }[]>();
  for (const h of candidates) {
    if (gradeSeparations.some((g) => (g.px - h.px) ** 2 + (g.py - h.py) ** 2 <= r2)) {
      counts.nearGradeSeparationLeft++;
      continue;
    }
    if (!opt.joinMetroCrossings) continue;
    const v = h.vertex >= 0 ? h.vertex : net.vertexAlong(h.s, h.t);
    for (const [seg, t] of [[h.s, h.t], [h.c, h.u]] as const) {
      if (!inside(t)) continue; // the touching segment already ends at v
      const list = cuts.get(seg) ?? [];
      list.push({ t, vertex: v });
      cuts.set(seg, list);
    }
    counts.joined++;
    if (segSet[h.s] === RoadSet.CORE || segSet[h.c] === RoadSet.CORE) counts.joinedMetroCore++;
    else counts.joinedMetroMetro++;
  }
  for (const [s, list] of cuts) net.splitSegment(s, list);
  return counts;
}
