import { beforeAll, describe, expect, it } from 'vitest';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { RunAggregator } from '../../engine/run/aggregate.js';
import { packSummaries } from '../../engine/run/summary-codec.js';
import type { PreparedRun } from '../../engine/sim/prepared-run.js';
import { runInProcess } from '../../engine/run/run-in-process.js';
import { planTasks, runSampleChunk, type SampleSummary } from '../../engine/sim/sample-chunk.js';
import { loadScenarioOrThrow } from '../../engine/scenario/index.js';
import type { SampleRange } from '../../engine/model/sample-range.js';
import type { RunAnalysis } from '../../engine/analysis/run-analysis.js';

// The main thread aggregates workers' chunks straight from their packed rows (RunAggregator.addPacked):
// it must give exactly what aggregating the summary objects gives, in any arrival order.
let graph: RoadGraph;
let ctx: PreparedRun;
let analysis: RunAnalysis;
let reference: string;
let chunks: { task: SampleRange; summaries: SampleSummary[] }[];
beforeAll(async () => {
  graph = (await loadGraph()).graph;
  const run = runInProcess(graph, await loadScenarioOrThrow('scenarios/asean-2022-arrivals.yaml'), { samples: 6 });
  ctx = run.ctx;
  analysis = run.analysis;
  reference = JSON.stringify(run.result);
  chunks = planTasks(ctx, 4).map((task) => ({ task, summaries: runSampleChunk(ctx, task) }));
});

describe('RunAggregator.addPacked', () => {
  it('gives the byte-identical RunResult of add(), chunks in reverse order', () => {
    const agg = new RunAggregator(ctx);
    for (const c of [...chunks].reverse()) agg.addPacked(c.task, packSummaries(c.summaries));
    expect(agg.samplesDone).toBe(chunks.reduce((a, c) => a + c.summaries.length, 0));
    expect(JSON.stringify(agg.result(analysis))).toBe(reference);
  });

  it('mixes with add() (main-thread chunks are objects, workers\' packed)', () => {
    const agg = new RunAggregator(ctx);
    chunks.forEach((c, i) => (i % 2 ? agg.add(c.task, c.summaries) : agg.addPacked(c.task, packSummaries(c.summaries))));
    expect(JSON.stringify(agg.result(analysis))).toBe(reference);
  });

  it('refuses rows of the wrong width', () => {
    const agg = new RunAggregator(ctx);
    expect(() => agg.addPacked(chunks[0]!.task, new Float64Array(7))).toThrow(/whole number of/);
  });
});
