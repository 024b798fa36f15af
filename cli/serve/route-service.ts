import type { RoadGraph } from '../../engine/graph/index.js';
import { fastestVia, routeCoordinates, summarizeRoute, type RouteFound } from '../../engine/route/index.js';
import { haversineM } from '../../engine/geo/haversine.js';
import { parseCoordinates } from './coordinates.js';
import { waypointJson, type ServiceContext } from './context.js';
import { checkGeometryFormat, encodeLine, simplifyLine, type GeometryFormat } from './geometry.js';
import { OsrmError } from './osrm-error.js';
import { legSteps } from './steps.js';
import { roundTo } from '../../engine/rounding.js';

/** Query parameters of /route/v1 (OSRM's, then motorcade's extensions close_edges, avoid, depart). */
export interface RouteQuery {
  alternatives?: string;
  steps?: boolean;
  annotations?: string;
  geometries?: string;
  overview?: string;
  continue_straight?: string;
  radiuses?: string;
  generate_hints?: boolean;
  close_edges?: string;
  avoid?: string;
  depart?: string;
}

export const ROUTE_QUERY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    alternatives: { type: 'string', pattern: '^(true|false|[0-9]+)$', description: 'true, false or the number of alternative routes wanted' },
    steps: { type: 'boolean', default: false },
    annotations: { type: 'string', pattern: '^(true|false|(duration|distance|speed|weight)(,(duration|distance|speed|weight))*)$' },
    geometries: { type: 'string', enum: ['polyline', 'polyline6', 'geojson'], default: 'polyline' },
    overview: { type: 'string', enum: ['simplified', 'full', 'false'], default: 'simplified' },
    continue_straight: { type: 'string', enum: ['default', 'true', 'false'] },
    radiuses: { type: 'string', maxLength: 2000 },
    generate_hints: { type: 'boolean' },
    close_edges: { type: 'string', maxLength: 10000, description: 'motorcade: edge ids to close (both directions), separated by ; or ,' },
    avoid: { type: 'string', maxLength: 20000, description: 'motorcade: polygons to drive around, lon,lat;… rings separated by |' },
    depart: { type: 'string', pattern: '^[0-9]{1,2}:[0-9]{2}$', description: 'motorcade: departure time of day HH:MM (Phnom Penh traffic profile)' },
  },
} as const;

type Annotation = 'duration' | 'distance' | 'speed' | 'weight';

/**
 * OSRM's route service: the fastest route through the coordinates in order (one leg between each
 * consecutive pair), or up to `alternatives` different routes between two coordinates. Durations are
 * seconds, distances metres, weight = the cost the search minimised (duration unless penalised).
 */
export function routeService(ctx: ServiceContext, coordinates: string, q: RouteQuery): Record<string, unknown> {
  const points = parseCoordinates(coordinates, ctx.limits.maxRouteCoordinates);
  if (points.length < 2) throw new OsrmError('InvalidQuery', 'a route needs at least two coordinates');
  const format = checkGeometryFormat(q.geometries);
  const overview = q.overview ?? 'simplified';
  const annotations = parseAnnotations(q.annotations);
  let k = 1;
  if (q.alternatives === 'true') k = 1 + Math.min(2, ctx.limits.maxAlternatives);
  else if (q.alternatives !== undefined && q.alternatives !== 'false') {
    const n = Number(q.alternatives);
    if (n > ctx.limits.maxAlternatives) throw new OsrmError('TooBig', `alternatives=${n}: at most ${ctx.limits.maxAlternatives}`);
    k = 1 + n;
  }
  if (k > 1 && points.length !== 2) throw new OsrmError('InvalidOptions', 'alternatives need exactly two coordinates');
  const overlay = ctx.overlay(q);
  const waypoints = ctx.snapAll(points, q.radiuses);
  const time = overlay?.timeS ?? ctx.graph.timeS;
  const cost = overlay?.costS ?? ctx.graph.timeS;

  let routes: RouteFound[][];
  if (k > 1) {
    const alts = ctx.router.alternatives(waypoints[0]!.endpoint, waypoints[1]!.endpoint, { k, ...(overlay ? { overlay } : {}) });
    if (!alts[0]!.found) throw new OsrmError('NoRoute', `Impossible route between points: ${alts[0]!.reason}`);
    routes = alts.filter((r): r is RouteFound => r.found).map((r) => [r]);
  } else {
    const r = fastestVia(ctx.router, waypoints.map((w) => w.endpoint), overlay ? { overlay } : {});
    if (!r.found) throw new OsrmError('NoRoute', `Impossible route between points ${r.leg - 1} and ${r.leg}: ${r.legReason}`);
    routes = [r.legs];
  }
  return {
    code: 'Ok',
    routes: routes.map((legs) => routeJson(ctx, legs, { format, overview, steps: q.steps === true, annotations, time, cost })),
    waypoints: waypoints.map(waypointJson),
  };
}

