import type { Feature, LineString } from 'geojson';
import type { RoadGraph } from '../graph/index.js';
import { routeCoordinates } from './route-geometry.js';
import { summarizeRoute } from './route-summary.js';
import type { RouteFound } from './types.js';
import { roundTo } from '../rounding.js';

/** Properties written on a route Feature (snake_case, as GIS tools expect). */
export interface RouteFeatureProperties {
  length_m: number;
  time_s: number;
  cost_s: number;
  /** Road names along the route in order, consecutive repeats merged ('' = unnamed). */
  roads: string[];
  /** Metres per road class. */
  classes: Record<string, number>;
  bridges: string[];
  edges: number[];
  [key: string]: unknown;
}

/**
 * A found route as an RFC 7946 Feature<LineString> in lon/lat (planar units on PLANAR graphs), cut at
 * mid-edge endpoints. `props` are merged into the properties (they win on a name clash).
 */
export function routeToGeoJSON(graph: RoadGraph, route: RouteFound, props: Record<string, unknown> = {}): Feature<LineString, RouteFeatureProperties> {
  const from = route.fromPosition?.fraction ?? 0;
  const to = route.toPosition?.fraction ?? 1;
  let coordinates: [number, number][];
  if (route.edges.length === 0) {
    const v = route.nodes[0] ?? 0;
    coordinates = [
      [graph.lon(v), graph.lat(v)],
      [graph.lon(v), graph.lat(v)],
    ];
  } else coordinates = routeCoordinates(graph, route.edges, from, to);
  const summary = summarizeRoute(graph, route);
  const roads: string[] = [];
  for (const s of summary.stretches) if (roads[roads.length - 1] !== s.name) roads.push(s.name);
  const classes: Record<string, number> = {};
  for (const [k, v] of Object.entries(summary.classLengthM)) classes[k] = roundTo(v, 1);
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: coordinates.map(([x, y]) => [roundTo(x, 7), roundTo(y, 7)]) },
    properties: {
      length_m: roundTo(route.lengthM, 1),
      time_s: roundTo(route.timeS, 1),
      cost_s: roundTo(route.costS, 1),
      roads,
      classes,
      bridges: summary.bridges.map((b) => b.name || `edge ${b.firstEdge}`),
      edges: route.edges,
      ...props,
    },
  };
}
