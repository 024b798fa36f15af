import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { GraphBuilder } from '../../engine/graph/graph-builder.js';
import { EdgeSnapper } from '../../engine/graph/edge-snapper.js';
import { positionOnTwin } from '../../engine/graph/edge-position.js';
import { CoordKind } from '../../engine/graph/format.js';
import { roadClassCode } from '../../engine/graph/road-class.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { haversineM, METRES_PER_DEGREE, polylineLengthM } from '../../engine/geo/haversine.js';

const meta = { source: { kind: 'test' }, report: {}, builtAt: '2026-01-01T00:00:00Z' };
const residential = roadClassCode('residential')!;

/** A jittered grid around central Phnom Penh with some one-way streets and curved (interior-point) roads. */
function grid(seed: string, size = 6): RoadGraph {
  const rnd = seedrandom(seed);
  const b = new GraphBuilder();
  const id = (i: number, j: number) => i * size + j;
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) b.addNode(104.9 + j * 0.003 + rnd() * 0.001, 11.55 + i * 0.003 + rnd() * 0.001);
  const coord = (n: number) => [104.9 + (n % size) * 0.003, 11.55 + Math.floor(n / size) * 0.003];
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      for (const [di, dj] of [[0, 1], [1, 0]] as const) {
        if (i + di >= size || j + dj >= size) continue;
        const from = id(i, j);
        const to = id(i + di, j + dj);
        const interior: [number, number][] = [];
        if (rnd() < 0.5) {
          const [x0, y0] = coord(from) as [number, number];
          interior.push([x0 + dj * 0.0015 + (rnd() - 0.5) * 0.001, y0 + di * 0.0015 + (rnd() - 0.5) * 0.001]);
        }
        b.addSegment({ from, to, lengthM: 300 + rnd() * 100, speedKmh: 30, roadClass: residential, oneway: rnd() < 0.25, interior });
      }
    }
  }
  return b.build(meta);
}

/** Local-metre distance from (lon, lat) to every directed edge's polyline: the brute-force reference. */
function bruteForce(g: RoadGraph, lon: number, lat: number, keep?: (e: number) => boolean): { edge: number; distanceM: number } {
  const kx = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const ky = METRES_PER_DEGREE;
  let best = { edge: -1, distanceM: Infinity };
  for (let e = 0; e < g.edgeCount; e++) {
    if (keep && !keep(e)) continue;
    const pts = g.edgeGeometry(e);
    for (let i = 1; i < pts.length; i++) {
      const ax = (pts[i - 1]![0] - lon) * kx, ay = (pts[i - 1]![1] - lat) * ky;
      const bx = (pts[i]![0] - lon) * kx, by = (pts[i]![1] - lat) * ky;
      const dx = bx - ax, dy = by - ay;
      const l2 = dx * dx + dy * dy;
      const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / l2));
      const d = Math.hypot(ax + t * dx, ay + t * dy);
      if (d < best.distanceM) best = { edge: e, distanceM: d };
    }
  }
  return best;
}

/** Metres along edge e's geometry from its tail to the point (lon, lat) lying on it. */
function offsetAlong(g: RoadGraph, e: number, lon: number, lat: number): number {
  const pts = g.edgeGeometry(e);
  let along = 0;
  let best = { d: Infinity, along: 0 };
  for (let i = 1; i < pts.length; i++) {
    const [ax, ay] = pts[i - 1]!, [bx, by] = pts[i]!;
    const seg = haversineM(ax, ay, bx, by);
    const da = haversineM(ax, ay, lon, lat), db = haversineM(lon, lat, bx, by);
    const slack = da + db - seg; // 0 when the point lies on this segment
    if (slack < best.d) best = { d: slack, along: along + da };
    along += seg;
  }
  return best.along;
}

