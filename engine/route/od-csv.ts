import { InputError } from '../errors.js';

/** One origin–destination row of a batch file, with its 1-based line number. */
export interface OdRow {
  line: number;
  fromLon: number;
  fromLat: number;
  toLon: number;
  toLat: number;
}

/** A row that could not be read, with the reason (reported to the user with the line number). */
export interface OdProblem {
  line: number;
  message: string;
}

const COLUMNS = ['from_lon', 'from_lat', 'to_lon', 'to_lat'] as const;

/**
 * Parse a batch CSV with columns from_lon,from_lat,to_lon,to_lat (a header naming them is required; other
 * columns are ignored, blank lines and lines starting with # are skipped). Good rows and bad rows are both
 * returned so the caller can route the good ones and report every bad one with its line number.
 */
export function parseOdCsv(text: string, file: string): { rows: OdRow[]; problems: OdProblem[] } {
  const lines = text.split(/\r?\n/);
  let headerAt = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l === '' || l.startsWith('#')) continue;
    headerAt = i;
    break;
  }
  if (headerAt < 0) throw new InputError(`${file}: empty file (expected a header from_lon,from_lat,to_lon,to_lat)`);
  const header = lines[headerAt]!.split(',').map((h) => h.trim().toLowerCase());
  const index = COLUMNS.map((c) => header.indexOf(c));
  const missing = COLUMNS.filter((_, k) => index[k]! < 0);
  if (missing.length > 0) throw new InputError(`${file}:${headerAt + 1}: header lacks column(s) ${missing.join(', ')} (expected from_lon,from_lat,to_lon,to_lat)`);
  const rows: OdRow[] = [];
  const problems: OdProblem[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const cells = raw.split(',').map((c) => c.trim());
    const values: number[] = [];
    let problem: string | undefined;
    COLUMNS.forEach((c, k) => {
      if (problem) return;
      const cell = cells[index[k]!];
      const v = cell === undefined || cell === '' ? NaN : Number(cell);
      const limit = c.endsWith('lon') ? 180 : 90;
      if (!Number.isFinite(v)) problem = `${c} ${cell === undefined ? 'is missing' : cell === '' ? 'is empty' : `'${cell}' is not a number`}`;
      else if (Math.abs(v) > limit) problem = `${c} ${v} is out of range (±${limit})`;
      values.push(v);
    });
    if (problem) problems.push({ line: i + 1, message: problem });
    else rows.push({ line: i + 1, fromLon: values[0]!, fromLat: values[1]!, toLon: values[2]!, toLat: values[3]! });
  }
  return { rows, problems };
}
