/** motorcade library entry: the pipeline stages, re-exported. */
export * from './graph/index.js';
export * from './errors.js';
export { importOsm, type OsmImportOptions, type OsmImportReport } from './import/osm/index.js';
export { loadCityGraph, CITY_GRAPHS, type CityGraphName } from './import/city-graph.js';
export * from './route/index.js';
export { loadGraph, type LoadGraphOptions, type LoadedGraph } from './import/load-graph.js';
export { importRoadGeoJson, phnomPenhInputs, DEFAULT_REPAIR_PARAMS, type RepairParams, type RepairReport, type GeoJsonImportInput } from './import/geojson/index.js';
export * from './run/index.js';
