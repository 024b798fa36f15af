import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliBuilt, FIXTURES, STACK_LINE } from './cli-spawn.js';

/**
 * The broken-input corpus of the command line: each case is a command a careless or hostile user may
 * type, with the one line it must print, exit code 2, no stack trace, nothing on stdout (the refusal
 * comes before any work), and every file of the work folder unchanged (an output that is an input must
 * not overwrite it). Cases run in a temporary copy of test/fixtures/cli-broken and scenario-graph, so a
 * regression cannot damage the fixtures.
 */
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-broken-cli-'));
for (const dir of ['scenario-graph', 'cli-broken']) {
  for (const f of fs.readdirSync(path.join(FIXTURES, dir))) fs.copyFileSync(path.join(FIXTURES, dir, f), path.join(WORK, f));
}
fs.mkdirSync(path.join(WORK, 'a-folder'));
fs.writeFileSync(path.join(WORK, 'notes.txt'), 'not an output\n');
fs.mkdirSync(path.join(WORK, 'shared-folder'));
fs.writeFileSync(path.join(WORK, 'shared-folder', 'keep-me.txt'), 'user data\n');

const S = 'grid-scenario.yaml';
const ROUTE = ['route', '--from', 'pnh_airport', '--to', 'royal_palace'];

interface Case {
  name: string;
  args: string[];
  message: RegExp;
}

const CASES: Case[] = [
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

function digestOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out[f] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

describe.skipIf(!cliBuilt)('broken command-line inputs: one line, exit 2, no stack, nothing overwritten', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const before = digestOf(WORK);
    const r = cli(c.args, { cwd: WORK });
    expect(r.err).toMatch(c.message);
    expect(r.code, r.err).toBe(2);
    expect(r.err).not.toMatch(STACK_LINE);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.out).toBe('');
    expect(digestOf(WORK)).toEqual(before);
  });
});
