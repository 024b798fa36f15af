/** Licence notice carried by everything built from OpenStreetMap data (graphs, exports, runs, reports). */
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors, ODbL 1.0';
