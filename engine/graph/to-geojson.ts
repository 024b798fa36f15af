import { OSM_ATTRIBUTION } from './attribution.js';
import { EdgeFlag } from './road-class.js';
import type { RoadGraph } from './road-graph.js';
import { roundTo } from '../rounding.js';

/**
 * Every directed edge as a GeoJSON (RFC 7946) LineString Feature with length_m, time_s, class, oneway,
 * bridge and name, so that outside tools (QGIS, geojson.io) can check routes against the graph. Written
 * as text piece by piece: a city of 25k edges is a few MB, without building a giant object first.
 */
export function roadGraphToGeoJSON(graph: RoadGraph, attribution = `Road data ${OSM_ATTRIBUTION}`): string {
  const parts: string[] = [`{"type":"FeatureCollection","attribution":${JSON.stringify(attribution)},"features":[`];
  for (let e = 0; e < graph.edgeCount; e++) {
    const flags = graph.flags[e]!;
    const feature = {
      type: 'Feature',
      properties: {
        id: e,
        from: graph.tail[e]!,
        to: graph.head[e]!,
        length_m: roundTo(graph.lengthM[e]!, 2),
        time_s: roundTo(graph.timeS[e]!, 2),
        class: graph.classOf(e),
        oneway: (flags & EdgeFlag.ONEWAY) !== 0,
        bridge: (flags & EdgeFlag.BRIDGE) !== 0,
        name: graph.nameOf(e),
      },
      geometry: { type: 'LineString', coordinates: graph.edgeGeometry(e).map(([x, y]) => [roundTo(x, 7), roundTo(y, 7)]) },
    };
    parts.push((e > 0 ? ',\n' : '\n') + JSON.stringify(feature));
  }
  parts.push('\n]}\n');
  return parts.join('');
}
