import { InputError } from './errors.js';

/**
 * Bounds on every input, so that a hostile or mistaken file ends in one clear line instead of a heap
 * abort, a hang or megabytes of stderr. Each limit has a default sized well above any real input and an
 * environment variable that overrides it (docs/limits.md lists them). Read on every call, so that tests
 * and long-lived processes see a change of the environment.
 */
export interface Limits {
  /** Bytes of a scenario, landmark, avoid-polygon or OD CSV file. */
  textFileBytes: number;
  /** Bytes of a road data file (.geojson, .osm, .osm.pbf, .osm.gz, Overpass .json) as stored on disk. */
  roadFileBytes: number;
  /** Bytes a compressed road file (.osm.gz) may expand to. */
  decompressedBytes: number;
  /** Problems listed for one file; the rest are counted in one closing line. */
  problems: number;
  /** Nesting depth of YAML/JSON mappings and lists. */
  nestingDepth: number;
  /** Entries of any one list or mapping of a scenario (movements, places, threats …) and rows of a batch CSV. */
  items: number;
  /** Seconds after which a temporary file of an unfinished write is removed even if its process lives. */
  staleTempSeconds: number;
}

const MIB = 1024 * 1024;

export const LIMIT_DEFAULTS: Readonly<Limits> = {
  textFileBytes: 32 * MIB,
  roadFileBytes: 1024 * MIB,
  decompressedBytes: 1024 * MIB,
  problems: 200,
  nestingDepth: 64,
  items: 100_000,
  staleTempSeconds: 3600,
};

/** Environment variable of each limit. */
export const LIMIT_ENV: Readonly<Record<keyof Limits, string>> = {
  textFileBytes: 'MOTORCADE_MAX_TEXT_BYTES',
  roadFileBytes: 'MOTORCADE_MAX_ROAD_BYTES',
  decompressedBytes: 'MOTORCADE_MAX_DECOMPRESSED_BYTES',
  problems: 'MOTORCADE_MAX_PROBLEMS',
  nestingDepth: 'MOTORCADE_MAX_DEPTH',
  items: 'MOTORCADE_MAX_ITEMS',
  staleTempSeconds: 'MOTORCADE_STALE_TEMP_SECONDS',
};

/** The current limits: defaults, overridden by the environment. A malformed override is an InputError. */
export function limits(): Limits {
  const out = { ...LIMIT_DEFAULTS };
  for (const key of Object.keys(LIMIT_ENV) as (keyof Limits)[]) {
    const name = LIMIT_ENV[key];
    const raw = process.env[name];
    if (raw === undefined || raw === '') continue;
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
      throw new InputError(`${name}=${JSON.stringify(raw.slice(0, 40))} must be a whole number of at least 1`);
    }
    out[key] = Number(raw);
  }
  return out;
}

/** "12.3 MB" for messages. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < MIB) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / MIB).toFixed(1)} MiB`;
}
