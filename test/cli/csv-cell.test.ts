import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from '../../cli/csv-cell.js';

/** CSV cells are RFC 4180 and never start a spreadsheet formula; numbers stay numbers. */
describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['Sokha hotel', 'Sokha hotel'],
    ['a, b', '"a, b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['', ''],
  ])('text %j → %j', (text, cell) => expect(csvCell(text)).toBe(cell));

  it.each([
    [-12.5, '-12.5'],
    [0, '0'],
    [104.92, '104.92'],
    [true, 'true'],
    [null, ''],
    [undefined, ''],
  ])('value %j → %j', (value, cell) => expect(csvCell(value)).toBe(cell));

  it('no text cell starts with a formula character; every number is written as String(n)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => !/^[=+\-@\t\r]/.test(csvCell(s).replace(/^"/, ''))),
    );
    fc.assert(fc.property(fc.double(), (n) => csvCell(n) === String(n)));
  });

  it('a document is one line per row', () => {
    expect(csvDocument([['a', -1], ['=b', 2]])).toBe("a,-1\n'=b,2\n");
  });
});
