import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { checkRegularFile } from '../input-file.js';
import { replaceMeta } from '../graph/replace-meta.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { cacheDir, phnomPenhDataDir } from '../paths.js';
import { fingerprint, readGraphCache, writeGraphCache, type SourceFingerprint } from './graph-cache.js';
import { phnomPenhInputs, type GeoJsonImportInput } from './geojson/inputs.js';
import type { SpeedRule } from './geojson/assemble.js';
import { DEFAULT_REPAIR_PARAMS, type RepairParams } from './geojson/repair-report.js';
import { PHNOM_PENH_SPEED_RULE, phnomPenhSpeedKmh } from './phnom-penh-speeds.js';

export interface LoadGraphOptions {
  /** The bundled city (default when no source is given). */
  city?: 'phnom-penh';
  /** A road file of the user's: .geojson (road lines), .osm, .osm.pbf, or .json (Overpass). */
  source?: string;
  /** The Phnom Penh data folder (default phnomPenhDataDir(): $MOTORCADE_DATA or ../shared/data/phnom-penh). */
  dataDir?: string;
  /** Ignore an existing cache: build and overwrite it. */
  rebuild?: boolean;
  /** Neither read nor write the cache. */
  noCache?: boolean;
  /** Overrides of the GeoJSON repair parameters (part of the cache fingerprint). */
  repair?: Partial<RepairParams>;
  /**
   * Where `source` was named, for messages: a scenario's `file:line:col graph` (default `--source FILE`).
   * Errors reading or importing the source are prefixed with it.
   */
  sourceLabel?: string;
}

function sourceLabel(opts: LoadGraphOptions): string {
  return opts.sourceLabel ?? `--source ${opts.source ?? ''}`;
}

export interface LoadedGraph {
  graph: RoadGraph;
  fromCache: boolean;
  /** Import + repair time, ms (0 when loaded from the cache). */
  buildMs: number;
  /** Cache read + RoadGraph.from time, ms (0 when built). */
  loadMs: number;
  /** The .mcg file used or written (undefined with noCache). */
  cacheFile?: string;
  /** Why an existing cache was not used ('no cache yet', stale, foreign …), when it was rebuilt. */
  cacheRefused?: string;
  /** The graph was built but the cache could not be written (read-only folder, disk full): the reason. */
  cacheWriteError?: string;
}

type SourceKind = 'phnom-penh' | 'geojson' | 'osm';

/**
 * The importer for a file: by extension; a .json is GeoJSON when it starts like a FeatureCollection.
 * The file must be a regular file (a FIFO or /dev/zero is refused before a byte is read).
 */
function kindOf(source: string, label: string): SourceKind {
  const lower = source.toLowerCase();
  if (!['.geojson', '.osm', '.osm.gz', '.osm.bz2', '.pbf', '.json', '.xml'].some((ext) => lower.endsWith(ext))) {
    throw new InputError(`${label}: unknown file type (expected .geojson, .osm, .osm.gz, .osm.pbf or .json from Overpass)`);
  }
  const head = checkRegularFile(source, lower.endsWith('.json') ? 4096 : 0);
  if (lower.endsWith('.geojson')) return 'geojson';
  if (lower.endsWith('.json') && /"type"\s*:\s*"FeatureCollection"/.test(head.toString('utf8'))) return 'geojson';
  return 'osm';
}

/** The GeoJSON importer with repair, loaded on a cache miss only: a cached load never opens its modules. */
async function importGeoJson(inputs: GeoJsonImportInput, repair: RepairParams, source: SourceFingerprint, speed?: SpeedRule): Promise<RoadGraph> {
  const { importRoadGeoJson } = await import('./geojson/index.js');
  return importRoadGeoJson(inputs, repair, { ...source }, speed);
}

/** The OSM importer (engine/import/osm), loaded lazily so that GeoJSON users never pay for it. */
async function importOsmFile(file: string): Promise<RoadGraph> {
  const { importOsm } = await import('./osm/index.js');
  return importOsm(file);
}

interface Plan {
  kind: SourceKind;
  files: string[];
  params: Record<string, unknown>;
  cacheName: string;
  build: (source: SourceFingerprint) => Promise<RoadGraph>;
}

