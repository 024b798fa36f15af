import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTable, type TableLayout } from '../../cli/fit-table.js';
import { tableWidth } from '../../cli/terminal-width.js';

const cells = (s: string): number => [...s].length;
const widest = (text: string): number => Math.max(...text.split('\n').map(cells));

const RUN_LIKE: TableLayout = {
  keyColumns: 2,
  leftAligned: ['option', 'label'],
  overflow: 'drop',
  keep: ['time'],
  dropFirst: ['threat'],
  short: { 'exposure mean': 'exp' },
};
const TABLE = [
  ['option', 'label', 'km', 'time', 'exposure mean', 'threat', 'in target'],
  ['★ primary', 'primary', '4.9', '7.6', '90', '21', '100%'],
  ['  safer', 'alternate', '5.1', 'no route: closed', '', '', ''],
];

describe('formatTable', () => {
  it('without a width: every column, text left and numbers right, two spaces apart', () => {
    expect(formatTable(TABLE, RUN_LIKE)).toBe(
      [
        'option     label       km              time  exposure mean  threat  in target',
        '★ primary  primary    4.9               7.6             90      21       100%',
        '  safer    alternate  5.1  no route: closed',
      ].join('\n'),
    );
  });

  it('a table that fits is the same as without a width', () => {
    expect(formatTable(TABLE, RUN_LIKE, 200)).toBe(formatTable(TABLE, RUN_LIKE));
  });

  it('abbreviates headers before dropping anything', () => {
    const full = widest(formatTable(TABLE, RUN_LIKE));
    const text = formatTable(TABLE, RUN_LIKE, full - 5);
    expect(text.split('\n')[0]).toBe('option     label       km              time  exp  threat  in target');
    expect(text).not.toMatch(/left out/);
  });

  it('drops the listed columns first, then from the right; keeps key and kept columns; names what it left out', () => {
    const text = formatTable(TABLE, RUN_LIKE, 50);
    expect(text).toBe(
      [
        'option     label       km              time  exp',
        '★ primary  primary    4.9               7.6   90',
        '  safer    alternate  5.1  no route: closed',
        '(2 columns left out to fit 50 characters: threat, in target)',
      ].join('\n'),
    );
    const narrow = formatTable(TABLE, RUN_LIKE, 10);
    expect(narrow.split('\n')[0]).toBe('option     label                  time');
    expect(narrow).toMatch(/no route: closed/);
    expect(narrow).toMatch(/4 columns left out to fit 10 characters: km, exposure mean, threat, in target/);
  });

  it("wraps the columns into blocks led by the key column when overflow is 'wrap'", () => {
    const side = [
      ['', '★ a', 'b', 'c'],
      ['', 'primary', 'alternate', 'contingency'],
      ['length (km)', '15.2', '15.9', '17.0'],
    ];
    const text = formatTable(side, { keyColumns: 1, leftAligned: [''], overflow: 'wrap' }, 36);
    expect(text).toBe(
      [
        '                 ★ a          b',
        '             primary  alternate',
        'length (km)     15.2       15.9',
        '',
        '                       c',
        '             contingency',
        'length (km)         17.0',
      ].join('\n'),
    );
  });

  it('property: a fitted table is no wider than the width whenever the key columns and one more fit, and drops or wraps nothing it need not', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', '1', '2', '.', '—', '★'), maxLength: 12 });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }).chain((cols) => fc.tuple(fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 2, maxLength: 6 }), fc.integer({ min: 10, max: 120 }), fc.constantFrom<'drop' | 'wrap'>('drop', 'wrap'))),
        ([rows, width, overflow]) => {
          const head = rows[0]!.map((_, i) => `h${i}`);
          const table = [head, ...rows.slice(1)];
          const layout: TableLayout = { keyColumns: 1, leftAligned: ['h0'], overflow };
          const whole = formatTable(table, layout);
          const text = formatTable(table, layout, width);
          if (widest(whole) <= width) return text === whole;
          const colWidth = (c: number): number => Math.max(...table.map((r) => cells(r[c]!)));
          const keyPlusWidest = colWidth(0) + 2 + Math.max(...head.slice(1).map((_, i) => colWidth(i + 1)));
          const body = overflow === 'drop' ? text.split('\n').slice(0, -1).join('\n') : text;
          if (keyPlusWidest <= width) expect(widest(body)).toBeLessThanOrEqual(width);
          if (overflow === 'wrap') for (const r of table) for (const c of r) expect(text).toContain(c.trim());
          return true;
        },
      ),
    );
  });
});

describe('tableWidth', () => {
  it('is COLUMNS when set to a positive integer, TTY or not', () => {
    expect(tableWidth({ isTTY: false }, { COLUMNS: '72' })).toBe(72);
    expect(tableWidth({ isTTY: true, columns: 200 }, { COLUMNS: '72' })).toBe(72);
  });

  it("is the terminal's width on a TTY, and undefined (the whole table) on a pipe or file", () => {
    expect(tableWidth({ isTTY: true, columns: 64 }, {})).toBe(64);
    expect(tableWidth({ isTTY: false, columns: 64 }, {})).toBeUndefined();
    expect(tableWidth({}, {})).toBeUndefined();
  });

  it('ignores a COLUMNS that is not a positive integer', () => {
    for (const v of ['', '0', '-5', 'wide', '80x', '1e3']) expect(tableWidth({ isTTY: false }, { COLUMNS: v }), v).toBeUndefined();
    expect(tableWidth({ isTTY: true, columns: 90 }, { COLUMNS: 'wide' })).toBe(90);
  });
});
