import { readJsonFile } from '../../read-json-file.js';
import { DataFileError } from '../../errors.js';
import { roadClassCode } from '../../graph/road-class.js';

/** One road polyline from a GeoJSON file: lon, lat interleaved, consecutive duplicates removed. */
export interface RoadLine {
  coords: number[];
  /** Engine road class code (road-class.ts). */
  roadClass: number;
}

export interface ReadLinesResult {
  lines: RoadLine[];
  /** Features that are not (Multi)LineStrings, or lines with fewer than two distinct points. */
  skippedFeatures: number;
}

/** The features array of a GeoJSON FeatureCollection, or a DataFileError saying what is wrong. */
export function featuresOf(file: string, doc: unknown): unknown[] {
  const fc = doc as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new DataFileError(file, 'expected a GeoJSON FeatureCollection with a "features" array');
  }
  return fc.features;
}

/** Validate one GeoJSON position: two finite numbers in WGS84 range. */
export function readPosition(file: string, where: string, p: unknown): [number, number] {
  if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
    throw new DataFileError(file, `${where}: expected a [lon, lat] pair of numbers, got ${JSON.stringify(p)}`);
  }
  if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
    throw new DataFileError(file, `${where}: coordinate out of range (lon ${p[0]}, lat ${p[1]})`);
  }
  return [p[0], p[1]];
}

/**
 * The class of a road line: property `class` (the bundled data: major/minor) or `highway` (an OSM-style
 * export), mapped onto the engine's classes; anything else is `unknown` (default speed 40 km/h).
 */
function classOf(props: unknown): number {
  const p = (props ?? {}) as Record<string, unknown>;
  for (const key of ['class', 'highway']) {
    const v = p[key];
    if (typeof v === 'string') {
      const code = roadClassCode(v);
      if (code !== undefined) return code;
    }
  }
  return roadClassCode('unknown')!;
}

/** Read the road lines of a GeoJSON FeatureCollection (LineString and MultiLineString features). */
export function readRoadLines(file: string): ReadLinesResult {
  const features = featuresOf(file, readJsonFile(file, 'GeoJSON', 'road'));
  const lines: RoadLine[] = [];
  let skippedFeatures = 0;
  features.forEach((raw, i) => {
    const f = raw as { geometry?: { type?: unknown; coordinates?: unknown }; properties?: unknown };
    const g = f?.geometry;
    const parts: unknown[] = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' && Array.isArray(g.coordinates) ? g.coordinates : [];
    if (parts.length === 0) {
      skippedFeatures++;
      return;
    }
    const roadClass = classOf(f.properties);
    parts.forEach((part, k) => {
      const where = g?.type === 'LineString' ? `features[${i}].geometry.coordinates` : `features[${i}].geometry.coordinates[${k}]`;
      if (!Array.isArray(part)) throw new DataFileError(file, `${where}: expected an array of positions`);
      const coords: number[] = [];
      part.forEach((p, j) => {
        const [lon, lat] = readPosition(file, `${where}[${j}]`, p);
        const n = coords.length;
        if (n >= 2 && coords[n - 2] === lon && coords[n - 1] === lat) return;
        coords.push(lon, lat);
      });
      if (coords.length >= 4) lines.push({ coords, roadClass });
      else skippedFeatures++;
    });
  });
  if (lines.length === 0) throw new DataFileError(file, `no road lines: none of its ${features.length} features is a LineString or MultiLineString with two distinct points`);
  return { lines, skippedFeatures };
}
