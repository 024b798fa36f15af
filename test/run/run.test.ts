import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { ChunkFailedError } from '../../engine/run/chunk-failed-error.js';
import { runMonteCarlo, type MonteCarloRun } from '../../engine/run/run.js';
import { runInProcess } from '../../engine/run/run-in-process.js';
import { loadScenarioOrThrow } from '../../engine/scenario/index.js';
import type { Scenario } from '../../engine/scenario/model.js';
import { faultyPool } from '../support/fault-injection.js';

// The bundled ASEAN 2022 arrivals scenario on the Phnom Penh graph: what users run. Workers load the
// compiled job from dist/ (`npm test` builds first).
let graph: RoadGraph;
let scenario: Scenario;
beforeAll(async () => {
  graph = (await loadGraph()).graph;
  scenario = await loadScenarioOrThrow('scenarios/asean-2022-arrivals.yaml');
});

const SAMPLES = 5;
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('runMonteCarlo', () => {
  it('gives a byte-identical RunResult for 0 (in-process), 1, 2, 3 workers and any chunk size', async () => {
    const reference = JSON.stringify(runInProcess(graph, scenario, { samples: SAMPLES }).result);
    expect(reference.length).toBeGreaterThan(1000);
    for (const [workers, chunkSize] of [[0, 1], [1, 2], [2, undefined], [3, 3]] as const) {
      // poolWhenWorkMs 0: use the workers even for this short run (the main thread helps as well)
      const run = await runMonteCarlo(graph, scenario, { samples: SAMPLES, workers, chunkSize, poolWhenWorkMs: 0 });
      expect(run.partial).toBe(false);
      expect(run.outcome.poolUsed).toBe(workers > 0);
      expect(run.result.partial).toBe(false);
      expect(run.outcome.workers).toBe(workers);
      // compare hashes first: a failure message of two 300 kB strings is unreadable
      expect(sha(JSON.stringify(run.result)), `workers ${workers}, chunk size ${chunkSize}`).toBe(sha(reference));
    }
  });

  it('workers write their rows into the run\'s shared result slots (no copied array per chunk), same result', async () => {
    const clean = await runMonteCarlo(graph, scenario, { samples: 40, workers: 0 });
    const run = await runMonteCarlo(graph, scenario, { samples: 40, workers: 2, chunkSize: 7, mainThreadHelps: false });
    expect(run.outcome.poolUsed).toBe(true);
    expect(run.outcome.mainThreadChunks).toBe(0);
    expect(run.outcome.sharedSlotChunks).toBe(run.outcome.chunks);
    expect(sha(JSON.stringify(run.result))).toBe(sha(JSON.stringify(clean.result)));
  });

  it('a short run stays on the main thread (no worker start-up to pay for), with the same result', async () => {
    const clean = await runMonteCarlo(graph, scenario, { samples: SAMPLES, workers: 0 });
    const run = await runMonteCarlo(graph, scenario, { samples: SAMPLES, workers: 2, poolWhenWorkMs: 60_000 });
    expect(run.outcome.poolUsed).toBe(false);
    expect(run.outcome.mainThreadChunks).toBe(run.outcome.chunks);
    expect(sha(JSON.stringify(run.result))).toBe(sha(JSON.stringify(clean.result)));
  });

  it('a worker killed on a chunk: retried on a fresh worker, same result, nothing lost', async () => {
    const clean = await runMonteCarlo(graph, scenario, { samples: SAMPLES, workers: 0, chunkSize: 2 });
    // mainThreadHelps false: every chunk goes to a worker, so the injected process.exit really kills one
    const pool = faultyPool(graph, 2, { chunkIndex: 3, mode: 'exit', attempts: [0] });
    const run = await runMonteCarlo(graph, scenario, { samples: SAMPLES, chunkSize: 2, mainThreadHelps: false, pool }).finally(() => pool.destroy());
    // The killed chunk, and the one already waiting on the same worker (two per worker are pipelined).
    expect(run.outcome.retried).toBeGreaterThanOrEqual(1);
    expect(run.outcome.retried).toBeLessThanOrEqual(2);
    expect(run.partial).toBe(false);
    expect(sha(JSON.stringify(run.result))).toBe(sha(JSON.stringify(clean.result)));
  });

  it('a chunk failing twice ends the run with an error naming movement, option and samples, and keeps the rest as partial', async () => {
    const streams = scenario.movements.flatMap((mv) => mv.options.map((o) => ({ mv: mv.id, o: o.id })));
    // chunk size 2: chunk k is stream k of the first round, samples 0-1
    const k = Math.min(1, streams.length - 1);
    let err: unknown;
    const pool = faultyPool(graph, 2, { chunkIndex: k, mode: 'throw', attempts: [0, 1] });
    try {
      await runMonteCarlo(graph, scenario, { samples: SAMPLES, chunkSize: 2, mainThreadHelps: false, pool });
    } catch (e) {
      err = e;
    } finally {
      await pool.destroy();
    }
    expect(err).toBeInstanceOf(ChunkFailedError);
    const e = err as ChunkFailedError<MonteCarloRun>;
    expect(e.exitCode).toBe(1);
    expect(e.message).toContain(`samples 0–1 of movement "${streams[k]!.mv}", option "${streams[k]!.o}" failed twice`);
    expect(e.message).toMatch(/injected fault/);
    expect(e.partial?.result.partial).toBe(true);
    expect(e.partial?.outcome.samplesDone).toBeGreaterThan(0);
    // the run stopped handing out chunks at the failure: the chunks that had run are kept, the failed one is not
    expect(e.partial?.outcome.samplesDone).toBeLessThanOrEqual(e.partial!.outcome.samplesTotal - 2);
    const done = e.partial!.result.movements.flatMap((mv) => mv.options.map((o) => o.samplesDone));
    expect(done.reduce((a, b) => a + b, 0)).toBe(e.partial!.outcome.samplesDone);
  });
});
