import type { Command } from 'commander';
import { InputError } from '../../engine/errors.js';
import { runMonteCarlo } from '../../engine/run/parallel-runner.js';
import { loadRunInputs } from './run.js';
import { writeReport, type ScenarioRunner } from '../../viz/write-report.js';
import type { ExposureProfile } from '../../viz/option-view.js';
import { runAction } from '../report-error.js';

/**
 * The pooled Monte Carlo runner of `motorcade run` (same scenario, seed and samples → same numbers), and
 * the exposure edge by edge of each option's nominal run, from the run's own prepared context.
 */
const runner: ScenarioRunner = async (graph, scenario, opts) => {
  const run = await runMonteCarlo(graph, scenario, { samples: opts.samples, seed: opts.seed, workers: opts.workers });
  const exposureProfile = (mi: number, oi: number): ExposureProfile | null => {
    const nominal = run.ctx.nominal(mi, oi);
    if (!nominal) return null;
    const rec = nominal.record;
    return { edges: rec.edges, lengthM: rec.lengthM, exposure: rec.exposure.map((c) => c.reduce((a, b) => a + b, 0)) };
  };
  return { result: run.result, partial: run.partial, exposureProfile };
};

function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InputError(`${flag} ${value}: expected a positive whole number`);
  return n;
}

function workersOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InputError(`--workers ${value}: expected a whole number ≥ 0 (0 = run on the main thread)`);
  return n;
}

function seedOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InputError(`--seed ${value}: expected a whole number ≥ 0`);
  return n;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('run a scenario and write an offline HTML report (map, comparison table, distributions, playback); prints its path')
    .argument('<scenario>', 'scenario file (.yaml)')
    .requiredOption('-o, --out <file>', 'HTML file to write')
    .option('--samples <n>', 'Monte Carlo samples per option (default: the scenario\'s)')
    .option('--seed <s>', 'random seed (default: the scenario\'s)')
    .option('--workers <n>', 'worker threads (default: available cores; 0 = run on the main thread)')
    .option('--data <dir>', 'Phnom Penh data folder for the rivers layer (default: $MOTORCADE_DATA or ../shared/data/phnom-penh; the road graph comes from the same place as for motorcade run)')
    .action(
      runAction(async (scenario: string, opts: { out: string; samples?: string; seed?: string; workers?: string; data?: string }) => {
        const wanted: Parameters<typeof writeReport>[1] = { out: opts.out };
        const samples = positiveInt('--samples', opts.samples);
        const seed = seedOf(opts.seed);
        const workers = workersOf(opts.workers);
        if (samples !== undefined) wanted.samples = samples;
        if (seed !== undefined) wanted.seed = seed;
        if (workers !== undefined) wanted.workers = workers;
        if (opts.data !== undefined) wanted.dataDir = opts.data;
        const written = await writeReport(scenario, wanted, { load: loadRunInputs, run: runner });
        process.stderr.write(`report: ${(written.bytes / 1e6).toFixed(2)} MB, ${written.result.movements.length} movement(s), ${written.result.samples} samples per option\n`);
        process.stdout.write(written.file + '\n');
      }),
    );
}
