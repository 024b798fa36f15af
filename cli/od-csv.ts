import { parse, type CsvError } from 'csv-parse/sync';
import { InputError } from '../engine/errors.js';
import { readInputText } from '../engine/input-file.js';
import { limits, LIMIT_ENV } from '../engine/limits.js';
import { quoteInput } from '../engine/quote.js';

/** One origin–destination row of a batch file, with its 1-based line number and its other columns. */
export interface OdRow {
  line: number;
  fromLon: number;
  fromLat: number;
  toLon: number;
  toLat: number;
  /** Values of the columns other than the four coordinates, in the order of `OdTable.extraColumns`. */
  extra: string[];
}

/** A row that could not be read, with the reason (reported to the user with the line number). */
export interface OdProblem {
  line: number;
  message: string;
  extra: string[];
}

export interface OdTable {
  rows: OdRow[];
  problems: OdProblem[];
  /** Header names of the columns other than the four coordinates, echoed to the output. */
  extraColumns: string[];
}

const COLUMNS = ['from_lon', 'from_lat', 'to_lon', 'to_lat'] as const;

/** A plain decimal number (no hex, binary, octal, Infinity or empty string, which Number() accepts). */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** One cell of a CSV record is at most this long: a 50 MB "field" is a broken file, not a coordinate. */
const MAX_RECORD_CHARS = 64 * 1024;

/**
 * Parse a batch CSV (RFC 4180 through csv-parse: quoted fields, a UTF-8 byte-order mark, CRLF) with columns
 * from_lon,from_lat,to_lon,to_lat named in a header (any order, any case; other columns are carried
 * through to the output; blank lines and lines starting with # are skipped). Good rows and bad rows are
 * both returned so the caller can route the good ones and report every bad one with its line number.
 */
export function parseOdCsv(text: string, file: string): OdTable {
  const records: { record: string[]; line: number }[] = [];
  const problems: OdProblem[] = [];
  const parsed = parse(text, {
    bom: true,
    comment: '#',
    comment_no_infix: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
    info: true,
    max_record_size: MAX_RECORD_CHARS,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (err) problems.push({ line: Number(err.lines) || 0, message: csvErrorMessage(err), extra: [] });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  for (const r of parsed) records.push({ record: r.record, line: r.info.lines });
  const header = records.shift();
  if (!header) throw new InputError(`${file}: empty file (expected a header from_lon,from_lat,to_lon,to_lat)`);
  const names = header.record.map((h) => h.toLowerCase());
  const index = COLUMNS.map((c) => names.indexOf(c));
  const missing = COLUMNS.filter((_, k) => index[k]! < 0);
  if (missing.length > 0) throw new InputError(`${file}:${header.line}: header lacks column(s) ${missing.join(', ')} (expected from_lon,from_lat,to_lon,to_lat)`);
  const extraIndex = header.record.map((_, i) => i).filter((i) => !index.includes(i));
  const maxRows = limits().items;
  if (records.length > maxRows) throw new InputError(`${file}: ${records.length} rows, over the limit of ${maxRows} (set ${LIMIT_ENV.items} to raise it)`);
  const rows: OdRow[] = [];
  for (const { record, line } of records) {
    const extra = extraIndex.map((i) => record[i] ?? '');
    const values: number[] = [];
    let problem: string | undefined;
    for (let k = 0; k < COLUMNS.length && !problem; k++) {
      const c = COLUMNS[k]!;
      const cell = record[index[k]!];
      const limit = c.endsWith('lon') ? 180 : 90;
      if (cell === undefined) problem = `${c} is missing`;
      else if (cell === '') problem = `${c} is empty`;
      else if (!DECIMAL.test(cell)) problem = `${c} ${quoteInput(cell)} is not a decimal number`;
      else if (Math.abs(Number(cell)) > limit) problem = `${c} ${Number(cell)} is out of range (±${limit})`;
      values.push(Number(cell));
    }
    if (problem) problems.push({ line, message: problem, extra });
    else rows.push({ line, fromLon: values[0]!, fromLat: values[1]!, toLon: values[2]!, toLat: values[3]!, extra });
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems, extraColumns: extraIndex.map((i) => header.record[i]!) };
}

/** The batch file (`-` = standard input), bounded and UTF-8 checked, parsed. */
export function readOdCsv(file: string): OdTable {
  return parseOdCsv(readInputText(file, 'batch CSV'), file === '-' ? '(stdin)' : file);
}

function csvErrorMessage(err: CsvError): string {
  switch (err.code) {
    case 'CSV_MAX_RECORD_SIZE':
      return `a record longer than ${MAX_RECORD_CHARS} characters (an unclosed quote, or not a CSV file)`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is not closed before the end of the file';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a character follows the closing quote of a field (expected a comma or the end of the line)';
    default:
      return `not valid CSV (${err.code})`;
  }
}
