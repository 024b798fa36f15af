import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { haversineM } from '../../engine/geo/haversine.js';
import { EdgeFlag } from '../../engine/graph/road-class.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'osm');
export const fixture = (name: string): string => path.join(FIXTURES, name);

export interface EdgeView {
  from: [number, number];
  to: [number, number];
  lengthM: number;
  speedKmh: number;
  class: string;
  flags: string[];
  lanes: number;
  name: string;
  interior: [number, number][];
}

const FLAG_NAMES = Object.entries(EdgeFlag).filter(([k]) => k !== 'GEOMETRY_ON_TWIN');

/** Every directed edge by its end coordinates (ids are an implementation detail), sorted for comparison. */
export function edgesOf(g: RoadGraph): EdgeView[] {
  const out: EdgeView[] = [];
  for (let e = 0; e < g.edgeCount; e++) {
    const t = g.tail[e]!;
    const h = g.head[e]!;
    out.push({
      from: [g.lon(t), g.lat(t)],
      to: [g.lon(h), g.lat(h)],
      lengthM: g.lengthM[e]!,
      speedKmh: (g.lengthM[e]! / g.timeS[e]!) * 3.6,
      class: g.classOf(e),
      flags: FLAG_NAMES.filter(([, bit]) => (g.flags[e]! & bit) !== 0).map(([k]) => k),
      lanes: g.lanes[e]!,
      name: g.nameOf(e),
      interior: g.interiorPoints(e),
    });
  }
  return out.sort((a, b) => a.from[0] - b.from[0] || a.from[1] - b.from[1] || a.to[0] - b.to[0] || a.to[1] - b.to[1] || a.lengthM - b.lengthM);
}

/** The edge from one coordinate to another, or undefined. */
export function edgeBetween(g: RoadGraph, from: [number, number], to: [number, number]): EdgeView | undefined {
  const close = (p: [number, number], q: [number, number]) => Math.abs(p[0] - q[0]) < 1e-9 && Math.abs(p[1] - q[1]) < 1e-9;
  return edgesOf(g).find((e) => close(e.from, from) && close(e.to, to));
}

/** Haversine length of a polyline of [lon, lat]. */
export function along(...pts: [number, number][]): number {
  let s = 0;
  for (let i = 1; i < pts.length; i++) s += haversineM(pts[i - 1]![0], pts[i - 1]![1], pts[i]![0], pts[i]![1]);
  return s;
}
