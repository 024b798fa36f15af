import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../engine/paths.js';

/**
 * The hostile-input corpus for the command line: files that are not files (FIFO, /dev/zero, directories,
 * symlink loops), files in the wrong encoding, oversized, deeply nested or gzip-bombed inputs, terminal
 * escapes in values, a scenario whose graph: points at a secret, lenient numbers and flags, outputs under
 * /proc. Each is built in a temporary folder and run through the compiled CLI (dist/); each must end in
 * exit code 2 with the expected message, within the time-out (a hang fails), without a stack trace, a raw
 * control character or more than a few lines of stderr. The table at the end counts the outcomes.
 */
const MAIN = path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
let dir: string;

const SCENARIO = (graph = 'phnom-penh', extra = ''): string => `name: hostile input
date: 2022-11-10
graph: ${graph}
places:
  hotel: { landmark: raffles_le_royal }
  venue: { landmark: sokha_hotel, kind: venue }
escort_profiles:
  vip: { outriders: 2, speed_cap: 60 km/h }
delegations:
  alpha: { size: 10, vehicles: { count: 3 }, escort: vip }
movements:
  m1:
    delegation: alpha
    from: hotel
    to: venue
    departure: "08:30"
${extra}`;

/** A fake secret: what must never reach the terminal when a scenario's graph: points at it. */
const SECRET = 'root:*:20233:0:99999:7:::\ndaemon:*:20233:0:99999:7:::\n';

interface Case {
  name: string;
  /** Build the input in `dir` and return the CLI arguments. */
  setup: () => string[];
  expect: RegExp;
  env?: Record<string, string>;
  input?: string;
  /** Text that must not appear in stderr. */
  never?: RegExp;
}

const w = (name: string, data: string | Uint8Array): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
};
const fifo = (name: string): string => {
  const file = path.join(dir, name);
  spawnSync('mkfifo', [file]);
  return file;
};
const link = (name: string, target: string): string => {
  const file = path.join(dir, name);
  fs.symlinkSync(target, file);
  return file;
};
const utf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const OD_HEADER = 'from_lon,from_lat,to_lon,to_lat\n';
const route = ['route', '--from', 'pnh_airport', '--to', 'sokha_hotel'];

