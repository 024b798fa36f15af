import path from 'node:path';

export interface GeoJsonImportInput {
  /** Road lines with exact topology (ways meeting share a vertex): the city-core set. */
  core: string;
  /** Simplified road lines to merge in (the metro set), optional. */
  metro?: string;
  /** Water polygons for bridge detection, optional. */
  water?: string;
}

/** Files of the bundled Phnom Penh data folder. */
export function phnomPenhInputs(dataDir: string): Required<GeoJsonImportInput> {
  return {
    core: path.join(dataDir, 'core-streets.geojson'),
    metro: path.join(dataDir, 'metro-roads.geojson'),
    water: path.join(dataDir, 'water.geojson'),
  };
}