describe('EdgeSnapper', () => {
  it('finds the same nearest road as brute force, with the right position along it', () => {
    const g = grid('snap');
    const snapper = new EdgeSnapper(g);
    const rnd = seedrandom('points');
    for (let k = 0; k < 300; k++) {
      // Points inside the grid and up to ~1.5 km outside it.
      const lon = 104.885 + rnd() * 0.045;
      const lat = 11.535 + rnd() * 0.045;
      const s = snapper.nearest(lon, lat)!;
      const ref = bruteForce(g, lon, lat);
      // Reported distances are haversine; the reference is planar about the point: equal to ~1e-5 within a few km.
      expect(Math.abs(s.distanceM - ref.distanceM)).toBeLessThan(5e-5 * ref.distanceM + 1e-6);
      // Same physical road: the reference edge or its twin (the index holds one direction per road),
      // unless two roads are equally near (junctions), in which case the distances already agree.
      const sameRoad = s.edge === ref.edge || g.twin[s.edge] === ref.edge;
      if (!sameRoad) expect(Math.abs(bruteForce(g, lon, lat, (e) => e === s.edge).distanceM - ref.distanceM)).toBeLessThan(1e-6);
      // The snapped point is on the edge, `fraction` and `offsetM` locate it from the tail.
      const along = offsetAlong(g, s.edge, s.lon, s.lat);
      const geomLength = polylineLengthM(g.edgeGeometry(s.edge));
      expect(s.fraction).toBeGreaterThanOrEqual(0);
      expect(s.fraction).toBeLessThanOrEqual(1);
      expect(s.fraction).toBeCloseTo(along / geomLength, 6);
      expect(s.offsetM).toBeCloseTo(s.fraction * g.lengthM[s.edge]!, 9);
      expect(haversineM(lon, lat, s.lon, s.lat)).toBeCloseTo(s.distanceM, 9);
    }
  });

  it('reports a point exactly on a road at distance ~0 and the fraction from the tail', () => {
    const b = new GraphBuilder();
    const a = b.addNode(104.9, 11.55);
    const c = b.addNode(104.91, 11.55);
    b.addSegment({ from: a, to: c, lengthM: 1000, speedKmh: 36, roadClass: residential });
    const g = b.build(meta);
    const s = new EdgeSnapper(g).nearest(104.9025, 11.55)!;
    expect(s.distanceM).toBeLessThan(1e-6);
    expect(g.tail[s.edge]).toBe(a);
    expect(s.fraction).toBeCloseTo(0.25, 9);
    expect(s.offsetM).toBeCloseTo(250, 6);
    const twin = positionOnTwin(g, s)!;
    expect(g.tail[twin.edge]).toBe(c);
    expect(twin.fraction).toBeCloseTo(0.75, 9);
  });

  it('honours keep (falling back to the twin direction) and maxDistanceM', () => {
    const g = grid('keep');
    const snapper = new EdgeSnapper(g);
    const rnd = seedrandom('keep-points');
    // Keep only edges whose head has an even id: about half the roads, in one or both directions.
    const keep = (e: number) => g.head[e]! % 2 === 0;
    for (let k = 0; k < 150; k++) {
      const lon = 104.895 + rnd() * 0.025;
      const lat = 11.545 + rnd() * 0.025;
      const s = snapper.nearest(lon, lat, { keep })!;
      expect(keep(s.edge)).toBe(true);
      const ref = bruteForce(g, lon, lat, keep).distanceM;
      expect(Math.abs(s.distanceM - ref)).toBeLessThan(5e-5 * ref + 1e-6);
    }
    // Far from everything: nothing within 100 m, something without a limit.
    expect(snapper.nearest(105.2, 11.8, { maxDistanceM: 100 })).toBeUndefined();
    expect(snapper.nearest(105.2, 11.8)).toBeDefined();
    expect(snapper.nearest(104.9, 11.55, { keep: () => false })).toBeUndefined();
    expect(snapper.nearest(Number.NaN, 11.55)).toBeUndefined();
  });

  it('stays exact on a graph spanning 30° of latitude (index scale differs from the query latitude)', () => {
    const rnd = seedrandom('wide');
    const b = new GraphBuilder();
    for (let i = 0; i < 60; i++) b.addNode(10 + rnd() * 20, 35 + rnd() * 30);
    for (let i = 0; i < 59; i++) b.addSegment({ from: i, to: i + 1 + Math.floor(rnd() * (59 - i)), lengthM: 1, speedKmh: 30, roadClass: residential });
    const g = b.build(meta);
    const snapper = new EdgeSnapper(g);
    for (let k = 0; k < 200; k++) {
      const lon = 5 + rnd() * 30;
      const lat = 30 + rnd() * 40;
      const ref = bruteForce(g, lon, lat).distanceM;
      const s = snapper.nearest(lon, lat)!;
      // Compare in the same local metric the reference uses (haversine differs by up to ~1 % at 1000 km).
      expect(bruteForce(g, lon, lat, (e) => e === s.edge || e === g.twin[s.edge]).distanceM).toBeCloseTo(ref, 6);
    }
  });

  it('works in planar units on scale graphs', () => {
    const b = new GraphBuilder(CoordKind.PLANAR);
    const p = b.addNode(0, 0);
    const q = b.addNode(1000, 0);
    const r = b.addNode(1000, 500);
    b.addSegment({ from: p, to: q, lengthM: 1000, speedKmh: 36, roadClass: 0 });
    b.addSegment({ from: q, to: r, lengthM: 500, speedKmh: 36, roadClass: 0 });
    const g = b.build(meta);
    const s = new EdgeSnapper(g).nearest(400, 30)!;
    expect(s.distanceM).toBeCloseTo(30, 9);
    expect(s.lon).toBeCloseTo(400, 9);
    expect(s.lat).toBeCloseTo(0, 9);
    expect(s.offsetM).toBeCloseTo(g.tail[s.edge] === p ? 400 : 600, 9);
    const t = new EdgeSnapper(g).nearest(1100, 250)!;
    expect(t.distanceM).toBeCloseTo(100, 9);
  });
});
