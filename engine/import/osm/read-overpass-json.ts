import { DataFileError } from '../../errors.js';
import { parseJsonText } from '../../read-json-file.js';
import type { OsmCollector, OsmTags } from './osm-data.js';

interface OverpassElement {
  type?: unknown;
  id?: unknown;
  lat?: unknown;
  lon?: unknown;
  nodes?: unknown;
  tags?: unknown;
  /** `out geom`: the way's coordinates inline, parallel to `nodes`. */
  geometry?: unknown;
}

/**
 * Overpass API JSON (`[out:json]`: `{ "elements": [ {type:"node",id,lat,lon}, {type:"way",id,nodes,tags} ] }`).
 * Ways fetched with `out geom` carry their coordinates inline; those are used for nodes not listed.
 */
export function readOverpassJson(file: string, text: string, sink: OsmCollector): void {
  const doc = parseJsonText(text, file, 'Overpass JSON');
  const elements = (doc as { elements?: unknown } | null)?.elements;
  if (!Array.isArray(elements)) throw new DataFileError(file, 'not Overpass JSON: no "elements" array at the top level');
  const ways: OverpassElement[] = [];
  elements.forEach((el: OverpassElement, i) => {
    if (el === null || typeof el !== 'object') throw new DataFileError(file, `elements[${i}] is not an object`);
    if (el.type === 'way') ways.push(el);
  });
  // `out geom` coordinates are read after the nodes (listed nodes win), so remember them.
  const inline: [number, number, number, string][] = [];
  for (const w of ways) {
    if (typeof w.id !== 'number' || !Array.isArray(w.nodes) || !w.nodes.every((n) => typeof n === 'number')) {
      throw new DataFileError(file, `way ${String(w.id)} lacks a numeric id or a "nodes" array of ids`);
    }
    const refs = w.nodes as number[];
    if (Array.isArray(w.geometry) && w.geometry.length === refs.length) {
      w.geometry.forEach((p: { lat?: unknown; lon?: unknown } | null, k) => {
        if (p && typeof p.lat === 'number' && typeof p.lon === 'number') inline.push([refs[k]!, p.lon, p.lat, `way ${String(w.id)} geometry`]);
      });
    }
    const tags: OsmTags = {};
    if (w.tags !== null && typeof w.tags === 'object') {
      for (const [k, v] of Object.entries(w.tags as Record<string, unknown>)) if (typeof v === 'string') tags[k] = v;
    }
    sink.way(w.id, refs, tags);
  }
  sink.keepOnlyWayNodes();
  elements.forEach((el: OverpassElement, i) => {
    if (el.type !== 'node') return;
    if (typeof el.id !== 'number' || typeof el.lat !== 'number' || typeof el.lon !== 'number') {
      throw new DataFileError(file, `elements[${i}] (node ${String(el.id)}) lacks a numeric id, lat or lon`);
    }
    sink.node(el.id, el.lon, el.lat, `elements[${i}]`);
  });
  for (const [id, lon, lat, where] of inline) if (!sink.hasNode(id)) sink.node(id, lon, lat, where);
}
