import { spawnSync } from 'node:child_process';
import { parse as parseCsv } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { PACKAGE_ROOT } from '../../engine/paths.js';

/**
 * The broken and hostile inputs of the reliability audit, listed once: the tests run them
 * (test/cli/broken-inputs, broken-cli-inputs, output-paths, csv-set, partial-outputs) and so does the
 * closing table of the audit (bench/audit-inputs.ts), each case as a real `motorcade` process.
 *
 * - HOSTILE_CASES: inputs built in a scratch folder (Workspace): files that are not files, encodings,
 *   sizes and nesting, terminal escapes, a graph: pointing at a secret, lenient numbers, outputs under /proc.
 * - CLI_CASES: commands run in a copy of test/fixtures/scenario-graph and cli-broken (makeCliWork).
 * - OUTPUT_FILE_CASES: file outputs that must be refused (an input by any name, a folder, a device …).
 * - The corpora test/fixtures/scenarios-broken (validate) and sweeps-broken (sweep): CORPORA.
 * - The faults of writing a --csv set (csvSetKillScript) and what an interrupted run must mark
 *   (unmarkedPartial).
 */
export const FIXTURES = path.join(PACKAGE_ROOT, 'test', 'fixtures');

/** A scratch folder and the ways the hostile cases build their inputs in it. */
export interface Workspace {
  dir: string;
  /** Write a file, return its path. */
  w(name: string, data: string | Uint8Array): string;
  /** Make a FIFO (named pipe), return its path. */
  fifo(name: string): string;
  /** Make a symbolic link to target, return its path. */
  link(name: string, target: string): string;
}

export function workspace(dir: string): Workspace {
  return {
    dir,
    w: (name, data) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, data);
      return file;
    },
    fifo: (name) => {
      const file = path.join(dir, name);
      spawnSync('mkfifo', [file]);
      return file;
    },
    link: (name, target) => {
      const file = path.join(dir, name);
      fs.symlinkSync(target, file);
      return file;
    },
  };
}

export interface HostileCase {
  name: string;
  /** Build the input in the workspace and return the CLI arguments (run with the workspace as cwd). */
  setup: (ws: Workspace) => string[];
  /** What stderr must say. */
  expect: RegExp;
  env?: Record<string, string>;
  input?: string;
  /** Text that must not appear in stderr. */
  never?: RegExp;
}

/** A command run in the CLI work folder (makeCliWork), and the line it must print. */
export interface CommandCase {
  name: string;
  args: string[];
  message: RegExp;
}

