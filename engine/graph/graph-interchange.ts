import gexf from 'graphology-gexf';
import { writeGraphML } from './graphml-writer.js';
import { OSM_ATTRIBUTION } from './attribution.js';
import type { RoadGraph } from './road-graph.js';
import { toGraphology } from './to-graphology.js';

/**
 * GraphML text of every directed edge with length_m, time_s, class, oneway, bridge, … (see
 * to-graphology.ts), plus what OSMnx's load_graphml reads: x/y on nodes, `crs` on the graph (lon/lat
 * graphs only: scale graphs are planar), and on edges `length` (m), `travel_time` (s), `highway` (the
 * road class) and `geometry` as WKT in the same coordinates. The graph also carries the ODbL attribution.
 */
export function roadGraphToGraphML(graph: RoadGraph): string {
  const g = toGraphology(graph);
  if (graph.isLonLat) g.updateEachNodeAttributes((_n, a) => ('lon' in a ? { ...a, x: a.lon, y: a.lat } : a));
  g.updateEachEdgeAttributes((key, a) => ({ ...a, length: a.length_m, travel_time: a.time_s, highway: a.class, geometry: wktLineString(graph.edgeGeometry(Number(key))) }));
  return writeGraphML(g, {
    graphId: 'motorcade',
    edgeTypes: { id: 'long', lanes: 'int' },
    graphAttributes: { ...(graph.isLonLat ? { crs: 'epsg:4326' } : {}), attribution: `Road data ${OSM_ATTRIBUTION}`, created_with: 'motorcade' },
  });
}

function wktLineString(points: readonly [number, number][]): string {
  return `LINESTRING (${points.map(([x, y]) => `${x} ${y}`).join(', ')})`;
}

/** GEXF 1.3 text (Gephi) via graphology-gexf's writer, same attributes as the GraphML export. */
export function roadGraphToGexf(graph: RoadGraph): string {
  return gexf.write(toGraphology(graph));
}
