import { afterAll, describe, expect, it } from 'vitest';
import { runWorkload } from '../../engine/run/pool/run-workload.js';
import { SamplePool } from '../../engine/run/pool/sample-pool.js';
import { syntheticGrid } from '../support/synthetic-grid.js';
import { sampleWorkload, SyntheticAggregate, type SyntheticPayload, type SyntheticSummary } from '../support/synthetic-workload.js';
import { faultyPool, type FaultInjection } from '../support/fault-injection.js';

// Workers load the compiled job from dist/ (`npm test` runs tsc first).
const graph = syntheticGrid(20, 20).toShared();
const streams = [
  { movementIndex: 0, optionIndex: 0 },
  { movementIndex: 0, optionIndex: 1 },
  { movementIndex: 1, optionIndex: 0 },
];
const payload: SyntheticPayload = { seed: 'asean-2022', searchesPerSample: 1 };

async function run(workers: number, chunkSize?: number, fault?: FaultInjection) {
  const agg = new SyntheticAggregate();
  const pool = fault ? faultyPool(graph, workers, fault) : undefined;
  try {
    const outcome = await runWorkload<SyntheticPayload, SyntheticSummary>({
      graph, workloadModule: 'test/support/synthetic-workload', localWorkload: sampleWorkload, payload, streams, samples: 40, workers, chunkSize, pool,
      sink: (c, s) => agg.add(c, s),
    });
    return { outcome, json: JSON.stringify(agg.result()) };
  } finally {
    await pool?.destroy();
  }
}

describe('sample pool over the shared graph', () => {
  const pool = new SamplePool(graph, 2);
  afterAll(() => pool.destroy());

  it('hands every worker the same SharedArrayBuffer, by reference, not a copy', async () => {
    expect(graph.toShared()).toBe(graph); // already shared: no second copy
    expect(pool.graphBuffer).toBe(graph.buffer);
    const offset = graph.buffer.byteLength - 1; // last byte: padding or metadata, unused by searches
    const bytes = new Uint8Array(graph.buffer);
    const before = await pool.probeAll(offset);
    expect(before.map((p) => p.shared)).toEqual([true, true]);
    expect(new Set(before.map((p) => p.threadId)).size).toBe(2);
    expect(before.every((p) => p.byteLength === graph.buffer.byteLength && p.byte === bytes[offset])).toBe(true);
    const saved = bytes[offset]!;
    bytes[offset] = (saved + 77) & 0xff; // a write in the main thread is seen by every worker
    try {
      const after = await pool.probeAll(offset);
      expect(after.map((p) => p.byte)).toEqual([bytes[offset], bytes[offset]]);
    } finally {
      bytes[offset] = saved;
    }
  });
  it('a reused pool prepares a payload once per worker: the same plan again costs no preparation, same result', async () => {
    const once = async (p: SyntheticPayload) => {
      const agg = new SyntheticAggregate();
      const outcome = await runWorkload<SyntheticPayload, SyntheticSummary>({
        graph, workloadModule: 'test/support/synthetic-workload', localWorkload: sampleWorkload, payload: p, streams, samples: 40, workers: 2, chunkSize: 5, pool,
        sink: (c, s) => agg.add(c, s),
      });
      return { prepares: outcome.prepareMs.length, json: JSON.stringify(agg.result()) };
    };
    const first = await once(payload);
    // Once per worker, not once per chunk in the worker: its two pipelined chunks share one preparation.
    expect(first.prepares).toBeLessThanOrEqual(2);
    const again = await once({ ...payload }); // a new object with the same content: the same context key
    expect(again.prepares).toBe(0);
    expect(again.json).toBe(first.json);
    const other = await once({ ...payload, seed: 'another seed' }); // a new payload: every worker that runs a chunk prepares it
    expect(other.prepares).toBeGreaterThanOrEqual(1);
    expect(other.prepares).toBeLessThanOrEqual(2);
    expect(other.json).not.toBe(first.json);
    expect((await once(payload)).json).toBe(first.json); // back to the first: prepared again, same result
  });
});

describe('runWorkload', () => {
  it('gives byte-identical aggregates in-process and with 1, 2, 3 workers, for any chunk size', async () => {
    const reference = (await run(0, 40)).json;
    expect(reference).toContain('"0/1":{"samples":40');
    for (const [workers, chunkSize] of [[0, 1], [1, 7], [2, undefined], [2, 3], [3, 11]] as const) {
      const { json, outcome } = await run(workers, chunkSize);
      expect(outcome.partial).toBe(false);
      expect(json, `workers ${workers}, chunk ${chunkSize}`).toBe(reference);
    }
  });

  it('retries a chunk whose worker dies (process.exit) on a fresh worker and loses nothing', async () => {
    const clean = (await run(0, 5)).json;
    const { json, outcome } = await run(2, 5, { chunkIndex: 4, mode: 'exit', attempts: [0] });
    expect(outcome.partial).toBe(false);
    expect(outcome.failure).toBeUndefined();
    // The killed chunk, and the one already waiting on the same worker (two per worker are pipelined).
    expect(outcome.retried).toBeGreaterThanOrEqual(1);
    expect(outcome.retried).toBeLessThanOrEqual(2);
    expect(json).toBe(clean);
  });

  it('ends with the failing movement, option and sample range when the retry fails too, keeping the rest', async () => {
    // chunk 4 of the plan (chunk size 5, 3 streams) is stream 0/1, samples 5-10
    const { json, outcome } = await run(2, 5, { chunkIndex: 4, mode: 'throw', attempts: [0, 1] });
    expect(outcome.partial).toBe(true);
    expect(outcome.retried).toBe(1);
    expect(outcome.failure?.chunk).toEqual({ movementIndex: 0, optionIndex: 1, sampleStart: 5, sampleEnd: 10 });
    expect(String(outcome.failure?.error)).toMatch(/injected fault on chunk 4, attempt 1/);
    const result = JSON.parse(json) as Record<string, { samples: number }>;
    expect(result['0/0']!.samples).toBeGreaterThanOrEqual(5);
    expect(outcome.samplesDone).toBe(Object.values(result).reduce((a, r) => a + r.samples, 0));
  });
});