export const SCENARIO = (graph = 'phnom-penh', extra = ''): string => `name: hostile input
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

const utf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const OD_HEADER = 'from_lon,from_lat,to_lon,to_lat\n';
const route = ['route', '--from', 'pnh_airport', '--to', 'sokha_hotel'];

export const HOSTILE_CASES: HostileCase[] = [
  // Files that are not regular files.
  { name: 'scenario is a FIFO', setup: ({ dir, w, fifo, link }) => ['validate', fifo('fifo.yaml')], expect: /fifo\.yaml  \(file\)  is a FIFO \(named pipe\), not a regular file/ },
  { name: 'scenario is a symlink to /dev/zero', setup: ({ dir, w, fifo, link }) => ['validate', link('zero.yaml', '/dev/zero')], expect: /zero\.yaml  \(file\)  is a character device \(like \/dev\/zero\)/ },
  { name: 'scenario is a directory', setup: ({ dir, w, fifo, link }) => (fs.mkdirSync(path.join(dir, 'folder.yaml')), ['validate', path.join(dir, 'folder.yaml')]), expect: /folder\.yaml  \(file\)  is a directory, not a file/ },
  { name: 'scenario is a symlink loop', setup: ({ dir, w, fifo, link }) => ['validate', link('loop.yaml', path.join(dir, 'loop.yaml'))], expect: /loop\.yaml  \(file\)  symbolic link loop \(ELOOP\)/ },
  { name: 'run on a symlink loop', setup: ({ dir, w, fifo, link }) => ['run', link('loop2.yaml', path.join(dir, 'loop2.yaml'))], expect: /loop2\.yaml: symbolic link loop \(ELOOP\)/ },
  { name: '--source is a FIFO', setup: ({ dir, w, fifo, link }) => ['graph', 'info', '--no-cache', '--source', fifo('roads.geojson')], expect: /roads\.geojson: is a FIFO/ },
  { name: '--source is /dev/zero', setup: ({ dir, w, fifo, link }) => ['graph', 'info', '--no-cache', '--source', link('zero.osm', '/dev/zero')], expect: /zero\.osm: is a character device/ },
  { name: '--batch is a FIFO', setup: ({ dir, w, fifo, link }) => [...route.slice(0, 1), '--batch', fifo('od.csv')], expect: /od\.csv: is a FIFO/ },
  { name: '--avoid is a FIFO', setup: ({ dir, w, fifo, link }) => [...route, '--avoid', fifo('avoid.geojson')], expect: /avoid\.geojson: is a FIFO/ },
  // Encodings.
  { name: 'scenario in UTF-16 LE', setup: ({ dir, w, fifo, link }) => ['validate', w('utf16.yaml', utf16(SCENARIO()))], expect: /utf16\.yaml  \(file\)  scenario file is UTF-16 LE text \(byte-order mark FF FE\), not UTF-8/ },
  { name: 'scenario in UTF-16 without BOM', setup: ({ dir, w, fifo, link }) => ['validate', w('utf16-nobom.yaml', Buffer.from(SCENARIO(), 'utf16le'))], expect: /looks like UTF-16 LE text without a byte-order mark/ },
  { name: 'scenario is binary', setup: ({ dir, w, fifo, link }) => ['validate', w('binary.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 7]))], expect: /binary\.yaml  \(file\)  scenario file is binary \(NUL byte at offset 7\)/ },
  { name: 'scenario in Latin-1', setup: ({ dir, w, fifo, link }) => ['validate', w('latin1.yaml', Buffer.from(SCENARIO().replace('hostile input', 'café'), 'latin1'))], expect: /latin1\.yaml  \(file\)  scenario file is not UTF-8 \(byte 0xe9 at offset 9/ },
  { name: 'road GeoJSON in UTF-16', setup: ({ dir, w, fifo, link }) => ['graph', 'info', '--no-cache', '--source', w('utf16.geojson', utf16('{"type":"FeatureCollection","features":[]}'))], expect: /utf16\.geojson: GeoJSON file is UTF-16 LE text/ },
  { name: 'batch CSV in UTF-16', setup: ({ dir, w, fifo, link }) => ['route', '--batch', w('utf16.csv', utf16(OD_HEADER))], expect: /utf16\.csv: batch CSV file is UTF-16 LE text/ },
  // Sizes and nesting.
  { name: 'scenario over the size limit', env: { MOTORCADE_MAX_TEXT_BYTES: '1000' }, setup: ({ dir, w, fifo, link }) => ['validate', w('big.yaml', SCENARIO() + '#'.repeat(2000) + '\n')], expect: /big\.yaml  \(file\)  scenario file is 2\.\d KiB, over the limit of 1000 bytes \(set MOTORCADE_MAX_TEXT_BYTES to raise it\)/ },
  { name: 'gzip bomb .osm.gz', env: { MOTORCADE_MAX_DECOMPRESSED_BYTES: '1000000' }, setup: ({ dir, w, fifo, link }) => ['graph', 'info', '--no-cache', '--source', w('bomb.osm.gz', zlib.gzipSync(Buffer.concat([Buffer.from('<osm>'), Buffer.alloc(20_000_000, 0x20)])))], expect: /bomb\.osm\.gz: decompresses to more than 976\.6 KiB, the limit \(set MOTORCADE_MAX_DECOMPRESSED_BYTES/ },
  { name: 'scenario flow nesting 100,000 deep', setup: ({ dir, w, fifo, link }) => ['validate', w('deep-flow.yaml', SCENARIO() + 'notes: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n')], expect: /deep-flow\.yaml:\d+:\d+  \(syntax\)  nesting 65 levels deep, over the limit of 64 \(set MOTORCADE_MAX_DEPTH/ },
  { name: 'scenario block nesting 3,000 deep', setup: ({ dir, w, fifo, link }) => ['validate', w('deep-block.yaml', SCENARIO() + Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + '\n')], expect: /deep-block\.yaml:\d+:\d+  \(syntax\)  nesting 65 levels deep/ },
  { name: 'JSON scenario nesting 100,000 deep', setup: ({ dir, w, fifo, link }) => ['validate', w('deep.json', '{"name": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}')], expect: /deep\.json:1:\d+  \(syntax\)  nesting 65 levels deep/ },
  { name: 'avoid file nesting 100,000 deep', setup: ({ dir, w, fifo, link }) => [...route, '--avoid', w('deep-avoid.geojson', '['.repeat(100_000) + ']'.repeat(100_000))], expect: /deep-avoid\.geojson: avoid polygons file nests 65 levels deep at 1:65/ },
  { name: 'scenario with 5,000 problems', setup: ({ dir, w, fifo, link }) => ['validate', w('many.yaml', SCENARIO() + Array.from({ length: 5000 }, (_, i) => `bogus_${i}: 1`).join('\n') + '\n')], expect: /  \(limit\)  4800 more problems not shown \(the first 200 are listed; set MOTORCADE_MAX_PROBLEMS/ },
  { name: 'scenario list over the item limit', env: { MOTORCADE_MAX_ITEMS: '10' }, setup: ({ dir, w, fifo, link }) => ['validate', w('crowded.yaml', SCENARIO('phnom-penh', 'threats:\n' + Array.from({ length: 11 }, (_, i) => `  - { id: t${i}, kind: crowd, at: venue, radius: 50 m }`).join('\n') + '\n'))], expect: /crowded\.yaml:\d+:\d+  threats  11 entries, over the limit of 10 per list or mapping \(set MOTORCADE_MAX_ITEMS/ },
  { name: 'malformed limit override', env: { MOTORCADE_MAX_DEPTH: 'lots' }, setup: ({ dir, w, fifo, link }) => ['validate', w('ok.yaml', SCENARIO())], expect: /MOTORCADE_MAX_DEPTH="lots" must be a whole number of at least 1/ },
  // Hostile content in messages.
  { name: 'ANSI escape, BEL and NUL-free 1 MB value in a scenario', setup: ({ dir, w, fifo, link }) => ['validate', w('ansi.yaml', SCENARIO().replace('departure: "08:30"', `departure: "\\e[31m\\a${'x'.repeat(1_000_000)}"`))], expect: /departure  time '\\x1b\[31m\\x07x{74}…' \(1000006 characters\)/ },
  { name: 'ANSI escape in an unknown field name', setup: ({ dir, w, fifo, link }) => ['validate', w('ansi-key.yaml', SCENARIO() + '"\\e]0;pwned\\a": 1\n')], expect: /unknown field '\\x1b\]0;pwned\\x07'/ },
  { name: 'batch CSV field of 60,000 characters with escapes', setup: ({ dir, w, fifo, link }) => ['route', '--batch', w('wide.csv', OD_HEADER + '\x1b[2J' + '9'.repeat(60_000) + 'x,11.5,104.91,11.52\n')], expect: /wide\.csv:2: from_lon '\\x1b\[2J9{76}…' \(60005 characters\) is not a decimal number/ },
  // A scenario's graph: pointing at files that are not road data.
  { name: 'graph: a .geojson symlink to a secret', setup: ({ dir, w, fifo, link }) => (w('shadow', SECRET), ['validate', w('secret.yaml', SCENARIO(link('secret-roads.geojson', path.join(dir, 'shadow'))))]), expect: /secret\.yaml:3:8 graph: .*secret-roads\.geojson: GeoJSON file is not JSON \(it does not start with \{ or \[\)/, never: /root:|daemon/ },
  { name: 'graph: a .osm symlink to a secret', setup: ({ dir, w, fifo, link }) => ['validate', w('secret-osm.yaml', SCENARIO(link('roads.osm', path.join(dir, 'shadow'))))], expect: /secret-osm\.yaml:3:8 graph: .*roads\.osm: not OSM XML \(it does not start with <\)/, never: /root:|daemon/ },
  { name: 'graph: an Overpass .json symlink to a secret', setup: ({ dir, w, fifo, link }) => ['validate', w('secret-json.yaml', SCENARIO(link('roads.json', path.join(dir, 'shadow'))))], expect: /secret-json\.yaml:3:8 graph: .*roads\.json: Overpass JSON file is not JSON/, never: /root:|daemon/ },
  { name: 'graph: a symlink loop', setup: ({ dir, w, fifo, link }) => ['validate', w('graph-loop.yaml', SCENARIO(link('loop.geojson', path.join(dir, 'loop.geojson'))))], expect: /graph-loop\.yaml:3:8  graph  graph file '.*loop\.geojson': symbolic link loop \(ELOOP\)/ },
  { name: 'graph: a FIFO', setup: ({ dir, w, fifo, link }) => ['validate', w('graph-fifo.yaml', SCENARIO(fifo('pipe.geojson')))], expect: /graph-fifo\.yaml:3:8 graph: .*pipe\.geojson: is a FIFO/ },
  { name: 'graph: a directory', setup: ({ dir, w, fifo, link }) => (fs.mkdirSync(path.join(dir, 'roads-dir.osm')), ['validate', w('graph-dir.yaml', SCENARIO(path.join(dir, 'roads-dir.osm')))]), expect: /graph-dir\.yaml:3:8 graph: .*roads-dir\.osm: is a directory/ },
  // Lenient parsing.
  { name: 'batch CSV with a hexadecimal longitude', setup: ({ dir, w, fifo, link }) => ['route', '--batch', w('hex.csv', OD_HEADER + '0x68,11.5,104.91,11.52\n')], expect: /hex\.csv:2: from_lon '0x68' is not a decimal number/ },
  { name: 'batch CSV on stdin with Infinity', input: OD_HEADER + 'Infinity,11.5,104.91,11.52\n', setup: ({ dir, w, fifo, link }) => ['route', '--batch', '-'], expect: /\(stdin\):2: from_lon 'Infinity' is not a decimal number/ },
  { name: '--seed empty', setup: ({ dir, w, fifo, link }) => ['run', w('seed.yaml', SCENARIO()), '--seed', ''], expect: /--seed must not be empty \(got ''\)/ },
  { name: '--seed blank for compare', setup: ({ dir, w, fifo, link }) => ['compare', w('seed2.yaml', SCENARIO()), '--seed', '  '], expect: /--seed must not be empty \(got '  '\)/ },
  { name: 'output under /proc', setup: ({ dir, w, fifo, link }) => [...route, '--geojson', '/proc/self/motorcade/route.geojson'], expect: /\/proc\/self\/motorcade\/route\.geojson: (cannot write an output under \/proc|folder \/proc\/self\/motorcade does not exist)/ },
  { name: 'output through a symlink into /sys', setup: ({ dir, w, fifo, link }) => [...route, '--geojson', path.join(link('sys-link', '/sys/kernel'), 'out.geojson')], expect: /out\.geojson: (cannot write an output under \/sys|cannot write in folder .*sys-link \(permission denied\))/ },
];


/**
 * The work folder of CLI_CASES: a copy of test/fixtures/scenario-graph and cli-broken (a regression
 * cannot damage the fixtures), a folder, a text file and a folder holding a user's file.
 */
export function makeCliWork(dir: string): void {
  for (const sub of ['scenario-graph', 'cli-broken']) {
    for (const f of fs.readdirSync(path.join(FIXTURES, sub))) fs.copyFileSync(path.join(FIXTURES, sub, f), path.join(dir, f));
  }
  fs.mkdirSync(path.join(dir, 'a-folder'));
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not an output\n');
  fs.mkdirSync(path.join(dir, 'shared-folder'));
  fs.writeFileSync(path.join(dir, 'shared-folder', 'keep-me.txt'), 'user data\n');
}

/** The scenario of the CLI cases' work folder (makeCliWork). */
export const S = 'grid-scenario.yaml';
const ROUTE = ['route', '--from', 'pnh_airport', '--to', 'royal_palace'];

export const CLI_CASES: CommandCase[] = [
  // Item 3: ids named like Object.prototype members.
  { name: "an undeclared place named 'toString'", args: ['run', 'place-named-toString-undeclared.yaml'], message: /movements\.m1\.to +unknown place 'toString'/ },
  { name: "a delegation named '__proto__'", args: ['run', 'delegation-named-proto.yaml'], message: /delegations\.__proto__ +id '__proto__' must start with a letter/ },
  // Item 6: outputs that are inputs, folders, devices, or cannot be written.
  { name: 'report -o the scenario', args: ['report', S, '-o', S], message: /^motorcade: -o grid-scenario\.yaml: is the scenario \(grid-scenario\.yaml\); refusing to overwrite an input/m },
  { name: 'run --geojson the scenario', args: ['run', S, '--geojson', S], message: /^motorcade: --geojson grid-scenario\.yaml: is the scenario/m },
  { name: "run --geojson the scenario's road file", args: ['run', S, '--geojson', 'grid-roads.geojson'], message: /--geojson grid-roads\.geojson: is the scenario's road file/ },
  { name: 'run --csv the scenario', args: ['run', S, '--csv', S], message: /--csv grid-scenario\.yaml: is the scenario/ },
  { name: 'run --geojson a folder', args: ['run', S, '--geojson', 'a-folder'], message: /--geojson a-folder: is a folder, expected a file path/ },
  { name: 'report -o a folder', args: ['report', S, '-o', 'a-folder'], message: /-o a-folder: is a folder, expected a file path/ },
  { name: 'run --csv a file', args: ['run', S, '--csv', 'notes.txt'], message: /--csv notes\.txt: is a file, expected a folder/ },
  { name: 'run --csv the folder of the scenario', args: ['run', S, '--csv', '.'], message: /--csv \.: holds the scenario/ },
  { name: 'run --csv a folder holding other files', args: ['run', S, '--csv', 'shared-folder'], message: /--csv shared-folder: the folder also holds 'keep-me\.txt'; the CSV set replaces the folder as a whole/ },
  { name: 'run --csv and --geojson on one path', args: ['run', S, '--csv', 'out', '--geojson', 'out'], message: /--geojson out: is also the path of --csv/ },
  { name: 'run --geojson in a missing folder', args: ['run', S, '--geojson', 'no/such/dir/x.geojson'], message: /--geojson no\/such\/dir\/x\.geojson: folder .*no\/such\/dir does not exist/ },
  { name: 'run --geojson a device', args: ['run', S, '--geojson', '/dev/null'], message: /--geojson \/dev\/null: is not a regular file/ },
  { name: 'run --geojson under /proc', args: ['run', S, '--geojson', '/proc/x.geojson'], message: /--geojson \/proc\/x\.geojson: cannot write in folder \/proc/ },
  { name: 'route --geojson the --avoid file', args: [...ROUTE, '--avoid', 'avoid-unclosed.geojson', '--geojson', 'avoid-unclosed.geojson'], message: /--geojson avoid-unclosed\.geojson: is the --avoid file/ },
  { name: 'graph export -o the --source file', args: ['graph', 'export', '--format', 'geojson', '--source', 'grid-roads.geojson', '-o', 'grid-roads.geojson'], message: /-o grid-roads\.geojson: is the --source road file/ },
  // Item 13: --avoid polygons.
  { name: 'an avoid polygon with lon and lat swapped', args: [...ROUTE, '--avoid', 'avoid-lat-lon-swapped.geojson'], message: /avoid-lat-lon-swapped\.geojson: root: ring 0 position 0: latitude 104\.925 is outside -90\.\.90 — \[11\.553, 104\.925\] looks like \[lat, lon\]/ },
  { name: 'an avoid polygon at longitude 204.9', args: [...ROUTE, '--avoid', 'avoid-lon-204.geojson'], message: /ring 0 position 0: longitude 204\.9 is outside -180\.\.180/ },
  { name: 'an avoid polygon at longitude 1e308', args: [...ROUTE, '--avoid', 'avoid-lon-1e308.geojson'], message: /ring 0 position 0: longitude 1e\+308 is outside -180\.\.180/ },
  { name: 'a bow-tie avoid polygon', args: [...ROUTE, '--avoid', 'avoid-bow-tie.geojson'], message: /ring 0 crosses itself near \[104\.928, 11\.556\]/ },
  { name: 'an unclosed avoid polygon', args: [...ROUTE, '--avoid', 'avoid-unclosed.geojson'], message: /ring 0 is not closed: it starts at \[104\.925, 11\.553\] and ends at \[104\.925, 11\.559\]/ },
  { name: 'an avoid polygon with its hole first', args: [...ROUTE, '--avoid', 'avoid-hole-first.geojson'], message: /ring 0 lies inside ring 1: the outer ring must come first/ },
  { name: 'an avoid polygon with a hole outside it', args: [...ROUTE, '--avoid', 'avoid-hole-outside.geojson'], message: /ring 1 \(a hole\) is not inside the outer ring 0/ },
];


/** The folder of the output-path cases: a scenario, a hard link and a symbolic link to it. */
export interface OutputPathFixture {
  dir: string;
  scenario: string;
  hardLink: string;
  symLink: string;
}

export function makeOutputPathFixture(dir: string): OutputPathFixture {
  const scenario = path.join(dir, 'plan.yaml');
  fs.writeFileSync(scenario, 'name: x\n');
  const hardLink = path.join(dir, 'plan-link.yaml');
  fs.linkSync(scenario, hardLink);
  const symLink = path.join(dir, 'plan-sym.yaml');
  fs.symlinkSync(scenario, symLink);
  return { dir, scenario, hardLink, symLink };
}

/** A file output (`--geojson`, `-o`) the scenario's command must refuse, before any work, with `message`. */
export interface OutputPathCase {
  what: string;
  path: (f: OutputPathFixture) => string;
  message: RegExp;
}

export const OUTPUT_FILE_CASES: OutputPathCase[] = [
  { what: 'the input itself', path: (f) => f.scenario, message: /is the scenario/ },
  { what: 'the input by another spelling', path: (f) => path.join(f.dir, '.', 'sub', '..', 'plan.yaml'), message: /is the scenario/ },
  { what: 'a hard link to the input', path: (f) => f.hardLink, message: /is the scenario/ },
  { what: 'a symlink to the input', path: (f) => f.symLink, message: /is the scenario/ },
  { what: 'a folder', path: (f) => f.dir, message: /is a folder, expected a file path/ },
  { what: 'a device', path: () => '/dev/null', message: /is not a regular file/ },
  { what: 'a missing parent', path: (f) => path.join(f.dir, 'no', 'such', 'out.geojson'), message: /folder .* does not exist/ },
  { what: 'an empty path', path: () => '', message: /expected a path/ },
];

/** The broken-file corpora, each run with its command: `motorcade COMMAND FILE` must refuse every file. */
export const CORPORA: { dir: string; command: string }[] = [
  { dir: path.join(FIXTURES, 'scenarios-broken'), command: 'validate' },
  { dir: path.join(FIXTURES, 'sweeps-broken'), command: 'sweep' },
];

/** The files of a corpus (expect.json is the corpus test's expectations, not an input). */
export function corpusFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'expect.json').sort();
}

/**
 * Corpus files that are broken only on the corpus test's two-piece graph (test/scenario/tiny-graph.ts) and
 * valid on the Phnom Penh roads a command line uses: the audit does not count them as inputs.
 */
export const BROKEN_ONLY_ON_THE_TEST_GRAPH: Record<string, string> = {
  '39-unreachable.yaml': 'its two places lie in different pieces of the test graph; the Phnom Penh graph is one strongly connected component, so there the scenario is valid',
};

/** The files of a --csv set, and a set whose every file names its run (to tell two runs' files apart). */
export const CSV_SET_NAMES = ['options.csv', 'hotspots.csv', 'response.csv', 'events.csv', 'histograms.csv'];
export const csvSetOf = (run: string): { name: string; text: string; rows: number }[] => CSV_SET_NAMES.map((name, i) => ({ name, text: `run,file\n${run},${i}\n`, rows: 1 }));
/** Steps of a set's write at which a kill is tried: 6 file opens (5 CSV + manifest), the folder fsync open, rename aside, rename in, parent fsync open, and beyond. */
export const CSV_SET_KILL_STEPS = 12;

/**
 * A child script (node --input-type=module -e) that writes set `run` into `dir` with the compiled
 * writeCsvSet and kills itself (SIGKILL) at its `killAt`-th file open or rename (0: never).
 */
export function csvSetKillScript(dir: string, run: string, killAt: number): string {
  const mod = pathToFileURL(path.join(PACKAGE_ROOT, 'dist', 'cli', 'csv-set.js')).href;
  return `
