import gexf from 'graphology-gexf';
import { writeGraphML } from './graphml-writer.js';
import type { RoadGraph } from './road-graph.js';
import { toGraphology } from './to-graphology.js';

/** GraphML text of every directed edge with length_m, time_s, class, oneway, bridge, … (see to-graphology.ts). */
export function roadGraphToGraphML(graph: RoadGraph): string {
  return writeGraphML(toGraphology(graph), { graphId: 'motorcade', edgeTypes: { id: 'long', lanes: 'int' } });
}

/** GEXF 1.3 text (Gephi) via graphology-gexf's writer, same attributes as the GraphML export. */
export function roadGraphToGexf(graph: RoadGraph): string {
  return gexf.write(toGraphology(graph));
}
