import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DataFileError, EmptyGraphError } from '../../errors.js';
import { decodeUtf8, readInputBytes } from '../../input-file.js';
import { formatBytes, LIMIT_ENV, limits } from '../../limits.js';
import type { RoadGraph } from '../../graph/road-graph.js';
import { keepLargestComponent } from '../../graph/subgraph.js';
import { buildOsmGraph, type OsmBuildOptions, type OsmImportReport } from './build-osm-graph.js';
import { OsmCollector, OsmCoordinateError } from './osm-data.js';
import { readOsmPbf } from './read-pbf.js';
import { readOverpassJson } from './read-overpass-json.js';
import { readOsmXml } from './read-xml.js';

export type { OsmImportReport } from './build-osm-graph.js';
export { parseMaxspeed, IMPLICIT_MAXSPEED_KMH } from './maxspeed.js';
export { MOTOR_HIGHWAYS } from './road-tags.js';

export type OsmFormat = 'pbf' | 'xml' | 'overpass-json';

export interface OsmImportOptions extends OsmBuildOptions {
  /** Force the format instead of deciding from the extension and first bytes. */
  format?: OsmFormat;
  /** Keep only the largest strongly connected component (default true) and report what was dropped. */
  largestComponent?: boolean;
}

const PBF_MAGIC = 'OSMHeader';

/** `.osm.pbf`/`.pbf` → pbf, `.json` → Overpass JSON, `.osm`/`.xml` → XML; otherwise sniff the first bytes. */
export function detectOsmFormat(file: string, head: Uint8Array): OsmFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.pbf')) return 'pbf';
  if (lower.endsWith('.json') || lower.endsWith('.overpass')) return 'overpass-json';
  if (lower.endsWith('.osm') || lower.endsWith('.xml')) return 'xml';
  const text = new TextDecoder().decode(head.subarray(0, 64)).trimStart();
  if (text.startsWith('<')) return 'xml';
  if (text.startsWith('{')) return 'overpass-json';
  if (new TextDecoder('latin1').decode(head.subarray(0, 32)).includes(PBF_MAGIC)) return 'pbf';
  throw new DataFileError(file, 'cannot tell the OSM format (expected .osm.pbf, .osm XML or Overpass .json)');
}

/**
 * An OpenStreetMap extract (.osm.pbf, .osm XML or Overpass JSON) as a RoadGraph: motor-traffic highways
 * only, junction-to-junction edges with folded geometry, speeds from maxspeed or class defaults, and the
 * largest strongly connected component. meta.report.osm holds the import report (OsmImportReport) and
 * meta.report.components what the component filter dropped.
 */
export function importOsm(file: string, opts: OsmImportOptions = {}): RoadGraph {
  let bytes = readInputBytes(file, 'OSM', 'road');
  const stat = fs.statSync(file);
  if (bytes.length === 0) throw new DataFileError(file, 'file is empty');
  let name = file;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    // .osm.gz / .json.gz: gzip is in zlib. The output is capped while it is produced (a gzip bomb stops
    // at the cap, not at the heap limit).
    const cap = limits().decompressedBytes;
    try {
      bytes = zlib.gunzipSync(bytes, { maxOutputLength: cap });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new DataFileError(file, `decompresses to more than ${formatBytes(cap)}, the limit (set ${LIMIT_ENV.decompressedBytes} to raise it)`, { cause: err });
      }
      throw new DataFileError(file, `corrupt gzip data (${(err as Error).message})`, { cause: err });
    }
    name = file.replace(/\.gz$/i, '');
  } else if (bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68) {
    throw new DataFileError(file, 'is bzip2-compressed: decompress it first (bunzip2 -k FILE), or use the .osm.pbf extract');
  }
  const format = opts.format ?? detectOsmFormat(name, bytes);
  const data = new OsmCollector();
  try {
    if (format === 'pbf') readOsmPbf(file, bytes, data);
    else if (format === 'xml') readOsmXml(file, decodeUtf8(bytes, file, 'OSM XML'), data);
    else readOverpassJson(file, decodeUtf8(bytes, file, 'Overpass JSON'), data);
  } catch (err) {
    if (err instanceof OsmCoordinateError) throw new DataFileError(file, err.message, { cause: err });
    throw err;
  }
  if (data.ways.length === 0) {
    throw new EmptyGraphError(`${file}: no highways (read ${data.waysRead} ways, ${data.nodesRead} nodes): is this a road extract?`);
  }
  let graph: RoadGraph;
  try {
    graph = buildOsmGraph(
      data,
      { source: { kind: 'osm', file: path.resolve(file), format, bytes: stat.size, mtimeMs: stat.mtimeMs, nameLanguage: opts.nameLanguage ?? null }, builtAt: new Date().toISOString() },
      opts,
    );
  } catch (err) {
    if (err instanceof EmptyGraphError) {
      const r = data.ways.length;
      throw new EmptyGraphError(`${file}: no drivable road left after filtering (${r} highway ways, none a motor-traffic road with its nodes present)`, { cause: err });
    }
    throw err;
  }
  return opts.largestComponent === false ? graph : keepLargestComponent(graph).graph;
}

/** The OSM part of a graph's import report, if the graph came from OSM. */
export function osmReportOf(graph: RoadGraph): OsmImportReport | undefined {
  return graph.meta.report['osm'] as OsmImportReport | undefined;
}
