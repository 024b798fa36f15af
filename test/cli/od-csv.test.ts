import { describe, expect, it } from 'vitest';
import { parseOdCsv } from '../../cli/od-csv.js';

describe('batch CSV (route --batch)', () => {
  it('keeps good rows, reports bad ones with their line numbers, requires the header', () => {
    const { rows, problems, extraColumns } = parseOdCsv('# comment\nfrom_lon,from_lat,to_lon,to_lat,label\n104.9,11.5,104.91,11.52,a\n\n104.9,,104.91,11.52,b\n200,11.5,104.91,11.52,c\n', 'od.csv');
    expect(rows.map((r) => [r.line, r.extra])).toEqual([[3, ['a']]]);
    expect(extraColumns).toEqual(['label']);
    expect(problems).toEqual([
      { line: 5, message: 'from_lat is empty', extra: ['b'] },
      { line: 6, message: 'from_lon 200 is out of range (±180)', extra: ['c'] },
    ]);
    expect(() => parseOdCsv('a,b\n1,2\n', 'od.csv')).toThrow(/od\.csv:1: header lacks column\(s\) from_lon/);
  });

  it('reads quoted fields, a byte-order mark, CRLF and columns in any order, and carries the others through', () => {
    const text = '\ufeffid,"note, with comma",TO_LAT,to_lon,from_lat,from_lon\r\nr1,"say ""hi""",11.52,104.91,11.5,104.9\r\n';
    const { rows, extraColumns } = parseOdCsv(text, 'od.csv');
    expect(extraColumns).toEqual(['id', 'note, with comma']);
    expect(rows).toEqual([{ line: 2, fromLon: 104.9, fromLat: 11.5, toLon: 104.91, toLat: 11.52, extra: ['r1', 'say "hi"'] }]);
  });

  it('refuses hexadecimal, binary, Infinity and other non-decimal numbers that Number() accepts', () => {
    const cells = ['0x68', '0b1101000', '0o150', 'Infinity', '1_000', ' '];
    const text = 'from_lon,from_lat,to_lon,to_lat\n' + cells.map((c) => `${c},11.5,104.91,11.52`).join('\n') + '\n';
    const { rows, problems } = parseOdCsv(text, 'od.csv');
    expect(rows).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      "from_lon '0x68' is not a decimal number",
      "from_lon '0b1101000' is not a decimal number",
      "from_lon '0o150' is not a decimal number",
      "from_lon 'Infinity' is not a decimal number",
      "from_lon '1_000' is not a decimal number",
      'from_lon is empty',
    ]);
  });

  it('a broken quote or an endless field is one bad row, quoted at most 80 characters', () => {
    const long = 'x'.repeat(60_000);
    const { problems } = parseOdCsv(`from_lon,from_lat,to_lon,to_lat\n${long}\x1b[31m,11.5,104.91,11.52\n"a"b,1,2,3\n`, 'od.csv');
    expect(problems[0]!.message).toMatch(/^from_lon 'x{80}…' \(60005 characters\) is not a decimal number$/);
    expect(problems[1]!.message).toMatch(/a character follows the closing quote/);
    const endless = parseOdCsv(`from_lon,from_lat,to_lon,to_lat\n"${'y'.repeat(70_000)}\n`, 'od.csv');
    expect(endless.problems.map((p) => p.message)).toEqual(['a record longer than 65536 characters (an unclosed quote, or not a CSV file)']);
  });
});
