/**
 * Sweep benchmarks (bounded: about a minute on 2 cores).
 *
 *   npm run build && node dist/bench/sweep.js [--quick]
 *
 * 1. Peak memory of aggregating a run of 10k, 100k and 1M samples of one stream: BoundedRunSummary
 *    (mergeable summaries) against RunAggregator (a row per sample), each in its own process, measured
 *    as the growth of the peak RSS while the rows are added (synthetic rows from a seeded stream: the
 *    aggregation is what is measured, not the simulation).
 * 2. Sweep throughput of the bundled contingency sweep: local (this process's single thread) against 1, 2
 *    and 3 `motorcade worker` processes on a redis-server started here on a free loopback port.
 * 3. Queue overhead per job: the queued sweep's wall time against the local one, per shard size.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../engine/paths.js';

const CLI = path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
const SELF = path.join(PACKAGE_ROOT, 'dist', 'bench', 'sweep.js');
const quick = process.argv.includes('--quick');

if (process.argv[2] === '--child-memory') {
  const { memoryChild } = await import('./sweep-memory-child.js');
  await memoryChild(process.argv[3] as 'bounded' | 'rows', Number(process.argv[4]));
  process.exit(0);
}

function memory(mode: string, n: number): { growthMb: number; ms: number } {
  const r = spawnSync(process.execPath, [SELF, '--child-memory', mode, String(n)], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`memory child ${mode} ${n}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { growthMb: number; ms: number };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function timedCli(args: string[]): { ms: number; out: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`motorcade ${args.join(' ')}: ${r.stderr}`);
  return { ms: performance.now() - t, out: r.stdout };
}

async function startWorkers(url: string, n: number): Promise<ChildProcess[]> {
  const ws = Array.from({ length: n }, () => spawn(process.execPath, [CLI, 'worker', '--queue', url], { stdio: ['ignore', 'ignore', 'pipe'] }));
  await Promise.all(ws.map((w) => new Promise<void>((resolve) => w.stderr!.on('data', (d: Buffer) => /waiting for shards/.test(String(d)) && resolve()))));
  return ws;
}

const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
console.log(`# sweep bench on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
console.log('\n## aggregation memory (peak RSS growth, MB; one stream)');
console.log('samples     bounded   rows (RunAggregator)   ratio rows/bounded');
for (const n of sizes) {
  const b = memory('bounded', n);
  const r = memory('rows', n);
  console.log(`${String(n).padStart(9)}  ${b.growthMb.toFixed(1).padStart(8)}  ${r.growthMb.toFixed(1).padStart(20)}  ${(r.growthMb / Math.max(0.1, b.growthMb)).toFixed(1).padStart(8)}`);
}

if (spawnSync('redis-server', ['--version']).status !== 0) {
  console.log('\nredis-server not installed: queue benches skipped');
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-bench-'));
const port = await freePort();
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const url = `redis://127.0.0.1:${port}`;
const sweep = path.join(PACKAGE_ROOT, 'scenarios', 'sweeps', 'contingency-sweep.yaml');
const samples = quick ? '20' : '40';
try {
  console.log(`\n## sweep throughput (contingency-sweep, 16 variants × ${samples} samples, wall ms incl. process start)`);
  const local = timedCli(['sweep', sweep, '--samples', samples, '--seed', 'bench-local', '--json']);
  console.log(`local (1 thread)   ${local.ms.toFixed(0).padStart(6)}  1.00`);
  for (const k of [1, 2, 3]) {
    const ws = await startWorkers(url, k);
    const q = timedCli(['sweep', sweep, '--samples', samples, '--seed', `bench-${k}`, '--json', '--queue', url]);
    console.log(`queue, ${k} worker${k > 1 ? 's' : ' '}   ${q.ms.toFixed(0).padStart(6)}  ${(local.ms / q.ms).toFixed(2)} × local`);
    for (const w of ws) w.kill('SIGTERM');
  }

  console.log('\n## queue overhead per job (1 warm worker)');
  const ws = await startWorkers(url, 1);
  timedCli(['sweep', sweep, '--samples', '4', '--seed', 'bench-warm', '--json', '--queue', url]); // graph loaded in the sandbox
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-shards-'));
  const withShard = (shard: number): string => {
    const file = path.join(tmp, `shard-${shard}.yaml`);
    fs.writeFileSync(file, fs.readFileSync(sweep, 'utf8').replace(/^shard_samples: .*$/m, `shard_samples: ${shard}`).replace(/^scenario: .*$/m, `scenario: ${path.join(PACKAGE_ROOT, 'scenarios', 'contingency-plans.yaml')}`));
    return file;
  };
  const n = Number(samples);
  // Work per variant-sample (all 9 option streams): the slope of local wall time in the sample count.
  const l1 = timedCli(['sweep', withShard(1000), '--samples', String(n), '--seed', 'o', '--json']);
  const l2 = timedCli(['sweep', withShard(1000), '--samples', String(2 * n), '--seed', 'o', '--json']);
  const perSampleMs = (l2.ms - l1.ms) / (16 * n);
  // Per-job overhead: the same work in many small jobs against few large ones.
  const small = 5;
  const q1 = timedCli(['sweep', withShard(small), '--samples', String(n), '--seed', 'o-small', '--json', '--queue', url]);
  const q2 = timedCli(['sweep', withShard(n), '--samples', String(n), '--seed', 'o-large', '--json', '--queue', url]);
  const jobs1 = 16 * Math.ceil(n / small);
  const perJobMs = Math.max(0, (q1.ms - q2.ms) / (jobs1 - 16));
  console.log(`work per variant-sample ${perSampleMs.toFixed(2)} ms (local slope, ${16 * n} → ${32 * n} variant-samples)`);
  console.log(`queue overhead per job  ${perJobMs.toFixed(2)} ms (${jobs1} jobs of ${small} samples: ${q1.ms.toFixed(0)} ms; 16 jobs of ${n}: ${q2.ms.toFixed(0)} ms)`);
  for (const shard of [20, 100, 500]) console.log(`shard of ${String(shard).padStart(3)} samples: overhead ${((100 * perJobMs) / (shard * perSampleMs)).toFixed(1)} % of its work`);
  console.log(`shard size for < 2 %: ${Math.ceil(perJobMs / (0.02 * perSampleMs))} samples`);
  for (const w of ws) w.kill('SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });
} finally {
  redis.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
}
