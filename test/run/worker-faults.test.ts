import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { ChunkFailedError } from '../../engine/run/chunk-failed-error.js';
import type { WorkerLimits } from '../../engine/run/pool/sample-pool.js';
import { runMonteCarlo, type MonteCarloRun } from '../../engine/run/run.js';
import { loadScenarioOrThrow } from '../../engine/scenario/index.js';
import type { Scenario } from '../../engine/scenario/model.js';
import { faultyPool, type FaultInjection } from '../support/fault-injection.js';

// Worker faults away from the cooperative point: a worker that dies after writing half a chunk into its
// shared result slot, one that hangs, one that runs out of memory. Each chunk is retried once on a fresh
// worker; the result must be byte-identical to a clean run. Workers load the compiled job from dist/.
let graph: RoadGraph;
let scenario: Scenario;
let clean: string;
const SAMPLES = 8;
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

beforeAll(async () => {
  graph = (await loadGraph()).graph;
  scenario = await loadScenarioOrThrow('scenarios/asean-2022-arrivals.yaml');
  clean = sha(JSON.stringify((await runMonteCarlo(graph, scenario, { samples: SAMPLES, workers: 0 })).result));
});

// mainThreadHelps false: every chunk goes to a worker, so each fault really happens in one.
const faulty = async (fault: FaultInjection, workerLimits?: WorkerLimits): Promise<MonteCarloRun> => {
  const pool = faultyPool(graph, 2, fault, workerLimits);
  try {
    return await runMonteCarlo(graph, scenario, { samples: SAMPLES, chunkSize: 4, mainThreadHelps: false, pool });
  } finally {
    await pool.destroy();
  }
};

describe('worker faults: retried once on a fresh worker, same result', () => {
  it('a worker dying mid-chunk, after it wrote half the chunk\'s rows into the shared slot', async () => {
    const run = await faulty({ chunkIndex: 1, mode: 'exit', attempts: [0], at: 'mid' });
    expect(run.outcome.retried).toBeGreaterThanOrEqual(1);
    expect(run.outcome.sharedSlotChunks).toBeGreaterThan(0);
    expect(run.partial).toBe(false);
    expect(sha(JSON.stringify(run.result))).toBe(clean);
  }, 120_000);

  it('a hung worker: the chunk timeout terminates it and the chunk runs again', async () => {
    // 8 s: far above a healthy chunk of 4 samples (with the worker's preparation) even on a loaded machine.
    const run = await faulty({ chunkIndex: 2, mode: 'hang', attempts: [0], at: 'mid' }, { chunkTimeoutMs: 8_000 });
    expect(run.outcome.retried).toBeGreaterThanOrEqual(1);
    expect(run.partial).toBe(false);
    expect(sha(JSON.stringify(run.result))).toBe(clean);
  }, 120_000);

  it('a worker out of memory (its heap limit, not the process\'s) dies alone and the chunk runs again', async () => {
    const run = await faulty({ chunkIndex: 0, mode: 'oom', attempts: [0] }, { workerHeapMb: 256 });
    expect(run.outcome.retried).toBeGreaterThanOrEqual(1);
    expect(run.partial).toBe(false);
    expect(sha(JSON.stringify(run.result))).toBe(clean);
  }, 120_000);

  it('a chunk that hangs on its retry too fails the run with the timeout named, keeping the rest as partial', async () => {
    let err: unknown;
    try {
      // 3 s: whichever attempt times out (the hang, or a slow fresh worker), the failure names the timeout.
      await faulty({ chunkIndex: 1, mode: 'hang', attempts: [0, 1] }, { chunkTimeoutMs: 3_000 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChunkFailedError);
    const e = err as ChunkFailedError<MonteCarloRun>;
    expect(e.message).toMatch(/failed twice \(on a fresh worker too\): .*ran for more than 3 s \(a hung worker\)/);
    expect(e.partial?.result.partial).toBe(true);
  }, 120_000);
});
