import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, cli, cliBuilt, ROOT, STACK_LINE } from '../../cli/cli-spawn.js';
import { loadSweep } from '../../../engine/run/sweep/load-sweep.js';
import { runSweepLocal, sweepWork } from '../../../engine/run/sweep/run-sweep.js';
import { runSweepOnPool, shardGroups } from '../../../engine/run/sweep/sweep-on-pool.js';
import { chunkShards, shardChunk } from '../../../engine/run/sweep/sweep-workload.js';
import { SamplePool } from '../../../engine/run/pool/sample-pool.js';
import { loadRunInputs } from '../../../cli/scenario-inputs.js';

const SWEEP = path.join(ROOT, 'scenarios', 'sweeps', 'contingency-sweep.yaml');

describe('sweep shards as pool tasks', () => {
  it('groups consecutive shards of one variant, and a task’s range cuts back into the same shards', async () => {
    const loaded = await loadSweep(SWEEP, loadRunInputs);
    loaded.spec.samples = 7;
    loaded.spec.shardSamples = 2; // shards 0-1, 2-3, 4-5, 6 per variant
    const work = sweepWork(loaded);
    const groups = shardGroups(work.shards, 3);
    expect(groups).toHaveLength(2 * work.variants.length);
    expect(groups.flatMap((g) => g.shards)).toEqual(work.shards);
    for (const g of groups) {
      expect(g.shards.every((s) => s.variantIndex === g.variantIndex)).toBe(true);
      const back = chunkShards(shardChunk(g.variantIndex, g.shards.map((s) => s.range)), 2);
      expect(back).toEqual({ variantIndex: g.variantIndex, shards: g.shards.map((s) => s.range) });
    }
  });
});

describe.skipIf(!cliBuilt)('motorcade sweep on the worker pool', () => {
  it('gives the in-process bytes on 1, 2 and 3 workers, whatever the shard size', async () => {
    const loaded = await loadSweep(SWEEP, loadRunInputs);
    loaded.spec.samples = 5;
    loaded.spec.shardSamples = 2;
    const inProcess = JSON.stringify(runSweepLocal(loaded));
    for (const workers of [1, 2, 3]) {
      const pool = new SamplePool(loaded.graph, workers);
      try {
        let done = 0;
        const onPool = await runSweepOnPool(loaded, workers, { pool, onProgress: (d) => (done = d) });
        expect(JSON.stringify(onPool), `${workers} workers`).toBe(inProcess);
        expect(done).toBe(16 * 3); // every shard of every variant came back
      } finally {
        await pool.destroy();
      }
    }
    loaded.spec.shardSamples = 1;
    expect(JSON.stringify(await runSweepOnPool(loaded, 2, { poolWhenWorkMs: 0 }))).toBe(inProcess);
  }, 120_000);

  it('--workers 0 and --workers 2 print the same JSON (the pool forced on)', () => {
    const run = (args: string[]) => {
      const r = spawnSync(process.execPath, [CLI, 'sweep', SWEEP, '--samples', '4', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, MOTORCADE_POOL_WHEN_WORK_MS: '0' } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return r.stdout;
    };
    expect(run(['--json', '--workers', '2'])).toBe(run(['--json', '--workers', '0']));
  }, 120_000);

  it('refuses a bad --workers, and --workers with --queue, in one line (exit 2)', () => {
    const bad = cli(['sweep', SWEEP, '--workers', 'two']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('motorcade: --workers must be a whole number from 0 (in-process) to 256, got "two"\n');
    const both = cli(['sweep', SWEEP, '--workers', '2', '--queue', 'redis://127.0.0.1:6379']);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/^motorcade: --workers sizes the pool of a sweep on this machine; with --queue the `motorcade worker` processes run the shards: give one of them\n$/);
    expect(both.err).not.toMatch(STACK_LINE);
  });
});
