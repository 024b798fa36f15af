/**
 * Terminal tables aligned in columns (two spaces apart) and narrowed to a width when one is given
 * (terminal-width.ts). Columns are named by their header, so a command adds a column by adding a header
 * and a cell; unless its layout says otherwise, a new column is right-aligned and, when space runs out,
 * dropped after the ones listed in `dropFirst`, from the right.
 *
 * Narrowing, in order, until the table fits:
 * 1. headers get their short form (`short`);
 * 2. overflow 'drop': the least important columns go (`dropFirst`, then the rightmost), never the key
 *    columns nor those in `keep`, and a note under the table names what was left out;
 *    overflow 'wrap': the columns are split into blocks printed one under the other, each block led by
 *    the key columns (for tables whose columns are all equally needed, such as options side by side).
 * When even that is too wide (key columns plus one), the narrowest such table is printed and the terminal
 * wraps its lines.
 */

export interface TableLayout {
  /** Leading columns that identify a row: never dropped, repeated in every block of a wrapped table. */
  keyColumns: number;
  /** Headers (in row 0) of left-aligned (text) columns; the others are right-aligned. */
  leftAligned: readonly string[];
  overflow: 'drop' | 'wrap';
  /** Headers of further columns that are never dropped (e.g. the one that says "no route"). */
  keep?: readonly string[];
  /** Headers of the columns to drop first, most expendable first. */
  dropFirst?: readonly string[];
  /** Shorter headers (row 0), by header, used when the table is too wide. */
  short?: Readonly<Record<string, string>>;
}

/** Width in terminal cells: one per code point (the tables hold no wide or combining characters). */
function cells(s: string): number {
  return [...s].length;
}

const GAP = 2;

function columnWidths(rows: readonly (readonly string[])[], columns: readonly number[]): number[] {
  return columns.map((c) => Math.max(0, ...rows.map((r) => cells(r[c] ?? ''))));
}

function totalWidth(widths: readonly number[]): number {
  return widths.reduce((a, w) => a + w, 0) + GAP * Math.max(0, widths.length - 1);
}

function render(rows: readonly (readonly string[])[], columns: readonly number[], left: ReadonlySet<number>): string {
  const widths = columnWidths(rows, columns);
  return rows
    .map((r) =>
      columns
        .map((c, i) => {
          const cell = r[c] ?? '';
          const pad = ' '.repeat(widths[i]! - cells(cell));
          return left.has(c) ? cell + pad : pad + cell;
        })
        .join(' '.repeat(GAP))
        .trimEnd(),
    )
    .join('\n');
}

/** The table as aligned text, narrowed to `width` when given (see the file comment). */
export function formatTable(table: readonly (readonly string[])[], layout: TableLayout, width?: number): string {
  const head = table[0] ?? [];
  const n = Math.max(0, ...table.map((r) => r.length));
  const all = Array.from({ length: n }, (_, i) => i);
  const left = new Set(all.filter((i) => layout.leftAligned.includes(head[i] ?? '')));
  if (width === undefined || totalWidth(columnWidths(table, all)) <= width) return render(table, all, left);

  const shorter = (h: string): string => {
    const s = layout.short?.[h];
    return s !== undefined && cells(s) < cells(h) ? s : h;
  };
  const rows = table.map((r, ri) => (ri === 0 ? r.map(shorter) : r));
  if (totalWidth(columnWidths(rows, all)) <= width) return render(rows, all, left);

  const keys = all.slice(0, Math.min(layout.keyColumns, n));
  const rest = all.slice(keys.length);
  if (layout.overflow === 'wrap') return wrapped(rows, keys, rest, left, width);

  const order = [...(layout.dropFirst ?? []).map((h) => rest.find((c) => head[c] === h)).filter((c): c is number => c !== undefined)];
  for (let i = rest.length - 1; i >= 0; i--) if (!order.includes(rest[i]!)) order.push(rest[i]!);
  const droppable = order.filter((c) => !(layout.keep ?? []).includes(head[c] ?? ''));
  const shown = new Set(all);
  const dropped: number[] = [];
  for (const c of droppable) {
    if (totalWidth(columnWidths(rows, all.filter((i) => shown.has(i)))) <= width) break;
    shown.delete(c);
    dropped.push(c);
  }
  const kept = all.filter((i) => shown.has(i));
  if (dropped.length === 0) return render(rows, kept, left);
  const hidden = dropped.sort((a, b) => a - b).map((c) => head[c]!.trim() || `column ${c + 1}`);
  return `${render(rows, kept, left)}\n(${hidden.length} column${hidden.length === 1 ? '' : 's'} left out to fit ${width} characters: ${hidden.join(', ')})`;
}

/** Blocks of consecutive columns, each led by the key columns and as wide as fits (at least one column). */
function wrapped(rows: readonly (readonly string[])[], keys: number[], rest: number[], left: ReadonlySet<number>, width: number): string {
  const blocks: number[][] = [];
  let block: number[] = [];
  for (const c of rest) {
    if (block.length > 0 && totalWidth(columnWidths(rows, [...keys, ...block, c])) > width) {
      blocks.push(block);
      block = [];
    }
    block.push(c);
  }
  if (block.length > 0 || blocks.length === 0) blocks.push(block);
  return blocks.map((b) => render(rows, [...keys, ...b], left)).join('\n\n');
}
