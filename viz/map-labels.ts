import { EdgeFlag } from '../engine/graph/road-class.js';
import type { RoadGraph } from '../engine/graph/road-graph.js';
import type { Landmark } from '../engine/import/gazetteer.js';
import { roundDeg } from './geometry-codec.js';
import type { ReportLandmark, StreetLabel } from './report-data.js';

/**
 * Names for the basemap, which has no tiles and so no lettering of its own: gazetteer landmarks and
 * bridges (labelled at every zoom) and, when the graph carries road names (OSM extracts do, the bundled
 * Phnom Penh data does not), anchors for street names. The client places them with collision boxes
 * (viz/client/labels.js); this file only decides what could be written where.
 */

/** Metres per degree of latitude (and of longitude at the equator). */
const M_PER_DEG = 111_320;

function inBbox(lon: number, lat: number, b: readonly [number, number, number, number]): boolean {
  return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}

/** A gazetteer name as a map label: the part before the first comma or parenthesis (the rest is notes). */
export function shortLabel(name: string): string {
  const cut = name.search(/[,(]| - /);
  return (cut > 3 ? name.slice(0, cut) : name).trim();
}

/** Gazetteer landmarks inside the graph's extent (a label for a place off the map helps nobody). */
export function landmarksOf(gazetteer: readonly Landmark[], bbox: readonly [number, number, number, number]): ReportLandmark[] {
  return gazetteer
    .filter((l) => inBbox(l.lon, l.lat, bbox))
    .map((l) => ({ id: l.id, name: shortLabel(l.name), kind: l.kind, lon: roundDeg(l.lon), lat: roundDeg(l.lat) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

function distanceM(aLon: number, aLat: number, bLon: number, bLat: number): number {
  const k = Math.cos((aLat * Math.PI) / 180);
  return Math.hypot((aLon - bLon) * k, aLat - bLat) * M_PER_DEG;
}

/**
 * Bridges of the graph as labels: connected runs of bridge edges longer than minLengthM, at their
 * middle, named after the graph's road name, else after a gazetteer bridge within 1 km, else "bridge".
 * A run next to a gazetteer bridge (within 400 m) is left to the gazetteer's label.
 */
export function bridgeLabelsOf(graph: RoadGraph, landmarks: readonly ReportLandmark[], minLengthM = 200): ReportLandmark[] {
  const isBridge = (e: number): boolean => (graph.flags[e]! & EdgeFlag.BRIDGE) !== 0;
  const seen = new Uint8Array(graph.edgeCount);
  const named = landmarks.filter((l) => l.kind === 'bridge');
  const out: ReportLandmark[] = [];
  for (let e0 = 0; e0 < graph.edgeCount; e0++) {
    if (seen[e0] || !isBridge(e0)) continue;
    // Flood over bridge edges sharing a node (either direction), marking twins too.
    const run: number[] = [];
    const stack = [e0];
    seen[e0] = 1;
    while (stack.length > 0) {
      const e = stack.pop()!;
      run.push(e);
      const t = graph.twin[e]!;
      if (t >= 0 && !seen[t]) seen[t] = 1;
      for (const v of [graph.tail[e]!, graph.head[e]!]) {
        for (let f = graph.firstOut[v]!; f < graph.firstOut[v + 1]!; f++) {
          if (!seen[f] && isBridge(f)) {
            seen[f] = 1;
            stack.push(f);
          }
        }
      }
    }
    let lengthM = 0;
    let longest = run[0]!;
    let name = '';
    for (const e of run) {
      lengthM += graph.lengthM[e]!;
      if (graph.lengthM[e]! > graph.lengthM[longest]!) longest = e;
      if (!name) name = graph.nameOf(e);
    }
    if (lengthM < minLengthM) continue;
    const { lon, lat } = edgeMiddle(graph, longest);
    if (named.some((l) => distanceM(l.lon, l.lat, lon, lat) < 400)) continue;
    if (!name) name = named.find((l) => distanceM(l.lon, l.lat, lon, lat) < 1000)?.name ?? 'bridge';
    const near = out.find((o) => o.name === name && distanceM(o.lon, o.lat, lon, lat) < 400);
    if (near) continue; // twin spans drawn as two carriageways: one label
    out.push({ id: `bridge-${out.length + 1}`, name, kind: 'bridge', lon: roundDeg(lon), lat: roundDeg(lat) });
  }
  return out;
}

/**
 * The middle of an edge's middle segment and the road's direction there, in whole degrees -90..90
 * (north-up screen angle, counter-clockwise from east), so that text along it never reads upside down.
 */
function edgeMiddle(graph: RoadGraph, e: number): { lon: number; lat: number; angle: number } {
  const g = graph.edgeGeometry(e);
  const i = Math.max(1, Math.floor(g.length / 2));
  const [ax, ay] = g[i - 1]!;
  const [bx, by] = g[i]!;
  let angle = (Math.atan2(by - ay, (bx - ax) * Math.cos((ay * Math.PI) / 180)) * 180) / Math.PI;
  if (angle > 90) angle -= 180;
  if (angle < -90) angle += 180;
  return { lon: (ax + bx) / 2, lat: (ay + by) / 2, angle: Math.round(angle) };
}

/** Importance of a road class for street labels: higher first. */
function classRank(cls: string): number {
  switch (cls) {
    case 'motorway': case 'trunk': return 5;
    case 'primary': case 'major': return 4;
    case 'secondary': return 3;
    case 'tertiary': return 2;
    case 'residential': case 'unclassified': case 'living_street': case 'minor': return 1;
    default: return 0;
  }
}

/**
 * Street-name anchors from the graph's road names: per name, the middles of its longest edges (at least
 * minEdgeM long), at least spacingM apart, up to perName of them, with the road's direction there
 * (degrees, -90..90, so text never reads upside down). Ordered by road class then length, at most `max`.
 * Empty for a graph without names.
 */
export function streetLabelsOf(graph: RoadGraph, opts: { minEdgeM?: number; spacingM?: number; perName?: number; max?: number } = {}): StreetLabel[] {
  const minEdgeM = opts.minEdgeM ?? 80;
  const spacingM = opts.spacingM ?? 1200;
  const perName = opts.perName ?? 4;
  const max = opts.max ?? 1500;
  const byName = new Map<string, { edges: number[]; rank: number; lengthM: number }>();
  for (let e = 0; e < graph.edgeCount; e++) {
    const t = graph.twin[e]!;
    if (t >= 0 && t < e) continue;
    const name = graph.nameOf(e);
    if (!name) continue;
    let entry = byName.get(name);
    if (!entry) byName.set(name, (entry = { edges: [], rank: 0, lengthM: 0 }));
    entry.edges.push(e);
    entry.rank = Math.max(entry.rank, classRank(graph.classOf(e)));
    entry.lengthM += graph.lengthM[e]!;
  }
  const names = [...byName.entries()].sort((a, b) => b[1].rank - a[1].rank || b[1].lengthM - a[1].lengthM || a[0].localeCompare(b[0]));
  const out: StreetLabel[] = [];
  for (const [name, entry] of names) {
    const anchors: StreetLabel[] = [];
    const edges = entry.edges.filter((e) => graph.lengthM[e]! >= minEdgeM).sort((a, b) => graph.lengthM[b]! - graph.lengthM[a]! || a - b);
    for (const e of edges) {
      if (anchors.length >= perName) break;
      const { lon, lat, angle } = edgeMiddle(graph, e);
      if (anchors.some((a) => distanceM(a.lon, a.lat, lon, lat) < spacingM)) continue;
      anchors.push({ name, lon: roundDeg(lon), lat: roundDeg(lat), angle, rank: entry.rank });
    }
    for (const a of anchors) out.push(a);
    if (out.length >= max) break;
  }
  return out.slice(0, max);
}
