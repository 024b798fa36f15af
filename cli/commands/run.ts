import type { Command } from 'commander';
import { writeFileAtomic } from '../../engine/atomic-write.js';
import { InputError } from '../../engine/errors.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { runInProcess } from '../../engine/run/run-in-process.js';
import type { RunResult, RunTimings } from '../../engine/run/run-result.js';
import { loadScenarioOrThrow, type Scenario } from '../../engine/scenario/index.js';
import { runAction } from '../report-error.js';
import { runSummary, toGeoJSON, writeCsv } from '../run-output.js';

export interface RunCommandOptions {
  samples?: string;
  seed?: string;
  json?: boolean;
  csv?: string;
  geojson?: string;
  timings?: boolean;
}

/** Load the graph (bundled Phnom Penh, cached) and the scenario, validated against it. */
export async function loadRunInputs(file: string): Promise<{ graph: RoadGraph; scenario: Scenario }> {
  const { graph } = await loadGraph();
  const scenario = await loadScenarioOrThrow(file, { graph });
  return { graph, scenario };
}

export function parseSamplesFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 10_000_000) throw new InputError(`--samples must be a whole number from 1 to 10000000, got "${value}"`);
  return n;
}

/**
 * Simulate every movement × option of a scenario. The one place that decides how samples are executed:
 * in-process here; the worker pool (--workers) plugs in at this call.
 */
export async function executeRun(graph: RoadGraph, scenario: Scenario, opts: { samples?: number | undefined; seed?: string | undefined }): Promise<{ result: RunResult; timings: RunTimings }> {
  // WORKERS: engine/run/parallel-runner.ts runMonteCarlo(graph, scenario, { samples, seed, workers, onProgress, signal }) goes here.
  const prep: { samples?: number; seed?: string } = {};
  if (opts.samples !== undefined) prep.samples = opts.samples;
  if (opts.seed !== undefined) prep.seed = opts.seed;
  const { result, timings } = runInProcess(graph, scenario, prep);
  return { result, timings };
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('simulate every movement and route option of a scenario (Monte Carlo) and score time, exposure, response and evacuation')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--samples <n>', 'samples per movement × option (default: the scenario monte_carlo.samples)')
    .option('--seed <s>', 'random seed (default: the scenario monte_carlo.seed); same seed → identical output')
    .option('--json', 'print the complete result as JSON on stdout (no timings, byte-identical for the same seed)')
    .option('--csv <dir>', 'write options.csv, hotspots.csv, response.csv, events.csv into DIR')
    .option('--geojson <file>', 'write routes, hotspots and chokepoints as a GeoJSON FeatureCollection')
    .option('--timings', 'print wall-clock timings on stderr')
    // WORKERS: --workers <n> and the progress bar are added here (engine/run/parallel-*.ts).
    .action(
      runAction(async (file: string, opts: RunCommandOptions) => {
        const { graph, scenario } = await loadRunInputs(file);
        const { result, timings } = await executeRun(graph, scenario, { samples: parseSamplesFlag(opts.samples), seed: opts.seed });
        if (opts.csv) writeCsv(opts.csv, result);
        if (opts.geojson) writeFileAtomic(opts.geojson, JSON.stringify(toGeoJSON(result)) + '\n');
        if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        else process.stdout.write(runSummary(result) + '\n');
        if (opts.timings) process.stderr.write(`timings: prepare ${timings.prepareMs.toFixed(0)} ms, simulate ${timings.simulateMs.toFixed(0)} ms, aggregate ${timings.aggregateMs.toFixed(0)} ms\n`);
      }),
    );
}
