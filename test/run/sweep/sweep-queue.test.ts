import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cli, cliBuilt, ROOT } from '../../cli/cli-spawn.js';

/**
 * The sweep on Redis (BullMQ), end to end: Debian's redis-server on a free loopback port, two
 * `motorcade worker` processes, one killed in the middle of a shard. With CI set, a missing redis-server
 * fails the test instead of skipping it.
 */
const haveRedis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
if (!haveRedis && process.env['CI']) throw new Error('redis-server is not installed: the queue tests need it in CI (.ci/run installs it with apt-get)');

const SWEEP = path.join(ROOT, 'scenarios', 'sweeps', 'contingency-sweep.yaml');
const ARGS = ['sweep', SWEEP, '--samples', '12', '--json'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Connect to the port until it answers, at most `tries` times 100 ms apart. */
async function waitForPort(port: number, tries = 50): Promise<void> {
  for (let i = 0; i < tries; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => (c.end(), resolve(true)));
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing answers on 127.0.0.1:${port}`);
}

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), 120_000); // a bound, not a timed assertion: a hung sweep fails the test
    p.on('close', (code) => (clearTimeout(timer), resolve({ code, out, err })));
  });
}

function startWorker(url: string): { proc: ChildProcess; firstJob: Promise<void> } {
  const proc = spawn(process.execPath, [CLI, 'worker', '--queue', url, '--lock-ms', '2000'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const firstJob = new Promise<void>((resolve) => proc.stderr!.on('data', (d) => ((log += d), /^active /m.test(log) && resolve())));
  return { proc, firstJob };
}

describe.skipIf(!cliBuilt || !haveRedis)('motorcade sweep --queue (BullMQ on Redis)', () => {
  let dir = '';
  let port = 0;
  let redis: ChildProcess | undefined;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-redis-'));
    port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    await waitForPort(port);
  });

  afterAll(() => {
    for (const w of workers) w.kill('SIGKILL');
    redis?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the local run’s JSON byte for byte (in-process and on the pool), with a worker killed mid-shard, and resumes from Redis', async () => {
    const local = cli([...ARGS, '--workers', '0']);
    expect(local.code).toBe(0);
    const pooled = spawnSync(process.execPath, [CLI, ...ARGS, '--workers', '2'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, MOTORCADE_POOL_WHEN_WORK_MS: '0' } });
    expect(pooled.stdout).toBe(local.out);
    const url = `redis://127.0.0.1:${port}`;
    const a = startWorker(url);
    const b = startWorker(url);
    workers.push(a.proc, b.proc);
    const sweep = run([...ARGS, '--queue', url]);
    await a.firstJob; // its first shard is running (the graph loads in its sandbox): kill it there
    a.proc.kill('SIGKILL');
    const queued = await sweep;
    expect(queued.code, queued.err).toBe(0);
    expect(queued.out).toBe(local.out);
    // Results stay in Redis: with no worker left, the same sweep completes from them (resume).
    b.proc.kill('SIGKILL');
    const again = await run([...ARGS, '--queue', url]);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toBe(local.out);
  }, 240_000); // four sweeps and two workers: generous for a loaded 2-core machine running other test files beside it

  it('Redis lost mid-sweep: one line, exit 3, and the shards done stay counted', async () => {
    const sweep = run(['sweep', SWEEP, '--samples', '3', '--seed', 'other', '--json', '--queue', `redis://127.0.0.1:${port}`]);
    // Wait until its 16 shards are enqueued and waiting (no worker runs them): a bounded poll of the queue.
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true });
    await client.connect();
    for (let i = 0; i < 300 && (await client.llen('bull:motorcade-sweep:wait')) < 16; i++) await new Promise((r) => setTimeout(r, 100));
    client.disconnect();
    redis!.kill('SIGKILL');
    const r = await sweep;
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^motorcade: lost Redis at redis:\/\/127\.0\.0\.1:\d+ .*: 0 of 16 shards done and kept there; run the same command again to resume\n$/);
  }, 30_000);
});

describe.skipIf(!cliBuilt)('motorcade sweep --queue without Redis', () => {
  it('says in one line that Redis cannot be reached (exit 3)', async () => {
    const port = await freePort();
    const r = cli(['sweep', SWEEP, '--samples', '2', '--queue', `redis://127.0.0.1:${port}`]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(new RegExp(`^motorcade: cannot reach Redis at redis://127\\.0\\.0\\.1:${port}: ECONNREFUSED\\n$`));
  });

  it('refuses an address that is not redis://HOST:PORT (exit 2)', () => {
    const r = cli(['sweep', SWEEP, '--queue', 'http://localhost']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('motorcade: --queue must be redis://HOST:PORT, got "http://localhost"\n');
  });
});
