import type { Command } from 'commander';
import { InputError } from '../../engine/errors.js';
import { parseWorkers } from '../run-flags.js';
import { createProgressReporter, type ProgressReporter } from '../progress.js';
import { runMonteCarlo } from '../../engine/run/run.js';
import { checkOutputPaths, type OutputPath } from '../output-paths.js';
import { loadRunInputs, scenarioInputs } from '../scenario-inputs.js';
import { writeReport, type ScenarioRunner, type WriteReportOptions } from '../../viz/write-report.js';
import type { ExposureProfile } from '../../viz/option-view.js';
import { runAction } from '../report-error.js';
import { DEFAULT_CLASSIFICATION } from '../../viz/build-report-data.js';
import { deploymentInputFromScenario, deploymentPlan } from '../../engine/analysis/deployment/index.js';

/**
 * `motorcade report SCENARIO -o FILE`: the same run as `motorcade run` (same loader, same pooled runner,
 * same flags: same numbers), written as one offline HTML file whose path is printed on stdout.
 */

/**
 * The pooled Monte Carlo runner of `motorcade run`, and the exposure edge by edge of each option's
 * nominal run, taken from the run's own analysis (the engine's scoring, not a copy of it, and not run again).
 */
function runnerWith(progress: ProgressReporter): ScenarioRunner {
  return async (graph, scenario, opts) => {
    const run = await runMonteCarlo(graph, scenario, { samples: opts.samples, seed: opts.seed, workers: opts.workers, onProgress: (p) => progress.onProgress(p) });
    progress.stop();
    const exposureProfile = (mi: number, oi: number): ExposureProfile | null => {
      const nominal = run.analysis.options[mi]?.[oi]?.nominal;
      if (!nominal) return null;
      const rec = nominal.record;
      return { edges: rec.edges, lengthM: rec.lengthM, exposure: rec.exposure.map((c) => c.reduce((a, b) => a + b, 0)) };
    };
    // The deployment plan reads the same nominal runs (no simulation again): the report's posts layer and day timeline.
    const deployment = deploymentPlan(run.ctx, deploymentInputFromScenario(scenario, run.ctx.plan), (mi, oi) => run.analysis.options[mi]?.[oi]?.nominal?.record ?? null);
    return { result: run.result, partial: run.partial, exposureProfile, deployment };
  };
}

function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InputError(`${flag} ${value}: expected a positive whole number`);
  return n;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('run a scenario and write an offline HTML report (map, comparison table, distributions, playback); prints its path')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .requiredOption('-o, --out <file>', 'HTML file to write')
    .option('--samples <n>', 'Monte Carlo samples per option (default: the scenario monte_carlo.samples)')
    .option('--seed <s>', 'random seed (default: the scenario monte_carlo.seed); same seed → same numbers as motorcade run')
    .option('--workers <n>', 'worker threads (default: available cores; 0 = in-process); results do not depend on it')
    .option('--data <dir>', 'Phnom Penh data folder for the rivers layer and landmark labels (default: $MOTORCADE_DATA or ../shared/data/phnom-penh)')
    .option('--classification <text>', `classification line printed at the top and bottom of every page (default: "${DEFAULT_CLASSIFICATION}")`)
    .action(
      runAction(async (scenario: string, opts: { out: string; samples?: string; seed?: string; workers?: string; data?: string; classification?: string }) => {
        const wanted: WriteReportOptions = { out: opts.out };
        const samples = positiveInt('--samples', opts.samples);
        if (samples !== undefined) wanted.samples = samples;
        if (opts.seed !== undefined) {
          if (opts.seed.trim() === '') throw new InputError('--seed: expected a value');
          wanted.seed = opts.seed;
        }
        if (opts.workers !== undefined) wanted.workers = parseWorkers(opts.workers);
        if (opts.data !== undefined) wanted.dataDir = opts.data;
        if (opts.classification !== undefined) wanted.classification = opts.classification;
        const progress = createProgressReporter();
        try {
          const out: OutputPath[] = [{ flag: '-o', path: opts.out, kind: 'file' }];
          checkOutputPaths(out, [{ what: 'the scenario', path: scenario }]);
          // The output is checked again once the scenario's road file is known, before the run.
          const load = async (file: string) => {
            const inputs = await loadRunInputs(file);
            checkOutputPaths(out, scenarioInputs(file, inputs.scenario, opts.data));
            return inputs;
          };
          const written = await writeReport(scenario, wanted, { load, run: runnerWith(progress) });
          process.stderr.write(`report: ${(written.bytes / 1e6).toFixed(2)} MB, ${written.result.movements.length} movement(s), ${written.result.samples} samples per option\n`);
          process.stdout.write(written.file + '\n');
        } finally {
          progress.stop();
        }
      }),
    );
}
