/**
 * bench/cold-start — whole-process start-up of the CLI against a bare `node -e 0`, in the same run.
 *
 *   npm run build && node dist/bench/cold-start.js [--quick]
 *
 * Spawns each command N times (interleaved: bare node, then each command, round after round, so a busy
 * machine slows all of them alike), takes the median wall time of each, and prints the ratio to bare
 * node. Targets (issue 19): `--help` ≤ 2.5×, one cached `route` ≤ 4×; a MISS line for each target not
 * reached, and a non-zero exit when a command fails. The route's graph cache is warmed first. Under heavy
 * load every process waits for a core, which adds the same time to bare node and to the command and so
 * compresses the median ratio; the ratio of the minima (the least-disturbed run of each) is printed too.
 *
 * Then, in separate runs that are not timed, the JS modules each command loads (bench/module-count: an
 * ES module load hook plus require.cache at exit), with the packages that contribute most, so that an
 * eager import shows up by name.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const quick = process.argv.includes('--quick');
const N = quick ? 15 : 21;
const here = path.dirname(fileURLToPath(import.meta.url));
const main = path.join(here, '..', 'cli', 'main.js');
const countHook = path.join(here, 'module-count', 'preload.js');
const outAt = process.argv.indexOf('--out');
const outFile = outAt > 0 ? process.argv[outAt + 1] : undefined;

interface Case {
  name: string;
  args: string[];
  /** Ratio to bare node it should stay under, when there is a target. */
  target?: number;
}
const cases: Case[] = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'motorcade --help', args: [main, '--help'], target: 2.5 },
  { name: 'motorcade --version', args: [main, '--version'] },
  { name: 'motorcade route (cached graph)', args: [main, 'route', '--from', 'royal_palace', '--to', 'wat_phnom'], target: 4 },
  { name: 'motorcade validate (one scenario)', args: [main, 'validate', '--no-graph', path.join(path.dirname(main), '..', '..', 'scenarios', 'summit-day.yaml')] },
];

function spawn(args: string[]) {
  return spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

function once(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawn(args);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

// Warm the graph cache (and the OS file cache) so that `route` measures a cached load.
for (const c of cases) once(c.args);
const times = cases.map(() => [] as number[]);
for (let round = 0; round < N; round++) cases.forEach((c, i) => times[i]!.push(once(c.args)));
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const bare = median(times[0]!);
const bareMin = Math.min(...times[0]!);
const out: string[] = [];
const say = (line: string): void => {
  console.log(line);
  out.push(line);
};
say(`cold start on ${os.cpus()[0]?.model ?? 'cpu'} (${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)}), node ${process.version}, ${new Date().toISOString()}, median of ${N} interleaved runs`);
say('');
say('| command | median ms | min ms | × node -e 0 (medians) | target | × node -e 0 (minima) | JS modules loaded | largest contributors |');
say('|---|---|---|---|---|---|---|---|');
const misses: string[] = [];
cases.forEach((c, i) => {
  const m = median(times[i]!);
  const ratio = m / bare;
  const modules = i === 0 ? undefined : loadedModules(c.args);
  const count = modules ? String(modules.size) : '0';
  const top = modules ? contributors(modules) : '';
  const least = Math.min(...times[i]!);
  say(`| ${c.name} | ${m.toFixed(0)} | ${least.toFixed(0)} | ${ratio.toFixed(2)}× | ${c.target ? `≤ ${c.target}×` : ''} | ${(least / bareMin).toFixed(2)}× | ${count} | ${top} |`);
  if (c.target) misses.push(`${ratio > c.target ? 'MISS' : 'MET'} ${c.name}: ${ratio.toFixed(2)}× node -e 0 (target at most ${c.target}×)`);
});
say('');
for (const m of misses) say(m);
if (outFile) writeFileSync(outFile, out.join('\n') + '\n');

/** Every file module `args` loads (absolute paths), from an untimed run under bench/module-count. */
function loadedModules(args: string[]): Set<string> {
  const r = spawn(['--import', countHook, ...args]);
  if (r.status !== 0) throw new Error(`${args.join(' ')} under the module counter exited ${r.status}: ${r.stderr}`);
  const files = new Set<string>();
  for (const line of r.stderr.split('\n')) if (line.startsWith('MODULE-LOADED ')) files.add(line.slice('MODULE-LOADED '.length));
  for (const f of [...files]) if (f.startsWith(path.join(here, 'module-count'))) files.delete(f);
  return files;
}

/** The five largest groups of modules: an npm package by name, our own code by its folder. */
function contributors(files: Set<string>): string {
  const groups = new Map<string, number>();
  const root = path.join(here, '..') + path.sep;
  for (const f of files) {
    const parts = f.split(path.sep);
    const nm = parts.lastIndexOf('node_modules');
    let group: string;
    if (nm >= 0) group = parts[nm + 1]!.startsWith('@') ? `${parts[nm + 1]}/${parts[nm + 2]}` : parts[nm + 1]!;
    else group = f.startsWith(root) ? `${path.dirname(f.slice(root.length))}/` : path.dirname(f);
    groups.set(group, (groups.get(group) ?? 0) + 1);
  }
  return [...groups].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([g, n]) => `${g} ${n}`).join(', ');
}
