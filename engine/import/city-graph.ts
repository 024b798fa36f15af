import fs from 'node:fs';
import path from 'node:path';
import { DataFileError, InputError } from '../errors.js';
import { readInputBytes } from '../input-file.js';
import { CoordKind } from '../graph/format.js';
import { GraphBuilder } from '../graph/graph-builder.js';
import { roadClassCode } from '../graph/road-class.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { keepLargestComponent } from '../graph/subgraph.js';
import { cityGraphsDir } from '../paths.js';
import { IdTable } from './id-table.js';

export const CITY_GRAPHS = ['amsterdam', 'seattle', 'delhi', 'rome', 'moscow'] as const;
export type CityGraphName = (typeof CITY_GRAPHS)[number];

/**
 * Free-flow speed on scale graphs. Their coordinates are projected units, not metres, so "lengthM" holds
 * planar units; 36 km/h = 10 units per second makes timeS = lengthM / 10 (a uniform weight, as in the
 * ngraph.path demo, where the weight is the Euclidean length).
 */
export const CITY_GRAPH_SPEED_KMH = 36;

export interface CityGraphOptions {
  /** Keep only the largest strongly connected component (default false: the graph as published). */
  largestComponent?: boolean;
}

/** What loading dropped, stored in meta.report. */
export interface CityGraphReport {
  nodes: number;
  undirectedEdgesRead: number;
  selfLoopsDropped: number;
  duplicatesDropped: number;
  undirectedEdgesKept: number;
}

function readInt32Pairs(file: string, what: string): Int32Array {
  const bytes = readInputBytes(file, what, 'road', true);
  if (bytes.length % 8 !== 0) throw new DataFileError(file, `${what} file is ${bytes.length} bytes, not a whole number of Int32 pairs (8 bytes each): truncated or not this format`);
  // Copy into an aligned buffer: a Buffer from the pool may start at an offset not divisible by 4.
  const out = new Int32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) throw new Error('big-endian hosts are not supported');
  return out;
}

/**
 * One of the ngraph.path demo city graphs (../shared/data/city-graphs, README there): Int32 LE x, y per
 * node in NAME-roads.co.bin; Int32 LE 1-based from, to per undirected road in NAME-roads.gr.bin. Every road
 * becomes a two-way segment of Euclidean length, class `unknown`. Self-loops and repeated roads (either
 * orientation) are dropped and counted. For scale graphs "metres" are the planar units of the file.
 */
export function loadCityGraph(name: CityGraphName, dir: string = cityGraphsDir(), opts: CityGraphOptions = {}): RoadGraph {
  if (!(CITY_GRAPHS as readonly string[]).includes(name)) {
    throw new InputError(`unknown city graph "${name}" (choose one of ${CITY_GRAPHS.join(', ')})`);
  }
  const coFile = path.join(dir, `${name}-roads.co.bin`);
  const grFile = path.join(dir, `${name}-roads.gr.bin`);
  const co = readInt32Pairs(coFile, 'node coordinate');
  const gr = readInt32Pairs(grFile, 'edge');
  const n = co.length / 2;
  if (n === 0) throw new DataFileError(coFile, 'no nodes');

  const builder = new GraphBuilder(CoordKind.PLANAR);
  for (let v = 0; v < n; v++) builder.addNode(co[2 * v]!, co[2 * v + 1]!);
  const unknown = roadClassCode('unknown')!;
  // Duplicate detection on the unordered pair (lo, hi); n < 2^26 so lo * n + hi is an exact double.
  const seen = new IdTable(gr.length / 2);
  let selfLoops = 0;
  let duplicates = 0;
  const pairs = gr.length / 2;
  for (let i = 0; i < pairs; i++) {
    const a = gr[2 * i]! - 1;
    const b = gr[2 * i + 1]! - 1;
    if (a < 0 || b < 0 || a >= n || b >= n) {
      throw new DataFileError(grFile, `edge ${i} (byte ${8 * i}) refers to node ${a + 1}→${b + 1}, but the graph has nodes 1..${n}`);
    }
    if (a === b) {
      selfLoops++;
      continue;
    }
    const key = Math.min(a, b) * n + Math.max(a, b);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.set(key, 1);
    const dx = co[2 * b]! - co[2 * a]!;
    const dy = co[2 * b + 1]! - co[2 * a + 1]!;
    const lengthM = Math.sqrt(dx * dx + dy * dy); // not Math.hypot: several times slower in V8
    builder.addSegment({ from: a, to: b, lengthM, speedKmh: CITY_GRAPH_SPEED_KMH, roadClass: unknown });
  }
  const report: CityGraphReport = {
    nodes: n,
    undirectedEdgesRead: pairs,
    selfLoopsDropped: selfLoops,
    duplicatesDropped: duplicates,
    undirectedEdgesKept: seen.size,
  };
  const stat = fs.statSync(grFile);
  const graph = builder.build({
    source: { kind: 'city-graph', city: name, files: [coFile, grFile], grBytes: stat.size, grMtimeMs: stat.mtimeMs, units: 'planar', speedKmh: CITY_GRAPH_SPEED_KMH },
    report: { ...report },
    builtAt: new Date().toISOString(),
  });
  return opts.largestComponent ? keepLargestComponent(graph).graph : graph;
}
