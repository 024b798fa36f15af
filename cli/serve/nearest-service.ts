import { parseCoordinates, parseRadiuses } from './coordinates.js';
import { waypointJson, type ServiceContext } from './context.js';
import { OsrmError } from './osrm-error.js';

export interface NearestQuery {
  number?: number;
  radiuses?: string;
  generate_hints?: boolean;
}

export const NEAREST_QUERY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    number: { type: 'integer', minimum: 1, default: 1 },
    radiuses: { type: 'string', maxLength: 100 },
    generate_hints: { type: 'boolean' },
  },
} as const;

/** OSRM's nearest service: the `number` nearest roads to one coordinate (one waypoint per road), nearest first. */
export function nearestService(ctx: ServiceContext, coordinates: string, q: NearestQuery): Record<string, unknown> {
  const points = parseCoordinates(coordinates, 1);
  if (points.length !== 1) throw new OsrmError('InvalidQuery', 'nearest takes exactly one coordinate');
  const number = q.number ?? 1;
  if (number > ctx.limits.maxNearestResults) throw new OsrmError('TooBig', `number=${number}: at most ${ctx.limits.maxNearestResults}`);
  const [lon, lat] = points[0]!;
  const radius = parseRadiuses(q.radiuses, 1, ctx.limits.maxSnapM)[0]!;
  const g = ctx.graph;
  const taken = new Set<number>();
  const waypoints: Record<string, unknown>[] = [];
  const road = (e: number): number => {
    const t = g.twin[e]!;
    return t >= 0 ? Math.min(e, t) : e;
  };
  while (waypoints.length < number) {
    const s = ctx.snapper.nearest(lon, lat, { maxDistanceM: radius, keep: (e) => !taken.has(road(e)) });
    if (!s) break;
    taken.add(road(s.edge));
    waypoints.push({ ...waypointJson({ endpoint: { edge: s.edge, fraction: s.fraction }, input: [lon, lat], location: [s.lon, s.lat], distanceM: s.distanceM, name: g.nameOf(s.edge) }), nodes: [g.tail[s.edge]!, g.head[s.edge]!] });
  }
  if (waypoints.length === 0) throw new OsrmError('NoSegment', `Could not find a matching segment for the coordinate ${lon},${lat} within ${radius} m`);
  return { code: 'Ok', waypoints };
}
