import { parseCoordinates, parseIndexList } from './coordinates.js';
import { waypointJson, type ServiceContext } from './context.js';
import { roundTo } from '../../engine/rounding.js';
import { travelMatrix } from './matrix.js';
import { OsrmError } from './osrm-error.js';

export interface TableQuery {
  sources?: string;
  destinations?: string;
  annotations?: string;
  radiuses?: string;
  generate_hints?: boolean;
  fallback_speed?: number;
  close_edges?: string;
  avoid?: string;
  depart?: string;
}

export const TABLE_QUERY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sources: { type: 'string', pattern: '^(all|[0-9]+(;[0-9]+)*)$' },
    destinations: { type: 'string', pattern: '^(all|[0-9]+(;[0-9]+)*)$' },
    annotations: { type: 'string', enum: ['duration', 'distance', 'duration,distance', 'distance,duration'], default: 'duration' },
    radiuses: { type: 'string', maxLength: 4000 },
    generate_hints: { type: 'boolean' },
    close_edges: { type: 'string', maxLength: 10000 },
    avoid: { type: 'string', maxLength: 20000 },
    depart: { type: 'string', pattern: '^[0-9]{1,2}:[0-9]{2}$' },
  },
} as const;

/**
 * OSRM's table service: durations (s) and/or distances (m) of the fastest routes from every source to
 * every destination; null where no route exists (as OSRM writes it).
 */
export function tableService(ctx: ServiceContext, coordinates: string, q: TableQuery): Record<string, unknown> {
  const points = parseCoordinates(coordinates, 2 * ctx.limits.maxTableSize);
  if (points.length < 1) throw new OsrmError('InvalidQuery', 'a table needs at least one coordinate');
  const sources = parseIndexList(q.sources, points.length, 'sources');
  const destinations = parseIndexList(q.destinations, points.length, 'destinations');
  if (sources.length > ctx.limits.maxTableSize || destinations.length > ctx.limits.maxTableSize) {
    throw new OsrmError('TooBig', `${sources.length} sources × ${destinations.length} destinations: at most ${ctx.limits.maxTableSize} on each side`);
  }
  const wanted = (q.annotations ?? 'duration').split(',');
  const overlay = ctx.overlay(q);
  const waypoints = ctx.snapAll(points, q.radiuses);
  const m = travelMatrix(
    ctx.router,
    sources.map((i) => waypoints[i]!.endpoint),
    destinations.map((i) => waypoints[i]!.endpoint),
    { overlay, distances: wanted.includes('distance') },
  );
  const rows = (a: Float64Array, digits: number): (number | null)[][] =>
    sources.map((_, i) => destinations.map((_, j) => {
      const v = a[i * destinations.length + j]!;
      return v === Infinity ? null : roundTo(v, digits);
    }));
  const out: Record<string, unknown> = { code: 'Ok' };
  if (wanted.includes('duration')) out['durations'] = rows(m.durations, 1);
  if (m.distances) out['distances'] = rows(m.distances, 1);
  out['sources'] = sources.map((i) => waypointJson(waypoints[i]!));
  out['destinations'] = destinations.map((i) => waypointJson(waypoints[i]!));
  return out;
}
