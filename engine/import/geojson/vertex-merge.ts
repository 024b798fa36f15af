import type { RoadLine } from './read-lines.js';
import type { SegmentNetwork } from './segment-network.js';

export interface MergeCounts {
  lines: number;
  /** Input vertices (after dropping consecutive duplicates). */
  vertices: number;
  /** Vertex occurrences that landed on an existing vertex: shared junction (or self-touching) points. */
  verticesMerged: number;
  km: number;
}

/**
 * Add lines to the network with identical coordinates becoming one vertex. A vertex shared by two lines
 * anywhere along them (not only at their ends) becomes a junction: OSM ways meeting share a node, and the
 * city-core set keeps those nodes exactly.
 */
export function addLinesMergingVertices(net: SegmentNetwork, lines: readonly RoadLine[], set: number): MergeCounts {
  let vertices = 0;
  let verticesMerged = 0;
  let metres = 0;
  for (const line of lines) {
    let prev = -1;
    for (let k = 0; k < line.coords.length; k += 2) {
      const { id, merged } = net.vertexAt(line.coords[k]!, line.coords[k + 1]!);
      vertices++;
      if (merged) verticesMerged++;
      if (prev >= 0 && prev !== id) {
        const s = net.addSegment(prev, id, line.roadClass, set);
        metres += net.segmentLengthM(s);
      }
      prev = id;
    }
  }
  return { lines: lines.length, vertices, verticesMerged, km: metres / 1000 };
}

/**
 * Cut the segments of a set into pieces of at most `maxM` metres with synthetic vertices. The metro set
 * is simplified to long straight segments; short pieces let duplicate detection drop exactly the part of
 * a segment that runs alongside a core road. Synthetic vertices are collinear and left out of the final
 * geometry, so nothing changes shape.
 */
export function densify(net: SegmentNetwork, set: number, maxM: number): void {
  const count = net.segmentCount;
  for (let s = 0; s < count; s++) {
    if (net.alive[s] !== 1 || net.segSet[s] !== set) continue;
    const len = net.segmentLengthM(s);
    const pieces = Math.ceil(len / maxM);
    if (pieces <= 1) continue;
    const cuts = [];
    for (let i = 1; i < pieces; i++) {
      const t = i / pieces;
      const v = net.vertexAlong(s, t);
      net.synthetic[v] = 1;
      cuts.push({ t, vertex: v });
    }
    net.splitSegment(s, cuts);
  }
}
