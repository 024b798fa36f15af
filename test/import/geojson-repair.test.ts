import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { haversineM } from '../../engine/geo/haversine.js';
import { EdgeFlag } from '../../engine/graph/road-class.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { importRoadGeoJson, type RepairReport } from '../../engine/import/geojson/index.js';
import { DataFileError } from '../../engine/errors.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'geojson');
const fixture = (name: string): string => path.join(dir, name);
const X = 104.9;
const Y = 11.55;

function repairOf(g: RoadGraph): RepairReport {
  return g.meta.report['repair'] as RepairReport;
}

/** Node id at (X + dx, Y + dy), or -1. */
function nodeAt(g: RoadGraph, dx: number, dy: number): number {
  for (let v = 0; v < g.nodeCount; v++) if (Math.abs(g.lon(v) - (X + dx)) < 1e-8 && Math.abs(g.lat(v) - (Y + dy)) < 1e-8) return v;
  return -1;
}

function edgeBetween(g: RoadGraph, a: number, b: number): number {
  for (let e = g.firstOut[a]!; e < g.firstOut[a + 1]!; e++) if (g.head[e] === b) return e;
  return -1;
}

const roadKm = (g: RoadGraph): number => {
  let m = 0;
  for (let e = 0; e < g.edgeCount; e++) if (g.twin[e]! < 0 || g.twin[e]! > e) m += g.lengthM[e]!;
  return m / 1000;
};

