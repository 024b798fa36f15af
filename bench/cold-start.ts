/**
 * bench/cold-start — whole-process start-up of the CLI against a bare `node -e 0`, in the same run.
 *
 *   npm run build && node dist/bench/cold-start.js [--quick]
 *
 * Spawns each command N times (interleaved: bare node, then each command, round after round, so a busy
 * machine slows all of them alike), takes the median wall time of each, and prints the ratio to bare
 * node. Targets (issue 19): `--help` ≤ 2.5×, one cached `route` ≤ 4×; a MISS line for each target not
 * reached, and a non-zero exit when a command fails. The route's graph cache is warmed first.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const quick = process.argv.includes('--quick');
const N = quick ? 7 : 21;
const main = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'main.js');

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

function once(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
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
console.log(`cold start on ${os.cpus()[0]?.model ?? 'cpu'} (${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)}), node ${process.version}, median of ${N} interleaved runs`);
console.log('| command | median ms | min ms | × node -e 0 | target |');
console.log('|---|---|---|---|---|');
const misses: string[] = [];
cases.forEach((c, i) => {
  const m = median(times[i]!);
  const ratio = m / bare;
  console.log(`| ${c.name} | ${m.toFixed(0)} | ${Math.min(...times[i]!).toFixed(0)} | ${ratio.toFixed(2)}× | ${c.target ? `≤ ${c.target}×` : ''} |`);
  if (c.target && ratio > c.target) misses.push(`MISS: ${c.name} ${ratio.toFixed(2)}× node -e 0 (target ≤ ${c.target}×)`);
});
for (const m of misses) console.log(m);
