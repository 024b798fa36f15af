import { GraphBuilder } from '../../engine/graph/graph-builder.js';
import { roadClassCode } from '../../engine/graph/road-class.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { haversineM } from '../../engine/geo/haversine.js';

/**
 * Two separate pieces of road in central Phnom Penh: one around Raffles Le Royal (west bank), one at the
 * Sokha hotel (Chroy Changvar tip), with no road between them: places on both are on the graph, but one
 * cannot be reached from the other.
 */
export function tinyGraph(): RoadGraph {
  const b = new GraphBuilder();
  const road = (pts: [number, number][]) => {
    const ids = pts.map(([lon, lat]) => b.addNode(lon, lat));
    for (let i = 1; i < ids.length; i++) {
      b.addSegment({ from: ids[i - 1]!, to: ids[i]!, lengthM: haversineM(pts[i - 1]![0], pts[i - 1]![1], pts[i]![0], pts[i]![1]), speedKmh: 40, roadClass: roadClassCode('minor')! });
    }
  };
  road([[104.918, 11.576], [104.921, 11.577], [104.921, 11.579]]);
  road([[104.935, 11.570], [104.937, 11.572]]);
  return b.build({ source: { kind: 'test' }, report: {}, builtAt: '2026-01-01T00:00:00Z' });
}
