import path from 'node:path';
import { DataFileError, InputError } from '../errors.js';
import { phnomPenhDataDir } from '../paths.js';
import { readJsonFile } from '../read-json-file.js';

/** A named place from landmarks.json. Coordinates are WGS84 degrees. */
export interface Landmark {
  id: string;
  name: string;
  kind: string;
  lon: number;
  lat: number;
  /** osm | wiki | derived | approx (approx may be off by ~0.5 km; see the data README). */
  confidence: string;
  source: string;
}

/** Read the gazetteer of the Phnom Penh data folder, validating every entry. */
export function loadGazetteer(dataDir: string = phnomPenhDataDir()): Landmark[] {
  const file = path.join(dataDir, 'landmarks.json');
  const doc = readJsonFile(file, 'gazetteer');
  const list = (doc as { landmarks?: unknown }).landmarks;
  if (!Array.isArray(list)) throw new DataFileError(file, 'expected an object with a "landmarks" array');
  return list.map((raw, i) => {
    const l = raw as Partial<Landmark>;
    if (typeof l.id !== 'string' || typeof l.lon !== 'number' || typeof l.lat !== 'number' || Math.abs(l.lon) > 180 || Math.abs(l.lat) > 90) {
      throw new DataFileError(file, `landmarks[${i}] needs a string id and lon/lat in range (got id ${JSON.stringify(l.id)}, lon ${l.lon}, lat ${l.lat})`);
    }
    return { id: l.id, name: l.name ?? l.id, kind: l.kind ?? 'place', lon: l.lon, lat: l.lat, confidence: l.confidence ?? 'unknown', source: l.source ?? '' };
  });
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate to a misspelt name, when it is close enough to be a plausible typo. */
export function suggest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/**
 * Resolve PLACE|LON,LAT as the CLI accepts it: a landmark id, a landmark name (case-insensitive
 * substring when unique), or "lon,lat".
 */
export function resolvePlace(spec: string, landmarks: readonly Landmark[], flag = 'place'): { lon: number; lat: number; label: string } {
  const coord = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(spec);
  if (coord) {
    const lon = Number(coord[1]);
    const lat = Number(coord[2]);
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) throw new InputError(`${flag} ${spec}: coordinates out of range (expected LON,LAT in degrees)`);
    return { lon, lat, label: `${lon},${lat}` };
  }
  const byId = landmarks.find((l) => l.id === spec);
  if (byId) return { lon: byId.lon, lat: byId.lat, label: byId.id };
  const matches = landmarks.filter((l) => l.name.toLowerCase().includes(spec.toLowerCase()));
  if (matches.length === 1) return { lon: matches[0]!.lon, lat: matches[0]!.lat, label: matches[0]!.id };
  const hint = suggest(spec, landmarks.map((l) => l.id));
  if (matches.length > 1) throw new InputError(`${flag} '${spec}' matches several places: ${matches.map((m) => m.id).join(', ')}`);
  throw new InputError(`${flag} '${spec}' is not a known place or LON,LAT${hint ? ` (did you mean '${hint}'?)` : ''}`);
}
