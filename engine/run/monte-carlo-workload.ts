import type { RoadGraph } from '../graph/road-graph.js';
import type { Scenario } from '../scenario/model.js';
import type { RunPlan } from '../model/run-plan.js';
import { prepareRun, prepareRunFromPlan, runSampleChunk, type PreparedRun, type PrepareOptions, type SampleSummary } from '../sim/sample-chunk.js';
import type { PoolWorkload } from './pool/workload.js';
import { packSummaries, SUMMARY_WIDTH, unpackSummaries } from './summary-codec.js';

/**
 * The Monte Carlo of `motorcade run` as a pool workload: each worker rebuilds the PreparedRun from the shared
 * graph and the scenario (or plan) once per run, then simulates chunks of samples (engine/sim/sample-chunk.ts).
 */
export type MonteCarloPayload =
  | { kind: 'scenario'; scenario: Scenario; opts: PrepareOptions }
  | { kind: 'plan'; plan: RunPlan; opts: PrepareOptions };

/** Path of this module from the package root, as workers load it from dist/. */
export const MONTE_CARLO_WORKLOAD_MODULE = 'engine/run/monte-carlo-workload';

export function prepareFromPayload(graph: RoadGraph, payload: MonteCarloPayload): PreparedRun {
  return payload.kind === 'scenario' ? prepareRun(graph, payload.scenario, payload.opts) : prepareRunFromPlan(graph, payload.plan, payload.opts);
}

export const sampleWorkload: PoolWorkload<MonteCarloPayload, PreparedRun, SampleSummary> = {
  prepare: prepareFromPayload,
  runChunk: runSampleChunk,
  pack: packSummaries,
  unpack: unpackSummaries,
  packedWidth: SUMMARY_WIDTH,
};
