import type { Feature, MultiLineString, MultiPolygon } from 'geojson';
import { OSM_ATTRIBUTION } from '../../engine/graph/attribution.js';
import { serviceAreas } from '../../engine/route/index.js';
import { parseCoordinates } from './coordinates.js';
import { waypointJson, type ServiceContext } from './context.js';
import { OsrmError } from './osrm-error.js';
import { bufferLines } from './road-buffer.js';
import { roundTo } from '../../engine/rounding.js';

export interface IsochroneQuery {
  contours_minutes: string;
  buffer_m?: number;
  radiuses?: string;
  close_edges?: string;
  avoid?: string;
  depart?: string;
}

export const ISOCHRONE_QUERY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['contours_minutes'],
  properties: {
    contours_minutes: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(,[0-9]+(\\.[0-9]+)?)*$', description: 'travel times in minutes, e.g. 5,10' },
    buffer_m: { type: 'number', minimum: 20, maximum: 300, default: 50, description: 'grid cell of the outline, metres: the polygons reach one to two cells beyond each reachable road' },
    radiuses: { type: 'string', maxLength: 100 },
    close_edges: { type: 'string', maxLength: 10000 },
    avoid: { type: 'string', maxLength: 20000 },
    depart: { type: 'string', pattern: '^[0-9]{1,2}:[0-9]{2}$' },
  },
} as const;

/**
 * Isochrones (motorcade's extension, in the shape of Valhalla's): for each contour, the roads reachable
 * from the coordinate within that many minutes, outlined on a `buffer_m` grid into a MultiPolygon
 * (road-buffer.ts). Following the roads rather than hulling their points keeps a polygon from spanning
 * the river where no bridge is reached. Largest contour first, so a map draws the smaller ones on top.
 */
export function isochroneService(ctx: ServiceContext, coordinates: string, q: IsochroneQuery): Record<string, unknown> {
  const points = parseCoordinates(coordinates, 1);
  if (points.length !== 1) throw new OsrmError('InvalidQuery', 'an isochrone takes exactly one coordinate');
  const minutes = q.contours_minutes.split(',').map(Number);
  if (minutes.length > ctx.limits.maxIsochroneContours) throw new OsrmError('TooBig', `${minutes.length} contours: at most ${ctx.limits.maxIsochroneContours}`);
  for (const m of minutes) {
    if (!(m > 0 && m <= ctx.limits.maxIsochroneMinutes)) throw new OsrmError('InvalidOptions', `contours_minutes ${m} must be more than 0 and at most ${ctx.limits.maxIsochroneMinutes}`);
  }
  const overlay = ctx.overlay(q);
  const [waypoint] = ctx.snapAll(points, q.radiuses);
  const cutoffs = minutes.map((m) => m * 60);
  const times = ctx.router.oneToAll([{ endpoint: waypoint!.endpoint }], { cutoffS: Math.max(...cutoffs), ...(overlay ? { overlay } : {}) });
  const areas = serviceAreas(ctx.graph, times, cutoffs, overlay?.costS ?? ctx.graph.timeS);
  const cellM = q.buffer_m ?? 50;
  const features: Feature<MultiPolygon>[] = [];
  for (const f of areas.features) {
    if (f.properties?.['kind'] !== 'reachable-roads') continue;
    const roads = f as Feature<MultiLineString>;
    const cutoff = f.properties['cutoff_s'] as number;
    features.push({
      type: 'Feature',
      geometry: bufferLines(roads.geometry.coordinates as [number, number][][], cellM),
      properties: { contour: roundTo(cutoff / 60, 2), metric: 'time', road_length_m: f.properties['road_length_m'] as number },
    });
  }
  features.sort((a, b) => (b.properties!['contour'] as number) - (a.properties!['contour'] as number));
  return { code: 'Ok', type: 'FeatureCollection', features, waypoints: [waypointJson(waypoint!)], attribution: OSM_ATTRIBUTION };
}
