import { readJsonFile } from '../engine/read-json-file.js';
import path from 'node:path';
import type { RoadGraph } from '../engine/graph/road-graph.js';
import type { RoadClassName } from '../engine/graph/road-class.js';
import { DataFileError } from '../engine/errors.js';
import { encodeLine, encodeRing, type EncodedLine } from './geometry-codec.js';
import type { Basemap, RoadStyle } from './report-data.js';

/** Which drawing style a road class gets. The bundled data only knows major/minor; OSM imports know more. */
export function roadStyleOf(cls: RoadClassName): RoadStyle {
  switch (cls) {
    case 'motorway':
    case 'trunk':
      return 'motorway';
    case 'primary':
    case 'secondary':
    case 'major':
      return 'major';
    case 'motorway_link':
    case 'trunk_link':
    case 'primary_link':
    case 'secondary_link':
    case 'tertiary_link':
      return 'link';
    case 'tertiary':
    case 'residential':
    case 'unclassified':
    case 'living_street':
    case 'minor':
      return 'minor';
    default:
      return 'other';
  }
}

const STYLE_ORDER: readonly RoadStyle[] = ['other', 'minor', 'link', 'major', 'motorway'];
const STYLE_LABEL: Record<RoadStyle, string> = {
  motorway: 'motorway / trunk',
  major: 'major road (primary, secondary)',
  link: 'link / ramp',
  minor: 'minor street (tertiary, residential)',
  other: 'other road',
};

/**
 * The road layer of the map, straight from the graph: one line per road (a two-way road's twin edges are
 * drawn once), grouped by style. Tolerance in 1e-5 degree units.
 */
export function roadLayers(graph: RoadGraph, tolerance = 1): Basemap['roads'] {
  const byStyle = new Map<RoadStyle, EncodedLine[]>();
  for (let e = 0; e < graph.edgeCount; e++) {
    const t = graph.twin[e]!;
    if (t >= 0 && t < e) continue;
    const line = encodeLine(graph.edgeGeometry(e), tolerance);
    if (!line) continue;
    const style = roadStyleOf(graph.classOf(e));
    let list = byStyle.get(style);
    if (!list) byStyle.set(style, (list = []));
    list.push(line);
  }
  return STYLE_ORDER.filter((s) => byStyle.has(s)).map((s) => ({ style: s, label: STYLE_LABEL[s], lines: byStyle.get(s)! }));
}

/** A GeoJSON FeatureCollection of Polygons / MultiPolygons, as water.geojson holds. */
interface PolygonCollection {
  features: { geometry: { type: string; coordinates: unknown } | null }[];
}

/** Water polygons (rings encoded, tiny ponds that collapse below the tolerance dropped). */
export function waterLayer(doc: unknown, file = 'water.geojson', tolerance = 2): EncodedLine[][] {
  const fc = doc as PolygonCollection;
  if (!fc || !Array.isArray(fc.features)) throw new DataFileError(file, 'expected a GeoJSON FeatureCollection');
  const out: EncodedLine[][] = [];
  const addPolygon = (rings: unknown): void => {
    if (!Array.isArray(rings)) return;
    const encoded: EncodedLine[] = [];
    for (const ring of rings as number[][][]) {
      const r = encodeRing(ring, tolerance);
      if (r) encoded.push(r);
      else if (encoded.length === 0) return; // outer ring collapsed: skip the polygon
    }
    if (encoded.length > 0) out.push(encoded);
  };
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g) continue;
    if (g.type === 'Polygon') addPolygon(g.coordinates);
    else if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) for (const p of g.coordinates) addPolygon(p);
  }
  return out;
}

/** Read and encode water.geojson from a data folder. */
export function loadWaterLayer(dataDir: string): EncodedLine[][] {
  const file = path.join(dataDir, 'water.geojson');
  const doc = readJsonFile(file, 'water layer');
  return waterLayer(doc, file);
}

/** Bounding box [w, s, e, n] of the graph's nodes (degrees). */
export function graphBbox(graph: RoadGraph): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (let v = 0; v < graph.nodeCount; v++) {
    const lon = graph.lon(v);
    const lat = graph.lat(v);
    if (lon < w) w = lon;
    if (lon > e) e = lon;
    if (lat < s) s = lat;
    if (lat > n) n = lat;
  }
  return [w, s, e, n];
}
