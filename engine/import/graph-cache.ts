import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../atomic-write.js';
import { GraphFormatError } from '../errors.js';
import { FORMAT_VERSION } from '../graph/format.js';
import { checkGraphChecksum, checkGraphContent, sealGraphBuffer } from '../graph/integrity.js';
import { RoadGraph } from '../graph/road-graph.js';
import { PACKAGE_ROOT } from '../paths.js';

/**
 * The `.mcg` graph cache: the graph buffer's bytes as a file. Loading is one read into an 8-byte-aligned
 * ArrayBuffer and RoadGraph.from (views only). A cache is used only when its meta.source equals the
 * fingerprint of the current inputs (paths, sizes, mtimes, import parameters, format and importer
 * versions); otherwise it is refused with a reason and rebuilt.
 */

/** Bump when import or repair logic changes what a graph built from the same files looks like. */
export const IMPORTER_VERSION = 1;

/**
 * A hash of the importer's own code (load-graph, graph-cache, geojson/, osm/, the builder), so that a cache
 * built by older code is rebuilt after an update even if nobody bumped IMPORTER_VERSION. The TypeScript
 * sources are hashed when the checkout has them (so the compiled CLI and the tests, which run the sources,
 * agree on the stamp and share one cache); an installed package without sources hashes its JavaScript.
 * Computed once, ~1 ms.
 */
let codeStampMemo: string | undefined;
export function importerCodeStamp(): string {
  if (codeStampMemo !== undefined) return codeStampMemo;
  const sourceImport = path.join(PACKAGE_ROOT, 'engine', 'import');
  const useSources = fs.existsSync(path.join(sourceImport, 'graph-cache.ts'));
  const here = useSources ? sourceImport : path.dirname(fileURLToPath(import.meta.url));
  const ext = useSources ? '.ts' : '.js';
  const hash = createHash('sha1');
  const graphDir = path.join(here, '..', 'graph');
  const files = [
    ...['graph-cache', 'load-graph'].map((f) => path.join(here, f)),
    ...['geojson', 'osm'].flatMap((sub) => (fs.existsSync(path.join(here, sub)) ? fs.readdirSync(path.join(here, sub)).sort().map((f) => path.join(here, sub, f.replace(/\.(js|ts)$/, ''))) : [])),
    ...['format', 'graph-builder', 'road-class', 'strongly-connected', 'subgraph', 'replace-meta'].map((f) => path.join(graphDir, f)),
  ];
  for (const base of new Set(files)) {
    const file = base + ext;
    if (fs.existsSync(file)) hash.update(path.basename(file)).update(fs.readFileSync(file));
  }
  codeStampMemo = hash.digest('hex').slice(0, 16);
  return codeStampMemo;
}

export interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface SourceFingerprint {
  kind: string;
  files: FileStamp[];
  params: Record<string, unknown>;
  formatVersion: number;
  importerVersion: number;
  code: string;
}

/** Size and mtime of an input file (throws ENOENT for a missing file, which the CLI reports in one line). */
export function fileStamp(file: string): FileStamp {
  const st = fs.statSync(file);
  return { path: path.resolve(file), size: st.size, mtimeMs: Math.round(st.mtimeMs) };
}

export function fingerprint(kind: string, files: readonly string[], params: Record<string, unknown>): SourceFingerprint {
  return { kind, files: files.map(fileStamp), params, formatVersion: FORMAT_VERSION, importerVersion: IMPORTER_VERSION, code: importerCodeStamp() };
}

/** JSON with sorted keys, so that two fingerprints compare equal whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export type CacheRead = { graph: RoadGraph; loadMs: number } | { refused: string };

/** Read the whole file into a fresh ArrayBuffer (offset 0, so every Float64 section view is aligned). */
function readAligned(file: string): ArrayBuffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buffer = new ArrayBuffer(size);
    const bytes = new Uint8Array(buffer);
    let at = 0;
    while (at < size) {
      const n = fs.readSync(fd, bytes, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    if (at !== size) throw new GraphFormatError(`${file}: short read (${at} of ${size} bytes)`);
    return buffer;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A graph from .mcg bytes, refused (GraphFormatError) unless the layout, the checksum and the content all
 * check out (graph/integrity.ts). `verify: false` skips the checksum and content passes (the peer of the
 * cache-load benchmark; never for files read by commands).
 */
export function graphFromFileBytes(buffer: ArrayBuffer, opts: { verify?: boolean } = {}): RoadGraph {
  const graph = RoadGraph.from(buffer);
  if (opts.verify === false) return graph;
  checkGraphChecksum(buffer);
  checkGraphContent(graph);
  void graph.meta; // parse now: a corrupt meta is a corrupt file
  return graph;
}

/** Read and verify a graph file (.mcg) without any fingerprint check: for tools and benchmarks. */
export function readGraphFile(file: string, opts: { verify?: boolean } = {}): RoadGraph {
  return graphFromFileBytes(readAligned(file), opts);
}

/**
 * Load a cached graph if the file exists, passes the integrity checks and was built from exactly
 * `expected`. Returns the reason it was refused otherwise (missing; foreign, damaged or altered bytes;
 * other format version; stale inputs).
 */
export function readGraphCache(file: string, expected: SourceFingerprint): CacheRead {
  if (!fs.existsSync(file)) return { refused: 'no cache yet' };
  const started = performance.now();
  let graph: RoadGraph;
  try {
    graph = graphFromFileBytes(readAligned(file));
  } catch (err) {
    return { refused: `cache ${file} is not usable (${(err as Error).message})` };
  }
  const loadMs = performance.now() - started;
  const found = graph.meta.source;
  if (canonicalJson(found) !== canonicalJson(expected)) return { refused: `cache ${file} is stale (${staleReason(found, expected)})` };
  return { graph, loadMs };
}

function staleReason(found: Record<string, unknown>, expected: SourceFingerprint): string {
  const f = found as Partial<SourceFingerprint>;
  if (f.kind !== expected.kind) return `built from ${String(f.kind)}, wanted ${expected.kind}`;
  if (f.formatVersion !== expected.formatVersion || f.importerVersion !== expected.importerVersion || f.code !== expected.code) return 'built by another version of the importer';
  if (canonicalJson(f.params) !== canonicalJson(expected.params)) return 'import parameters changed';
  for (const want of expected.files) {
    const had = f.files?.find((x) => x.path === want.path);
    if (!had) return `input ${want.path} was not part of it`;
    if (had.size !== want.size || had.mtimeMs !== want.mtimeMs) return `input ${want.path} changed`;
  }
  return 'inputs differ';
}

/**
 * Write the graph's bytes atomically (temp file + rename): a crash never leaves a half-written cache. The
 * copy is sealed again, so the file's checksum covers exactly the bytes written.
 */
export function writeGraphCache(file: string, graph: RoadGraph): void {
  const bytes = new Uint8Array(graph.buffer.byteLength);
  bytes.set(new Uint8Array(graph.buffer));
  sealGraphBuffer(bytes.buffer);
  writeFileAtomic(file, bytes);
}
