import type { Polygon } from 'geojson';
import { DataFileError } from '../engine/errors.js';
import { readJsonFile } from '../engine/read-json-file.js';

/**
 * Polygons to avoid from a GeoJSON file: a Polygon, a MultiPolygon, a Feature of either, or a
 * FeatureCollection of them (other geometry types are an error naming the feature).
 */
export function readAvoidPolygons(file: string): Polygon[] {
  const doc = readJsonFile(file, 'avoid polygons');
  const out: Polygon[] = [];
  const take = (g: unknown, where: string): void => {
    const geom = g as { type?: string; coordinates?: unknown; geometry?: unknown; features?: unknown };
    if (!geom || typeof geom !== 'object') throw new DataFileError(file, `${where}: expected a GeoJSON object`);
    if (geom.type === 'FeatureCollection' && Array.isArray(geom.features)) geom.features.forEach((f, i) => take(f, `features[${i}]`));
    else if (geom.type === 'Feature') take(geom.geometry, `${where}.geometry`);
    else if (geom.type === 'Polygon' && Array.isArray(geom.coordinates)) out.push(checkRings(geom.coordinates, where));
    else if (geom.type === 'MultiPolygon' && Array.isArray(geom.coordinates)) geom.coordinates.forEach((c, i) => out.push(checkRings(c, `${where}.coordinates[${i}]`)));
    else throw new DataFileError(file, `${where}: geometry type '${String(geom.type)}' cannot be avoided (use Polygon or MultiPolygon)`);
  };
  const checkRings = (rings: unknown, where: string): Polygon => {
    const ok = Array.isArray(rings) && rings.length > 0 && rings.every((r) => Array.isArray(r) && r.length >= 4 && r.every((p) => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number'));
    if (!ok) throw new DataFileError(file, `${where}: a polygon needs rings of at least 4 [lon, lat] positions`);
    return { type: 'Polygon', coordinates: rings as Polygon['coordinates'] };
  };
  take(doc, 'root');
  if (out.length === 0) throw new DataFileError(file, 'no polygon found');
  return out;
}
