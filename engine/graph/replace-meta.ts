import { align8, HEADER_WORDS, SECTION, SECTION_COUNT } from './format.js';
import { sealGraphBuffer } from './integrity.js';
import { RoadGraph, type GraphMeta } from './road-graph.js';

/**
 * The same graph with a new meta JSON. The meta section is the last one of the buffer, so this copies the
 * bytes before it once and appends the new JSON: no rebuild of the adjacency.
 */
export function replaceMeta(graph: RoadGraph, meta: GraphMeta): RoadGraph {
  if (SECTION.meta !== SECTION_COUNT - 1) throw new Error('replaceMeta assumes the meta section is last');
  const old = new Uint32Array(graph.buffer, 0, HEADER_WORDS);
  const metaOffset = old[8 + 2 * SECTION.meta]!;
  const bytes = new TextEncoder().encode(JSON.stringify(meta));
  const buffer = new ArrayBuffer(align8(metaOffset + bytes.length));
  const target = new Uint8Array(buffer);
  target.set(new Uint8Array(graph.buffer, 0, metaOffset));
  target.set(bytes, metaOffset);
  new Uint32Array(buffer, 0, HEADER_WORDS)[9 + 2 * SECTION.meta] = bytes.length;
  sealGraphBuffer(buffer);
  return RoadGraph.from(buffer);
}
