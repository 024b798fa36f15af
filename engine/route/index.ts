/**
 * The routing core: exact fastest routes (Dijkstra, A*, bidirectional) over the CSR graph, with per-query
 * overlays, alternatives, safest routes, one-to-all / multi-source searches and service areas.
 */
export { Router, timeToPosition, MAX_TABLE_ENTRIES, type FastestOptions, type OneToAllOptions, type OneToAllSource, type TableOptions } from './router.js';
export { type TravelTable } from './table.js';
export { compileOverlay, baseOverlay, type RouteOverlay, type CompiledOverlay, type PenaltyArea } from './overlay.js';
export { type RouteEndpoint, type RouteResult, type RouteFound, type RouteNotFound, type RouteAlgorithm, type EdgePosition, isNodeEndpoint } from './types.js';
export { type AlternativesOptions } from './alternatives.js';
export { corridorShare, routeLine, RouteCorridor, DEFAULT_CORRIDOR_M } from './corridor.js';
export { type SafestOptions, type SafestRoute } from './safest.js';
export { routeToGeoJSON, type RouteFeatureProperties } from './route-geojson.js';
export { summarizeRoute, sharedLengthM, routeCostUnder, type RouteSummary, type RoadStretch } from './route-summary.js';
export { serviceAreas, convexHull } from './isochrone.js';
export { pointAlong, routeCoordinates, slicePolyline } from './route-geometry.js';
export { PHNOM_PENH_TRAFFIC_PROFILE, FREE_FLOW_PERIOD, speedFactorsAt, trafficPeriodAt, parseClock, phnomPenhTrafficBands, trafficGroup, SNAP_LIMIT_M, ALTERNATIVES, SEARCH_CUTOFF_S, RESPONDER_CONGESTION_AVOIDED, snapPlace, snapWarning, formatSnapM, type PlaceSnap, type TrafficPeriod } from './policy.js';
export { fastestVia, type ViaRoute, type ViaNotFound } from './via.js';
export { referenceDijkstra } from './reference-dijkstra.js';
export { IndexedMinHeap } from './indexed-heap.js';
export { SearchState } from './search-state.js';
export { buildContractionHierarchy, type ContractionHierarchy } from './contraction.js';
export { buildCchTopology, customizeCch, type CchTopology, type CchMetric } from './cch.js';
export { nestedDissectionOrder } from './nd-order.js';
