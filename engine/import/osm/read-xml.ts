import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DataFileError } from '../../errors.js';
import { quoteInput } from '../../quote.js';
import type { OsmCollector, OsmTags } from './osm-data.js';

type XmlAttrs = Record<string, string | undefined>;
type XmlNode = XmlAttrs;
type XmlWay = XmlAttrs & { nd?: XmlAttrs[]; tag?: XmlAttrs[] };

/** JOSM keeps deleted objects in saved files with action="delete"; history dumps mark them visible="false". */
function deleted(el: XmlAttrs): boolean {
  return el['action'] === 'delete' || el['visible'] === 'false';
}

const ARRAYS = new Set(['node', 'way', 'nd', 'tag', 'relation', 'member']);

/**
 * OSM XML (`.osm`, API 0.6 / osmium output) into the collector. The document is validated first so a
 * malformed file is reported with its line and column, then parsed in one pass (fast-xml-parser, linear).
 */
export function readOsmXml(file: string, text: string, sink: OsmCollector): void {
  // A path may point at any file: say what it is not, without echoing what it is.
  if (!/^\s*</.test(text)) throw new DataFileError(file, 'not OSM XML (it does not start with <)');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new DataFileError(file, `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${quoteInput(valid.err.msg)}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => ARRAYS.has(name),
  });
  const doc = parser.parse(text) as { osm?: { node?: XmlNode[]; way?: XmlWay[] } };
  const osm = doc.osm;
  if (osm === undefined || typeof osm !== 'object') throw new DataFileError(file, 'not OSM XML: no <osm> root element');
  for (const w of osm.way ?? []) {
    if (deleted(w)) continue;
    const id = Number(w['id'] as string | undefined);
    if (!Number.isFinite(id)) throw new DataFileError(file, `<way id=${quoteInput(String(w['id'] ?? '?'))}> has no numeric id`);
    const refs: number[] = [];
    for (const nd of w.nd ?? []) {
      const ref = Number(nd['ref']);
      if (!Number.isFinite(ref) || nd['ref'] === undefined) throw new DataFileError(file, `way ${id}: <nd ref=${quoteInput(String(nd['ref'] ?? ''))}> is not a node id`);
      refs.push(ref);
    }
    const tags: OsmTags = {};
    for (const t of w.tag ?? []) if (t['k'] !== undefined && t['v'] !== undefined) tags[t['k']] = t['v'];
    sink.way(id, refs, tags);
  }
  sink.keepOnlyWayNodes();
  for (const n of osm.node ?? []) {
    if (deleted(n)) continue;
    const id = Number(n['id']);
    const lon = Number(n['lon']);
    const lat = Number(n['lat']);
    if (!Number.isFinite(id) || n['lon'] === undefined || n['lat'] === undefined) {
      throw new DataFileError(file, `<node id=${quoteInput(String(n['id'] ?? '?'))}> lacks a numeric id, lat or lon`);
    }
    sink.node(id, lon, lat);
  }
}