function parseAnnotations(value: string | undefined): Annotation[] {
  if (value === undefined || value === 'false') return [];
  if (value === 'true') return ['duration', 'distance', 'speed', 'weight'];
  return value.split(',') as Annotation[];
}

interface RouteShape {
  format: GeometryFormat;
  overview: string;
  steps: boolean;
  annotations: Annotation[];
  time: Float64Array;
  cost: Float64Array;
}

function routeJson(ctx: ServiceContext, legs: RouteFound[], shape: RouteShape): Record<string, unknown> {
  const g = ctx.graph;
  const legJson = legs.map((leg) => {
    const out: Record<string, unknown> = {
      steps: shape.steps ? legSteps(g, leg, shape.time, shape.cost, ctx.landmarks, shape.format) : [],
      summary: legSummary(g, leg, shape.time),
      weight: roundTo(leg.costS, 1),
      duration: roundTo(leg.timeS, 1),
      distance: roundTo(leg.lengthM, 1),
    };
    if (shape.annotations.length > 0) out['annotation'] = legAnnotation(g, leg, shape.time, shape.cost, shape.annotations);
    return out;
  });
  const route: Record<string, unknown> = {};
  if (shape.overview !== 'false') {
    const coords = legs.flatMap((leg, i) => {
      const c = legCoordinates(g, leg);
      return i === 0 ? c : c.slice(1);
    });
    route['geometry'] = encodeLine(shape.overview === 'simplified' ? simplifyLine(coords) : coords, shape.format);
  }
  route['legs'] = legJson;
  route['weight_name'] = 'duration';
  route['weight'] = roundTo(legs.reduce((a, l) => a + l.costS, 0), 1);
  route['duration'] = roundTo(legs.reduce((a, l) => a + l.timeS, 0), 1);
  route['distance'] = roundTo(legs.reduce((a, l) => a + l.lengthM, 0), 1);
  return route;
}

function legCoordinates(graph: RoadGraph, leg: RouteFound): [number, number][] {
  if (leg.edges.length === 0) {
    const v = leg.nodes[0] ?? 0;
    return [[graph.lon(v), graph.lat(v)], [graph.lon(v), graph.lat(v)]];
  }
  return routeCoordinates(graph, leg.edges, leg.fromPosition?.fraction ?? 0, leg.toPosition?.fraction ?? 1);
}

/** OSRM's leg summary: the names of the two longest named roads, in driving order. */
function legSummary(graph: RoadGraph, leg: RouteFound, time: Float64Array): string {
  const byName = new Map<string, { lengthM: number; order: number }>();
  summarizeRoute(graph, leg, time).stretches.forEach((s, i) => {
    if (!s.name) return;
    const e = byName.get(s.name);
    if (e) e.lengthM += s.lengthM;
    else byName.set(s.name, { lengthM: s.lengthM, order: i });
  });
  return [...byName.entries()]
    .sort((a, b) => b[1].lengthM - a[1].lengthM)
    .slice(0, 2)
    .sort((a, b) => a[1].order - b[1].order)
    .map(([name]) => name)
    .join(', ');
}

/**
 * Per-segment annotations along the leg's full geometry (one entry per pair of consecutive
 * coordinates, as OSRM): each edge's length, time and cost shared out by the segments' lengths.
 */
function legAnnotation(graph: RoadGraph, leg: RouteFound, time: Float64Array, cost: Float64Array, wanted: Annotation[]): Record<string, number[]> {
  const duration: number[] = [];
  const distance: number[] = [];
  const weight: number[] = [];
  const n = leg.edges.length;
  const from = leg.fromPosition?.fraction ?? 0;
  const to = leg.toPosition?.fraction ?? 1;
  for (let i = 0; i < n; i++) {
    const e = leg.edges[i]!;
    const f0 = i === 0 ? from : 0;
    const f1 = i === n - 1 ? to : 1;
    const part = routeCoordinates(graph, [e], f0, f1);
    const lens: number[] = [];
    for (let j = 1; j < part.length; j++) lens.push(haversineM(part[j - 1]![0], part[j - 1]![1], part[j]![0], part[j]![1]));
    const total = lens.reduce((a, b) => a + b, 0);
    const share = Math.max(0, f1 - f0);
    for (const l of lens) {
      const w = total > 0 ? l / total : 1 / lens.length;
      distance.push(roundTo(w * share * graph.lengthM[e]!, 1));
      duration.push(roundTo(w * share * time[e]!, 1));
      weight.push(roundTo(w * share * cost[e]!, 1));
    }
  }
  const out: Record<string, number[]> = {};
  if (wanted.includes('duration')) out['duration'] = duration;
  if (wanted.includes('distance')) out['distance'] = distance;
  if (wanted.includes('speed')) out['speed'] = distance.map((d, i) => (duration[i]! > 0 ? roundTo(d / duration[i]!, 1) : 0));
  if (wanted.includes('weight')) out['weight'] = weight;
  return out;
}
