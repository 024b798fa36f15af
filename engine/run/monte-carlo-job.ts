import type { RoadGraph } from '../graph/road-graph.js';
import type { Scenario } from '../scenario/model.js';
import type { RunPlan } from '../model/run-plan.js';
import { prepareRun, prepareRunFromPlan, runSampleChunk, type PreparedRun, type PrepareOptions, type SampleSummary } from '../sim/sample-chunk.js';
import type { SampleJob } from './pool/sample-job.js';
import { packSummaries, SUMMARY_WIDTH, unpackSummaries } from './summary-codec.js';

/**
 * The Monte Carlo of `motorcade run` as a pool job: each worker rebuilds the PreparedRun from the shared
 * graph and the scenario (or plan) once per run, then simulates chunks of samples (engine/sim/sample-chunk.ts).
 */
export type RunJobPayload =
  | { kind: 'scenario'; scenario: Scenario; opts: PrepareOptions }
  | { kind: 'plan'; plan: RunPlan; opts: PrepareOptions };

/** Path of this module from the package root, as workers load it from dist/. */
export const RUN_JOB_MODULE = 'engine/run/monte-carlo-job';

export function prepareFromPayload(graph: RoadGraph, payload: RunJobPayload): PreparedRun {
  return payload.kind === 'scenario' ? prepareRun(graph, payload.scenario, payload.opts) : prepareRunFromPlan(graph, payload.plan, payload.opts);
}

export const sampleJob: SampleJob<RunJobPayload, PreparedRun, SampleSummary> = {
  prepare: prepareFromPayload,
  runChunk: runSampleChunk,
  pack: packSummaries,
  unpack: unpackSummaries,
  packedWidth: SUMMARY_WIDTH,
};
