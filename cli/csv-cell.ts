/**
 * One CSV cell as every CSV motorcade writes encodes it (RFC 4180 quoting), safe to open in a
 * spreadsheet: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as
 * a formula (CSV injection, OWASP), so such text gets a leading `'`, which spreadsheets show as text.
 * Numbers are written as numbers, negative ones included: only strings are neutralised.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  let s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV line of cells, without the line end. */
export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}

/** Rows as a CSV document, one line per row, ending with a newline. */
export function csvDocument(rows: readonly (readonly unknown[])[]): string {
  return rows.map(csvLine).join('\n') + '\n';
}
