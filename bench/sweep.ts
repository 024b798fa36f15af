/**
 * Sweep benchmarks (a few minutes on 2 shared cores; --quick: about one).
 *
 *   npm run build && node dist/bench/sweep.js [--quick] [--only memory,throughput,overhead]
 *
 * 1. Peak memory of a run of 10k, 100k and 1M samples of one stream (--quick: 10k, 100k), each in its own
 *    process: a real run through the sweep's bounded summaries, against the row-keeping peer (a row per
 *    sample, as `motorcade run` kept them before its aggregation was bounded) fed as many rows. The
 *    verdict MISSes and exits 1 when the bounded run's peak live memory grows by more than FLAT_MB from
 *    10k samples (already beyond the 2,048-value exact budget) to the largest size. The harness is
 *    bench/memory-harness.ts, shared with bench/run-memory.ts.
 * 2. Sweep throughput of the bundled contingency sweep: in-process, the local pool (1 and 2 workers), and
 *    1, 2 and 3 `motorcade worker` processes on a redis-server started here on a free loopback port. Wall
 *    time of the whole command, process start included, and the ratio to in-process in the same run.
 * 3. The queue's overhead per job against the shard's work, and the shard size that keeps it under 2 %.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { Verdict } from './verdict.js';
import { loadSweep } from '../engine/run/sweep/load-sweep.js';
import { runSweepLocal } from '../engine/run/sweep/run-sweep.js';
import { loadRunInputs } from '../cli/scenario-inputs.js';
import { flatVerdict, memoryInChild, printMemoryTable } from './memory-harness.js';

const CLI = path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
const SELF = path.join(PACKAGE_ROOT, 'dist', 'bench', 'sweep.js');
const SWEEP = path.join(PACKAGE_ROOT, 'scenarios', 'sweeps', 'contingency-sweep.yaml');
const quick = process.argv.includes('--quick');
/** Growth of the bounded run's peak live memory from 10k samples to the largest size that still counts as flat, MB. */
const FLAT_MB = 1;
/** The target of the queue's overhead per job, % of the shard's work. */
const OVERHEAD_TARGET_PCT = 2;

if (process.argv[2] === '--child-memory') {
  const { memoryChild } = await import('./sweep-memory-child.js');
  await memoryChild(process.argv[3] as 'bounded' | 'rows', Number(process.argv[4]));
  process.exit(0);
}

function memory(mode: 'bounded' | 'rows', n: number) {
  return memoryInChild(SELF, ['--child-memory', mode, String(n)]);
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

/** Connect until the port answers, at most 100 times 100 ms apart. */
async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => (c.end(), resolve(true)));
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis-server does not answer on 127.0.0.1:${port}`);
}

function timedCli(args: string[], env: Record<string, string> = {}): { ms: number; out: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`motorcade ${args.join(' ')}: ${r.stderr}`);
  return { ms: performance.now() - t, out: r.stdout };
}

async function startWorkers(url: string, n: number): Promise<ChildProcess[]> {
  const ws = Array.from({ length: n }, () => spawn(process.execPath, [CLI, 'worker', '--queue', url], { stdio: ['ignore', 'ignore', 'pipe'] }));
  await Promise.all(ws.map((w) => new Promise<void>((resolve) => w.stderr!.on('data', (d: Buffer) => /waiting for shards/.test(String(d)) && resolve()))));
  return ws;
}

/** A copy of the bundled sweep with another shard size (its scenario path made absolute). */
function sweepWithShard(dir: string, shard: number): string {
  const file = path.join(dir, `shard-${shard}.yaml`);
  const text = fs.readFileSync(SWEEP, 'utf8').replace(/^shard_samples: .*$/m, `shard_samples: ${shard}`).replace(/^scenario: .*$/m, `scenario: ${path.join(PACKAGE_ROOT, 'scenarios', 'contingency-plans.yaml')}`);
  fs.writeFileSync(file, text);
  return file;
}

const verdict = new Verdict();
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]!.split(',') : ['memory', 'throughput', 'overhead'];
let sink = 0;
console.log(`# bench/sweep — ${os.availableParallelism()} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}`);

if (only.includes('memory')) {
  console.log('\n## peak memory of a run of one stream (growth over the loaded process, MB)');
  const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const rows = printMemoryTable('rows (peer)', sizes, (n) => ({ samples: n, bounded: memory('bounded', n), rows: memory('rows', n) }));
  flatVerdict(verdict, rows, sizes[0]!, sizes[sizes.length - 1]!, FLAT_MB);
}

