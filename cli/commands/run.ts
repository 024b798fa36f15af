import type { Command } from 'commander';
import { writeFileAtomic } from '../../engine/atomic-write.js';
import { InputError } from '../../engine/errors.js';
import { describeFsError } from '../../engine/input-file.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { ChunkFailedError } from '../../engine/run/chunk-failed-error.js';
import { FIRST_INTERRUPT_WHILE_PREPARING, FIRST_INTERRUPT_WHILE_SAMPLING, interruptOnSigint } from '../interrupt.js';
import { defaultWorkers } from '../../engine/run/default-workers.js';
import { parseWorkers } from '../run-flags.js';
import { createProgressReporter } from '../progress.js';
import { runMonteCarlo, type MonteCarloRun, type MonteCarloOptions } from '../../engine/run/run.js';
import type { RunResult, RunTimings } from '../../engine/model/run-result.js';
import type { Scenario } from '../../engine/scenario/index.js';
import { runAction } from '../report-error.js';
import { loadRunInputs, scenarioInputs } from '../scenario-inputs.js';
import { checkCsvFolder } from '../csv-set.js';
import { checkOutputPaths, type InputPath, type OutputPath } from '../output-paths.js';
import { CSV_FILES, runSummary, toGeoJSON, writeCsv } from '../run-output.js';
import { parseSeedFlag } from '../seed-flag.js';
import { formatWarning, runWarnings, type ScenarioWarning } from '../scenario-warnings.js';
import { runJson } from '../run-json.js';

export interface RunCommandOptions {
  samples?: string;
  seed?: string;
  json?: boolean;
  csv?: string;
  geojson?: string;
  timings?: boolean;
  workers?: string;
}

export function parseSamplesFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 10_000_000) throw new InputError(`--samples must be a whole number from 1 to 10000000, got "${value}"`);
  return n;
}

/**
 * Simulate every movement × option of a scenario. The one place that decides how samples are executed:
 * on the worker pool (engine/run/run.ts; workers 0 = in-process), byte-identical either way.
 */
export async function executeRun(
  graph: RoadGraph,
  scenario: Scenario,
  opts: Pick<MonteCarloOptions, 'samples' | 'workers' | 'signal' | 'onProgress' | 'onPrepare' | 'onStage'> & { seed?: string | undefined },
): Promise<{ result: RunResult; timings: RunTimings; partial: boolean; warnings: ScenarioWarning[] }> {
  const { result, timings, partial, ctx, analysis } = await runMonteCarlo(graph, scenario, { ...opts, workers: opts.workers ?? defaultWorkers() });
  const warnings = runWarnings(graph, scenario, ctx, (mi, oi) => analysis.options[mi]?.[oi]?.nominal?.record ?? null);
  return { result, timings, partial, warnings };
}

/** Every output of `run` (--csv folder, --geojson file) is checked before the run: see cli/output-paths.ts. */
export function checkRunOutputs(opts: Pick<RunCommandOptions, 'csv' | 'geojson'>, inputs: InputPath[]): void {
  const outputs: OutputPath[] = [];
  if (opts.csv !== undefined) outputs.push({ flag: '--csv', path: opts.csv, kind: 'folder' });
  if (opts.geojson !== undefined) outputs.push({ flag: '--geojson', path: opts.geojson, kind: 'file' });
  checkOutputPaths(outputs, inputs);
  if (opts.csv !== undefined) checkCsvFolder(opts.csv, CSV_FILES, opts.geojson !== undefined ? [opts.geojson] : []);
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('simulate every movement and route option of a scenario (Monte Carlo) and score time, exposure, response and evacuation')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--samples <n>', 'samples per movement × option (default: the scenario monte_carlo.samples)')
    .option('--seed <s>', 'random seed (default: the scenario monte_carlo.seed); same seed → identical output')
    .option('--json', 'print the complete result as JSON on stdout (no timings, byte-identical for the same seed)')
    .option('--csv <dir>', 'write options.csv, hotspots.csv, response.csv, events.csv, histograms.csv into DIR')
    .option('--geojson <file>', 'write routes, hotspots and chokepoints as a GeoJSON FeatureCollection')
    .option('--timings', 'print wall-clock timings on stderr')
    .option('--workers <n>', `up to N worker threads (default: the available cores, ${defaultWorkers()} here; 0 = main thread only; short runs start none); results do not depend on it`)
    .action(
      runAction(async (file: string, opts: RunCommandOptions) => {
        const workers = opts.workers === undefined ? undefined : parseWorkers(opts.workers);
        const samples = parseSamplesFlag(opts.samples);
        checkRunOutputs(opts, [{ what: 'the scenario', path: file }]);
        const seed = parseSeedFlag(opts.seed);
        const { graph, scenario } = await loadRunInputs(file);
        checkRunOutputs(opts, scenarioInputs(file, scenario));
        // Ctrl-C once: finish running chunks, write what was done marked partial (while the run is still
        // being prepared: stop, write nothing, exit 130: PreparationInterrupted); twice: exit at once.
        const progress = createProgressReporter({ json: opts.json === true });
        let stage = 'preparing';
        const guard = interruptOnSigint({ onFirst: () => progress.stop(), firstMessage: () => (stage === 'preparing' ? FIRST_INTERRUPT_WHILE_PREPARING : FIRST_INTERRUPT_WHILE_SAMPLING) });
        let run: Awaited<ReturnType<typeof executeRun>>;
        try {
          run = await executeRun(graph, scenario, {
            samples,
            seed,
            workers,
            signal: guard.signal,
            onProgress: (p) => progress.onProgress(p),
            onPrepare: (step) => progress.onPrepare(step),
            onStage: (s) => {
              stage = s;
              progress.onStage(s);
            },
          });
        } catch (err) {
          // A chunk failed twice: still write everything computed (marked partial), then report the error.
          const partial = err instanceof ChunkFailedError ? (err.partial as MonteCarloRun | undefined) : undefined;
          if (partial) {
            if (opts.csv) writeCsv(opts.csv, partial.result);
            if (opts.geojson) writeFileAtomic(opts.geojson, JSON.stringify(toGeoJSON(partial.result)) + '\n');
            if (opts.json) process.stdout.write(JSON.stringify(runJson(partial.result, []), null, 2) + '\n');
          }
          throw err;
        } finally {
          progress.stop();
          guard.dispose();
        }
        const { result, timings } = run;
        if (opts.csv) writeCsv(opts.csv, result);
        if (opts.geojson) writeFileAtomic(opts.geojson, JSON.stringify(toGeoJSON(result)) + '\n');
        if (opts.json) process.stdout.write(JSON.stringify(runJson(result, run.warnings), null, 2) + '\n');
        else process.stdout.write(runSummary(result) + '\n');
        for (const w of run.warnings) process.stderr.write(formatWarning(file, w) + '\n');
        if (opts.timings) process.stderr.write(`timings: prepare ${timings.prepareMs.toFixed(0)} ms, simulate ${timings.simulateMs.toFixed(0)} ms, aggregate ${timings.aggregateMs.toFixed(0)} ms\n`);
        if (run.partial) {
          process.stderr.write('motorcade: interrupted: the result covers the samples done only and is marked "partial": true\n');
          process.exitCode = 130;
        }
      }),
    );
}