import fs from 'node:fs';
import { writeCsvSet } from '${mod}';
let step = 0;
for (const name of ['openSync', 'renameSync']) {
  const real = fs[name];
  fs[name] = (...args) => { if (++step === ${killAt}) process.kill(process.pid, 'SIGKILL'); return real(...args); };
}
writeCsvSet(${JSON.stringify(dir)}, ${JSON.stringify(csvSetOf(run))}, { run_id: ${JSON.stringify(run)} });
`;
}

/** What every output of a run must say about how many samples it covers. */
export interface RunOutputs {
  /** `run --json` as printed. */
  json?: string | undefined;
  /** The --csv folder. */
  csvDir?: string | undefined;
  /** The --geojson file's text. */
  geojson?: string | undefined;
}

/**
 * The outputs that do not say what they are: unreadable (not JSON, a CSV without its header), or whose
 * partial mark disagrees with `partial` (every options.csv row, manifest.json, the GeoJSON collection, the
 * JSON). Empty when every output given is whole and marked as it should be.
 */
export function unmarkedPartial(out: RunOutputs, partial: boolean): string[] {
  const bad: string[] = [];
  const parse = (what: string, text: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      bad.push(`${what} is not JSON`);
      return undefined;
    }
  };
  if (out.json !== undefined) {
    const j = parse('--json', out.json);
    if (j && j['partial'] !== partial) bad.push(`--json says partial: ${String(j['partial'])}`);
  }
  if (out.geojson !== undefined) {
    const g = parse('--geojson', out.geojson);
    const props = g?.['motorcade'] as Record<string, unknown> | undefined;
    if (g && props?.['partial'] !== partial) bad.push(`--geojson says partial: ${String(props?.['partial'])}`);
  }
  if (out.csvDir !== undefined) {
    const manifest = parse('manifest.json', fs.readFileSync(path.join(out.csvDir, 'manifest.json'), 'utf8'));
    if (manifest && manifest['partial'] !== partial) bad.push(`manifest.json says partial: ${String(manifest['partial'])}`);
    let rows: Record<string, string>[] = [];
    try {
      rows = parseCsv(fs.readFileSync(path.join(out.csvDir, 'options.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    } catch {
      bad.push('options.csv is not CSV');
    }
    if (rows.length === 0) bad.push('options.csv has no rows');
    else if (rows.some((r) => r['partial'] !== String(partial))) bad.push(`options.csv has rows not marked partial=${partial}`);
  }
  return bad;
}
