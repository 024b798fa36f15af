import { round2, round7 } from '../../rounding.js';
import type { Footprint, Occupancy } from './footprint.js';

/**
 * A place two movements both drive through: a road stretch (kind road; crossing when it includes a
 * bridge) or a junction where their routes meet or cross without sharing road.
 */
export interface SharedPlace {
  kind: 'junction' | 'road' | 'crossing';
  lon: number;
  lat: number;
  near: string;
  /** Length of the shared stretch as the first movement drives it; 0 for a junction. */
  lengthM: number;
  /** Junction nodes of the place (graph node ids). */
  nodes: number[];
  /** Road keys of a stretch (roadKey: one edge id per two-way road); empty for a junction. */
  roads: number[];
  a: Occupancy;
  b: Occupancy;
}

/**
 * Every place shared by two footprints, in the first one's driving order: runs of consecutive roads of
 * `a` that `b` also drives (each run one place, its end nodes included), then the junction nodes both
 * pass that no shared run holds.
 */
export function sharedPlaces(a: Footprint, b: Footprint, describe: (lon: number, lat: number) => string): SharedPlace[] {
  const g = a.g;
  const out: SharedPlace[] = [];
  const inRuns = new Set<number>();
  const n = a.path.n;
  for (let k = 0; k < n; k++) {
    if (!drives(a, k) || !b.roadEdges.has(a.road[k]!)) continue;
    let j = k;
    while (j + 1 < n && drives(a, j + 1) && b.roadEdges.has(a.road[j + 1]!)) j++;
    const roads = new Set<number>();
    const nodes: number[] = [];
    let lengthM = 0;
    let bridge = false;
    for (let q = k; q <= j; q++) {
      roads.add(a.road[q]!);
      lengthM += a.path.lengthM[q]!;
      if (a.isBridge(q)) bridge = true;
      const e = a.path.edges[q]!;
      if (q > k || k > 0) nodes.push(g.tail[e]!);
      if (q < n - 1) nodes.push(g.head[e]!);
    }
    const uniq = [...new Set(nodes)];
    uniq.forEach((x) => inRuns.add(x));
    const mid = a.path.edges[Math.floor((k + j) / 2)]!;
    const lon = (g.lon(g.tail[mid]!) + g.lon(g.head[mid]!)) / 2;
    const lat = (g.lat(g.tail[mid]!) + g.lat(g.head[mid]!)) / 2;
    out.push({ kind: bridge ? 'crossing' : 'road', lon: round7(lon), lat: round7(lat), near: describe(lon, lat), lengthM: round2(lengthM), nodes: uniq, roads: [...roads], a: a.occupancy(roads, uniq), b: b.occupancy(roads, uniq) });
    k = j;
  }
  const none = new Set<number>();
  for (const node of a.nodeTimes.keys()) {
    if (inRuns.has(node) || !b.nodeTimes.has(node)) continue;
    const lon = g.lon(node);
    const lat = g.lat(node);
    out.push({ kind: 'junction', lon: round7(lon), lat: round7(lat), near: describe(lon, lat), lengthM: 0, nodes: [node], roads: [], a: a.occupancy(none, [node]), b: b.occupancy(none, [node]) });
  }
  return out;
}

/** Edge k of the footprint covers road (a zero-length partial edge does not). */
function drives(f: Footprint, k: number): boolean {
  return f.path.lengthM[k]! > 0;
}