const CASES: Case[] = [
  // Files that are not regular files.
  { name: 'scenario is a FIFO', setup: () => ['validate', fifo('fifo.yaml')], expect: /fifo\.yaml  \(file\)  is a FIFO \(named pipe\), not a regular file/ },
  { name: 'scenario is a symlink to /dev/zero', setup: () => ['validate', link('zero.yaml', '/dev/zero')], expect: /zero\.yaml  \(file\)  is a character device \(like \/dev\/zero\)/ },
  { name: 'scenario is a directory', setup: () => (fs.mkdirSync(path.join(dir, 'folder.yaml')), ['validate', path.join(dir, 'folder.yaml')]), expect: /folder\.yaml  \(file\)  is a directory, not a file/ },
  { name: 'scenario is a symlink loop', setup: () => ['validate', link('loop.yaml', path.join(dir, 'loop.yaml'))], expect: /loop\.yaml  \(file\)  symbolic link loop \(ELOOP\)/ },
  { name: 'run on a symlink loop', setup: () => ['run', link('loop2.yaml', path.join(dir, 'loop2.yaml'))], expect: /loop2\.yaml: symbolic link loop \(ELOOP\)/ },
  { name: '--source is a FIFO', setup: () => ['graph', 'info', '--no-cache', '--source', fifo('roads.geojson')], expect: /roads\.geojson: is a FIFO/ },
  { name: '--source is /dev/zero', setup: () => ['graph', 'info', '--no-cache', '--source', link('zero.osm', '/dev/zero')], expect: /zero\.osm: is a character device/ },
  { name: '--batch is a FIFO', setup: () => [...route.slice(0, 1), '--batch', fifo('od.csv')], expect: /od\.csv: is a FIFO/ },
  { name: '--avoid is a FIFO', setup: () => [...route, '--avoid', fifo('avoid.geojson')], expect: /avoid\.geojson: is a FIFO/ },
  // Encodings.
  { name: 'scenario in UTF-16 LE', setup: () => ['validate', w('utf16.yaml', utf16(SCENARIO()))], expect: /utf16\.yaml  \(file\)  scenario file is UTF-16 LE text \(byte-order mark FF FE\), not UTF-8/ },
  { name: 'scenario in UTF-16 without BOM', setup: () => ['validate', w('utf16-nobom.yaml', Buffer.from(SCENARIO(), 'utf16le'))], expect: /looks like UTF-16 LE text without a byte-order mark/ },
  { name: 'scenario is binary', setup: () => ['validate', w('binary.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 7]))], expect: /binary\.yaml  \(file\)  scenario file is binary \(NUL byte at offset 7\)/ },
  { name: 'scenario in Latin-1', setup: () => ['validate', w('latin1.yaml', Buffer.from(SCENARIO().replace('hostile input', 'café'), 'latin1'))], expect: /latin1\.yaml  \(file\)  scenario file is not UTF-8 \(byte 0xe9 at offset 9/ },
  { name: 'road GeoJSON in UTF-16', setup: () => ['graph', 'info', '--no-cache', '--source', w('utf16.geojson', utf16('{"type":"FeatureCollection","features":[]}'))], expect: /utf16\.geojson: GeoJSON file is UTF-16 LE text/ },
  { name: 'batch CSV in UTF-16', setup: () => ['route', '--batch', w('utf16.csv', utf16(OD_HEADER))], expect: /utf16\.csv: batch CSV file is UTF-16 LE text/ },
  // Sizes and nesting.
  { name: 'scenario over the size limit', env: { MOTORCADE_MAX_TEXT_BYTES: '1000' }, setup: () => ['validate', w('big.yaml', SCENARIO() + '#'.repeat(2000) + '\n')], expect: /big\.yaml  \(file\)  scenario file is 2\.\d KiB, over the limit of 1000 bytes \(set MOTORCADE_MAX_TEXT_BYTES to raise it\)/ },
  { name: 'gzip bomb .osm.gz', env: { MOTORCADE_MAX_DECOMPRESSED_BYTES: '1000000' }, setup: () => ['graph', 'info', '--no-cache', '--source', w('bomb.osm.gz', zlib.gzipSync(Buffer.concat([Buffer.from('<osm>'), Buffer.alloc(20_000_000, 0x20)])))], expect: /bomb\.osm\.gz: decompresses to more than 976\.6 KiB, the limit \(set MOTORCADE_MAX_DECOMPRESSED_BYTES/ },
  { name: 'scenario flow nesting 100,000 deep', setup: () => ['validate', w('deep-flow.yaml', SCENARIO() + 'notes: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n')], expect: /deep-flow\.yaml:\d+:\d+  \(syntax\)  nesting 65 levels deep, over the limit of 64 \(set MOTORCADE_MAX_DEPTH/ },
  { name: 'scenario block nesting 3,000 deep', setup: () => ['validate', w('deep-block.yaml', SCENARIO() + Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + '\n')], expect: /deep-block\.yaml:\d+:\d+  \(syntax\)  nesting 65 levels deep/ },
  { name: 'JSON scenario nesting 100,000 deep', setup: () => ['validate', w('deep.json', '{"name": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}')], expect: /deep\.json:1:\d+  \(syntax\)  nesting 65 levels deep/ },
  { name: 'avoid file nesting 100,000 deep', setup: () => [...route, '--avoid', w('deep-avoid.geojson', '['.repeat(100_000) + ']'.repeat(100_000))], expect: /deep-avoid\.geojson: avoid polygons file nests 65 levels deep at 1:65/ },
  { name: 'scenario with 5,000 problems', setup: () => ['validate', w('many.yaml', SCENARIO() + Array.from({ length: 5000 }, (_, i) => `bogus_${i}: 1`).join('\n') + '\n')], expect: /  \(limit\)  4800 more problems not shown \(the first 200 are listed; set MOTORCADE_MAX_PROBLEMS/ },
  { name: 'scenario list over the item limit', env: { MOTORCADE_MAX_ITEMS: '10' }, setup: () => ['validate', w('crowded.yaml', SCENARIO('phnom-penh', 'threats:\n' + Array.from({ length: 11 }, (_, i) => `  - { id: t${i}, kind: crowd, at: venue, radius: 50 m }`).join('\n') + '\n'))], expect: /crowded\.yaml:\d+:\d+  threats  11 entries, over the limit of 10 per list or mapping \(set MOTORCADE_MAX_ITEMS/ },
  { name: 'malformed limit override', env: { MOTORCADE_MAX_DEPTH: 'lots' }, setup: () => ['validate', w('ok.yaml', SCENARIO())], expect: /MOTORCADE_MAX_DEPTH="lots" must be a whole number of at least 1/ },
  // Hostile content in messages.
  { name: 'ANSI escape, BEL and NUL-free 1 MB value in a scenario', setup: () => ['validate', w('ansi.yaml', SCENARIO().replace('departure: "08:30"', `departure: "\\e[31m\\a${'x'.repeat(1_000_000)}"`))], expect: /departure  time '\\x1b\[31m\\x07x{74}…' \(1000006 characters\)/ },
  { name: 'ANSI escape in an unknown field name', setup: () => ['validate', w('ansi-key.yaml', SCENARIO() + '"\\e]0;pwned\\a": 1\n')], expect: /unknown field '\\x1b\]0;pwned\\x07'/ },
  { name: 'batch CSV field of 60,000 characters with escapes', setup: () => ['route', '--batch', w('wide.csv', OD_HEADER + '\x1b[2J' + '9'.repeat(60_000) + 'x,11.5,104.91,11.52\n')], expect: /wide\.csv:2: from_lon '\\x1b\[2J9{76}…' \(60005 characters\) is not a decimal number/ },
  // A scenario's graph: pointing at files that are not road data.
  { name: 'graph: a .geojson symlink to a secret', setup: () => (w('shadow', SECRET), ['validate', w('secret.yaml', SCENARIO(link('secret-roads.geojson', path.join(dir, 'shadow'))))]), expect: /secret\.yaml:3:8 graph: .*secret-roads\.geojson: GeoJSON file is not JSON \(it does not start with \{ or \[\)/, never: /root:|daemon/ },
  { name: 'graph: a .osm symlink to a secret', setup: () => ['validate', w('secret-osm.yaml', SCENARIO(link('roads.osm', path.join(dir, 'shadow'))))], expect: /secret-osm\.yaml:3:8 graph: .*roads\.osm: not OSM XML \(it does not start with <\)/, never: /root:|daemon/ },
  { name: 'graph: an Overpass .json symlink to a secret', setup: () => ['validate', w('secret-json.yaml', SCENARIO(link('roads.json', path.join(dir, 'shadow'))))], expect: /secret-json\.yaml:3:8 graph: .*roads\.json: Overpass JSON file is not JSON/, never: /root:|daemon/ },
  { name: 'graph: a symlink loop', setup: () => ['validate', w('graph-loop.yaml', SCENARIO(link('loop.geojson', path.join(dir, 'loop.geojson'))))], expect: /graph-loop\.yaml:3:8  graph  graph file '.*loop\.geojson': symbolic link loop \(ELOOP\)/ },
  { name: 'graph: a FIFO', setup: () => ['validate', w('graph-fifo.yaml', SCENARIO(fifo('pipe.geojson')))], expect: /graph-fifo\.yaml:3:8 graph: .*pipe\.geojson: is a FIFO/ },
  { name: 'graph: a directory', setup: () => (fs.mkdirSync(path.join(dir, 'roads-dir.osm')), ['validate', w('graph-dir.yaml', SCENARIO(path.join(dir, 'roads-dir.osm')))]), expect: /graph-dir\.yaml:3:8 graph: .*roads-dir\.osm: is a directory/ },
  // Lenient parsing.
  { name: 'batch CSV with a hexadecimal longitude', setup: () => ['route', '--batch', w('hex.csv', OD_HEADER + '0x68,11.5,104.91,11.52\n')], expect: /hex\.csv:2: from_lon '0x68' is not a decimal number/ },
  { name: 'batch CSV on stdin with Infinity', input: OD_HEADER + 'Infinity,11.5,104.91,11.52\n', setup: () => ['route', '--batch', '-'], expect: /\(stdin\):2: from_lon 'Infinity' is not a decimal number/ },
  { name: '--seed empty', setup: () => ['run', w('seed.yaml', SCENARIO()), '--seed', ''], expect: /--seed must not be empty \(got ''\)/ },
  { name: '--seed blank for compare', setup: () => ['compare', w('seed2.yaml', SCENARIO()), '--seed', '  '], expect: /--seed must not be empty \(got '  '\)/ },
  { name: 'output under /proc', setup: () => [...route, '--geojson', '/proc/self/motorcade/route.geojson'], expect: /\/proc\/self\/motorcade\/route\.geojson: (cannot write an output under \/proc|folder \/proc\/self\/motorcade does not exist)/ },
  { name: 'output through a symlink into /sys', setup: () => [...route, '--geojson', path.join(link('sys-link', '/sys/kernel'), 'out.geojson')], expect: /out\.geojson: (cannot write an output under \/sys|cannot write in folder .*sys-link \(permission denied\))/ },
];

const outcomes: { name: string; outcome: 'refused cleanly' | 'crashed' | 'hung' | 'wrong message' }[] = [];

beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` first (npm test does)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-hostile-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  const count = (o: string): number => outcomes.filter((x) => x.outcome === o).length;
  process.stdout.write(`hostile CLI inputs: ${outcomes.length} tried, ${count('refused cleanly')} refused cleanly, ${count('crashed')} crashed, ${count('hung')} hung, ${count('wrong message')} wrong message\n`);
});

describe('hostile and broken command-line inputs: exit 2, one clear message, no hang', () => {
  it('covers at least 35 inputs', () => expect(CASES.length).toBeGreaterThanOrEqual(35));

  for (const c of CASES) {
    it(c.name, () => {
      const args = c.setup();
      const cache = path.join(dir, 'cache');
      const r = spawnSync(process.execPath, [MAIN, ...args], {
        encoding: 'utf8',
        cwd: dir,
        timeout: 60_000,
        input: c.input ?? '',
        env: { ...process.env, MOTORCADE_CACHE: cache, ...(c.env ?? {}) },
      });
      const hung = r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
      const crashed = !hung && (r.status !== 2 || /internal error|\n\s+at |FATAL ERROR|Maximum call stack/.test(r.stderr));
      outcomes.push({ name: c.name, outcome: hung ? 'hung' : crashed ? 'crashed' : c.expect.test(r.stderr) ? 'refused cleanly' : 'wrong message' });
      expect(hung, `${c.name}: timed out`).toBe(false);
      expect(r.status, r.stderr.slice(0, 2000)).toBe(2);
      if (process.env["SHOW_STDERR"]) process.stdout.write(`--- ${c.name}\n${r.stderr.slice(0, 600)}\n`);
      expect(r.stderr).toMatch(c.expect);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at |FATAL ERROR|Maximum call stack/);
      expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      expect(r.stderr.length).toBeLessThan(100_000);
      for (const line of r.stderr.split('\n')) expect(line.length).toBeLessThan(600);
      if (c.never) expect(r.stderr).not.toMatch(c.never);
    });
  }
});