describe('GeoJSON import: topology repair rules', () => {
  it('a vertex shared in the middle of two lines is a junction; bends fold into geometry', () => {
    const g = importRoadGeoJson({ core: fixture('shared-vertex.geojson') });
    expect(g.nodeCount).toBe(5);
    expect(g.edgeCount).toBe(8);
    const centre = nodeAt(g, 0.002, 0);
    const west = nodeAt(g, 0, 0);
    expect(centre).toBeGreaterThanOrEqual(0);
    expect(g.outDegree(centre)).toBe(4);
    const e = edgeBetween(g, west, centre);
    const geometry = g.edgeGeometry(e);
    expect(geometry.length).toBe(3);
    expect(geometry[1]![0]).toBeCloseTo(X + 0.001, 9);
    expect(geometry[1]![1]).toBeCloseTo(Y + 0.0002, 9);
    // Length along the geometry (haversine through the bend), not the straight line.
    expect(g.lengthM[e]).toBeCloseTo(haversineM(X, Y, X + 0.001, Y + 0.0002) + haversineM(X + 0.001, Y + 0.0002, X + 0.002, Y), 6);
    expect(g.classOf(e)).toBe('major');
    expect(g.timeS[e]).toBeCloseTo(g.lengthM[e]! / (50 / 3.6), 9);
    expect(repairOf(g).verticesMerged).toBe(1);
  });

  it('a metro dangling end within the tolerance joins the nearest road, splitting it', () => {
    const g = importRoadGeoJson({ core: fixture('dangling-core-road.geojson'), metro: fixture('dangling-metro-near.geojson') });
    const r = repairOf(g);
    expect(r.danglingEnds.joined).toBe(1);
    expect(r.danglingEnds.joinedMetro).toBe(1);
    expect(r.danglingEnds.roadsSplit).toBe(1);
    expect(r.danglingEnds.maxGapM).toBeCloseTo(10, 0);
    // A's two ends, the split point at the foot of B, B's far end (B's old end and its densification
    // points are folded into B's geometry).
    expect(g.nodeCount).toBe(4);
    expect(g.edgeCount).toBe(6);
    const foot = nodeAt(g, 0.002, 0);
    expect(foot).toBeGreaterThanOrEqual(0);
    expect(g.outDegree(foot)).toBe(3);
    // B now runs to the foot through its old end, with the 10 m connector in its length.
    const top = nodeAt(g, 0.002, 0.003);
    const b = edgeBetween(g, top, foot);
    expect(g.lengthM[b]).toBeCloseTo(haversineM(X + 0.002, Y + 0.003, X + 0.002, Y), 3);
    expect(g.edgeGeometry(b)).toHaveLength(3); // top, B's old end, foot: densification points left out
    expect(r.components?.dropped.components).toBe(0);
  });

  it('a metro dangling end beyond the tolerance is not joined; its road is dropped as a separate component', () => {
    const g = importRoadGeoJson({ core: fixture('dangling-core-road.geojson'), metro: fixture('dangling-metro-far.geojson') });
    const r = repairOf(g);
    expect(r.danglingEnds.joined).toBe(0);
    expect(r.components?.componentCount).toBe(2);
    expect(g.nodeCount).toBe(2);
  });

  it('a core dead end 10 m from a core road stays a dead end (core topology is exact) unless coreToCoreToleranceM allows it', () => {
    const strict = importRoadGeoJson({ core: fixture('dangling-near.geojson') });
    expect(repairOf(strict).danglingEnds.joined).toBe(0);
    expect(repairOf(strict).components?.componentCount).toBe(2);
    const loose = importRoadGeoJson({ core: fixture('dangling-near.geojson') }, { coreToCoreToleranceM: 12 });
    expect(repairOf(loose).danglingEnds.joinedCore).toBe(1);
    expect(repairOf(loose).components?.componentCount).toBe(1);
    expect(loose.nodeCount).toBe(4);
  });

  it('no join beyond the dangling-end tolerance, whatever the set', () => {
    const g = importRoadGeoJson({ core: fixture('dangling-far.geojson') }, { coreToCoreToleranceM: 12 });
    const r = repairOf(g);
    expect(r.danglingEnds.joined).toBe(0);
    expect(r.components?.componentCount).toBe(2);
    expect(r.components?.dropped.km).toBeCloseTo(haversineM(X + 0.002, Y + 0.003, X + 0.002, Y + 0.0002) / 1000, 3);
    expect(g.nodeCount).toBe(4);
  });

  it('a crossing without shared vertex over water is a bridge crossing: not joined, the kept road flagged BRIDGE over the water only', () => {
    const g0 = importRoadGeoJson({ core: fixture('crossing-core.geojson'), metro: fixture('crossing-metro.geojson'), water: fixture('crossing-water.geojson') });
    const r = repairOf(g0);
    expect(r.crossings.found).toBe(1);
    expect(r.crossings.overWaterLeft).toBe(1);
    expect(r.crossings.joined).toBe(0);
    expect(r.components?.componentCount).toBe(2);
    // Both roads have 4 nodes (ends + bridge ends); the kept one is the longer, the metro road (722 m),
    // and its bridge edge spans the water (333 m north-south), not the whole road.
    const bridges = [...Array(g0.edgeCount).keys()].filter((e) => g0.hasFlag(e, EdgeFlag.BRIDGE));
    expect(bridges.length).toBe(2); // one road, two directions
    const wide = haversineM(X + 0.003, Y - 0.0015, X + 0.003, Y + 0.0015);
    expect(g0.lengthM[bridges[0]!]).toBeGreaterThan(wide - 12);
    expect(g0.lengthM[bridges[0]!]).toBeLessThan(wide + 12);
    expect(roadKm(g0)).toBeCloseTo(haversineM(X + 0.003, Y - 0.003, X + 0.003, Y + 0.0035) / 1000, 6);
  });

  it('the same metro crossing on dry land is joined (simplification dropped the junction vertex)', () => {
    const g = importRoadGeoJson({ core: fixture('crossing-core.geojson'), metro: fixture('crossing-metro.geojson') });
    const r = repairOf(g);
    expect(r.crossings.joined).toBe(1);
    expect(r.components?.componentCount).toBe(1);
    const centre = nodeAt(g, 0.003, 0);
    expect(centre).toBeGreaterThanOrEqual(0);
    expect(g.outDegree(centre)).toBe(4);
  });

  it('a metro vertex lying exactly on a core road (a touch) counts as a crossing too', () => {
    const dry = importRoadGeoJson({ core: fixture('crossing-core.geojson'), metro: fixture('crossing-metro-touch.geojson') });
    expect(repairOf(dry).crossings.found).toBe(1);
    expect(repairOf(dry).crossings.joined).toBe(1);
    expect(dry.outDegree(nodeAt(dry, 0.003, 0))).toBe(4);
    const wet = importRoadGeoJson({ core: fixture('crossing-core.geojson'), metro: fixture('crossing-metro-touch.geojson'), water: fixture('crossing-water.geojson') });
    expect(repairOf(wet).crossings.overWaterLeft).toBe(1);
    expect(repairOf(wet).components?.componentCount).toBe(2);
  });

  it('a metro road drawn alongside a core road is merged into it, its continuation joined to the core end', () => {
    const g = importRoadGeoJson({ core: fixture('duplicate-core.geojson'), metro: fixture('duplicate-metro.geojson') });
    const r = repairOf(g);
    const coreA = haversineM(X, Y, X + 0.01, Y);
    expect(r.duplicates!.kmRemoved * 1000).toBeGreaterThan(coreA - 25);
    expect(r.duplicates!.kmRemoved * 1000).toBeLessThan(coreA + 25);
    expect(r.components?.componentCount).toBe(1);
    // Core A (1.09 km) + side street (222 m) + metro continuation (545 m) + the short join: no road doubled.
    const expected = coreA + haversineM(X + 0.004, Y, X + 0.004, Y - 0.002) + haversineM(X + 0.01, Y + 0.0001, X + 0.015, Y + 0.0001);
    expect(roadKm(g) * 1000).toBeGreaterThan(expected);
    expect(roadKm(g) * 1000).toBeLessThan(expected + 30);
  });
});

describe('GeoJSON import: bad input', () => {
  it.each([
    ['no-lines.geojson', /no road lines/],
    ['out-of-range.geojson', /features\[0\]\.geometry\.coordinates\[1\]: coordinate out of range \(lon 204\.9/],
    ['malformed.geojson', /not valid JSON/],
    ['missing.geojson', /file not found/],
  ])('%s → one clear DataFileError naming the file', (name, message) => {
    const run = (): unknown => importRoadGeoJson({ core: fixture(name) });
    expect(run).toThrow(DataFileError);
    expect(run).toThrow(message);
    expect(run).toThrow(name);
  });
});