function planFor(opts: LoadGraphOptions): Plan {
  const repair: RepairParams = { ...DEFAULT_REPAIR_PARAMS, ...(opts.repair ?? {}) };
  if (opts.source === undefined) {
    if (opts.city !== undefined && opts.city !== 'phnom-penh') throw new InputError(`--city ${String(opts.city)}: unknown city (available: phnom-penh)`);
    const dir = phnomPenhDataDir(opts.dataDir);
    if (!fs.existsSync(dir)) throw new InputError(`Phnom Penh data folder not found: ${dir} (set --data DIR or MOTORCADE_DATA)`);
    const inputs = phnomPenhInputs(dir);
    for (const f of Object.values(inputs)) if (!fs.existsSync(f)) throw new InputError(`${f}: file not found (the Phnom Penh data folder is ${dir})`);
    return {
      kind: 'phnom-penh',
      files: [inputs.core, inputs.metro, inputs.water],
      params: { ...repair, speeds: PHNOM_PENH_SPEED_RULE },
      cacheName: 'phnom-penh.mcg',
      // Speeds from the legal limits inside / outside the built-up area (phnom-penh-speeds.ts).
      build: async (source) => importGeoJson(inputs, repair, source, phnomPenhSpeedKmh),
    };
  }
  const file = path.resolve(opts.source);
  const kind = kindOf(file, sourceLabel(opts));
  const hash = createHash('sha1').update(file).digest('hex').slice(0, 10);
  const base = path.basename(file).replace(/[^A-Za-z0-9._-]/g, '_');
  if (kind === 'geojson') {
    return { kind, files: [file], params: { ...repair }, cacheName: `${base}-${hash}.mcg`, build: async (source) => importGeoJson({ core: file }, repair, source) };
  }
  return {
    kind,
    files: [file],
    params: {},
    cacheName: `${base}-${hash}.mcg`,
    build: async (source) => {
      const g = await importOsmFile(file);
      return replaceMeta(g, { ...g.meta, source: { ...source } });
    },
  };
}

/**
 * The road graph every command works on. Default: Phnom Penh from the bundled data, loaded from the .mcg
 * cache when it was built from the same inputs and parameters, otherwise imported, repaired and cached.
 * A stale or foreign cache is refused (the reason is in `cacheRefused`) and rebuilt; the cache is written
 * atomically, so a failed build never leaves a half-written file.
 */
export async function loadGraph(opts: LoadGraphOptions = {}): Promise<LoadedGraph> {
  if (opts.sourceLabel === undefined || opts.source === undefined) return loadPlanned(opts);
  try {
    return await loadPlanned(opts);
  } catch (err) {
    if (err instanceof InputError && !err.message.startsWith(opts.sourceLabel)) throw new InputError(`${opts.sourceLabel}: ${err.message}`, { cause: err });
    throw err;
  }
}

async function loadPlanned(opts: LoadGraphOptions): Promise<LoadedGraph> {
  const plan = planFor(opts);
  const source = fingerprint(plan.kind, plan.files, plan.params);
  const cacheFile = path.join(cacheDir(), plan.cacheName);
  let cacheRefused: string | undefined;
  if (!opts.noCache && !opts.rebuild) {
    const read = readGraphCache(cacheFile, source);
    if ('graph' in read) return { graph: read.graph, fromCache: true, buildMs: 0, loadMs: read.loadMs, cacheFile };
    cacheRefused = read.refused;
  } else if (opts.rebuild) cacheRefused = 'rebuild requested';
  const started = performance.now();
  const graph = await plan.build(source);
  const buildMs = performance.now() - started;
  let cacheWriteError: string | undefined;
  if (!opts.noCache) {
    // A cache that cannot be written costs the next run a rebuild, not this run its graph.
    try {
      writeGraphCache(cacheFile, graph);
    } catch (err) {
      cacheWriteError = `cannot write the cache ${cacheFile}: ${(err as Error).message}`;
    }
  }
  return {
    graph,
    fromCache: false,
    buildMs,
    loadMs: 0,
    ...(opts.noCache || cacheWriteError !== undefined ? {} : { cacheFile }),
    ...(cacheRefused !== undefined ? { cacheRefused } : {}),
    ...(cacheWriteError !== undefined ? { cacheWriteError } : {}),
  };
}
