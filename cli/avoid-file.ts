import type { Polygon } from 'geojson';
import { DataFileError, InputError } from '../engine/errors.js';
import { checkAvoidPolygon } from '../engine/route/area-validation.js';
import { readJsonFile } from '../engine/read-json-file.js';

/**
 * Polygons to avoid from a GeoJSON file: a Polygon, a MultiPolygon, a Feature of either, or a
 * FeatureCollection of them (other geometry types are an error naming the feature). Each polygon is
 * checked and normalised by area-validation.ts (ranges, closed rings, no self-crossing, holes inside).
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
    try {
      return checkAvoidPolygon(rings);
    } catch (err) {
      if (err instanceof InputError) throw new DataFileError(file, `${where}: ${err.message}`, { cause: err });
      throw err;
    }
  };
  take(doc, 'root');
  if (out.length === 0) throw new DataFileError(file, 'no polygon found');
  return out;
}