if (!only.includes('throughput') && !only.includes('overhead')) {
  // nothing on Redis asked for
} else if (spawnSync('redis-server', ['--version']).status !== 0) {
  console.log('\nredis-server not installed: queue benches skipped');
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-bench-'));
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  let workers: ChildProcess[] = [];
  try {
    await waitForPort(port);
    if (only.includes('throughput')) {
      const samples = quick ? 40 : 160;
      console.log(`\n## sweep throughput (contingency-sweep, 16 variants × ${samples} samples × 9 option streams, shards of 20; wall s incl. process start)`);
      const args = ['sweep', SWEEP, '--samples', String(samples), '--json'];
      const inProcess = timedCli([...args, '--workers', '0', '--seed', 'bench-0']);
      const row = (what: string, ms: number): void => console.log(`${what.padEnd(26)} ${(ms / 1000).toFixed(2).padStart(6)}  ${(inProcess.ms / ms).toFixed(2)} × in-process`);
      row('in-process (1 thread)', inProcess.ms);
      const results = new Set([inProcess.out]);
      for (const k of [1, 2]) {
        const p = timedCli([...args, '--workers', String(k), '--seed', 'bench-0'], { MOTORCADE_POOL_WHEN_WORK_MS: '0' });
        results.add(p.out);
        row(`local pool, ${k} worker${k > 1 ? 's' : ''}`, p.ms);
      }
      for (const k of [1, 2, 3]) {
        workers = await startWorkers(url, k);
        const q = timedCli([...args, '--queue', url, '--seed', `bench-${k}`]); // a seed of its own: no results reused from Redis
        row(`queue, ${k} worker process${k > 1 ? 'es' : ''}`, q.ms);
        for (const w of workers) w.kill('SIGTERM');
        workers = [];
      }
      verdict.agree('in-process and pool output', results.size === 1, results.size === 1 ? 'the same JSON bytes' : `${results.size} different outputs`);
    }
    if (only.includes('overhead')) {
      console.log('\n## queue overhead per job (1 warm worker)');
      workers = await startWorkers(url, 1);
      timedCli(['sweep', SWEEP, '--samples', '4', '--json', '--queue', url, '--seed', 'bench-warm']); // the graph loaded in its sandbox
      const n = quick ? 40 : 80;
      // The work per variant-sample (all 9 streams): CPU time of the shards in this process (a shared machine's
      // load changes wall times between two runs far more than the slope), the slope between n and 3n samples.
      const loaded = await loadSweep(SWEEP, loadRunInputs);
      loaded.spec.shardSamples = 1000;
      const cpuOf = (samples: number): number => {
        loaded.spec.samples = samples;
        loaded.spec.seed = `cpu-${samples}`;
        const c0 = process.cpuUsage();
        sink += runSweepLocal(loaded).ranking.length;
        const c = process.cpuUsage(c0);
        return (c.user + c.system) / 1000;
      };
      cpuOf(8); // warm-up: the first variants of a process run cold code
      const c1 = cpuOf(n);
      const c3 = cpuOf(3 * n);
      const perSampleMs = (c3 - c1) / (16 * 2 * n);
      // The per-job overhead: the same work in many small jobs against one job per variant, the faster of two
      // rounds each (fresh seeds, so nothing is read back from Redis).
      const small = 5;
      const best = (shard: number): number => Math.min(...[0, 1].map((round) => timedCli(['sweep', sweepWithShard(dir, shard), '--samples', String(n), '--json', '--queue', url, '--seed', `o-${shard}-${round}`]).ms));
      const q1 = best(small);
      const q2 = best(n);
      const jobs = 16 * Math.ceil(n / small);
      const perJobMs = Math.max(0, (q1 - q2) / (jobs - 16));
      console.log(`work per variant-sample  ${perSampleMs.toFixed(2)} ms CPU (in this process, slope ${16 * n} → ${48 * n} variant-samples)`);
      console.log(`queue overhead per job   ${perJobMs.toFixed(2)} ms (${jobs} jobs of ${small} samples: ${(q1 / 1000).toFixed(2)} s; 16 jobs of ${n}: ${(q2 / 1000).toFixed(2)} s; faster of 2 each)`);
      const pct = (shard: number): number => (100 * perJobMs) / (shard * perSampleMs);
      for (const shard of [20, 100, 500, 1000]) console.log(`shard of ${String(shard).padStart(4)} samples: overhead ${pct(shard).toFixed(1)} % of its work`);
      const needed = Math.ceil(perJobMs / ((OVERHEAD_TARGET_PCT / 100) * perSampleMs));
      console.log(`shard size for < ${OVERHEAD_TARGET_PCT} %: ${needed} samples`);
      verdict.target('queue overhead per job at shards of 500 samples', pct(500), OVERHEAD_TARGET_PCT, 'at most', ' %');
      verdict.target('queue overhead per job at the bundled shard size (20 samples)', pct(20), OVERHEAD_TARGET_PCT, 'at most', ' %');
    }
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    redis.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`\nsink ${sink}`);
for (const line of verdict.summary()) console.log(line);
verdict.finish();
