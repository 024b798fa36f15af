import type { Command } from 'commander';
import { InputError } from '../../engine/errors.js';
import { runInProcess } from '../../engine/run/run-in-process.js';
import { writeReport, type ScenarioRunner } from '../../viz/write-report.js';
import { runAction } from '../report-error.js';

/** On the calling thread: the reference path, byte-identical to the pooled one (engine/run docs). */
const inProcess: ScenarioRunner = async (graph, scenario, opts) => ({ result: runInProcess(graph, scenario, { samples: opts.samples, seed: opts.seed }).result, partial: false });

/** The pooled Monte Carlo runner (engine/run/parallel-runner.ts) when this build has it, else in-process. */
async function loadRunner(workers: number | undefined): Promise<ScenarioRunner> {
  if (workers === 1) return inProcess;
  const specifier = '../../engine/run/parallel-runner.js';
  try {
    const mod = (await import(specifier)) as { runMonteCarlo?: ScenarioRunner };
    if (typeof mod.runMonteCarlo === 'function') return mod.runMonteCarlo;
  } catch {
    // not in this build: fall through
  }
  return inProcess;
}

function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InputError(`${flag} ${value}: expected a positive whole number`);
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
    .option('--workers <n>', 'worker threads (default: available cores)')
    .option('--data <dir>', 'Phnom Penh data folder (default: $MOTORCADE_DATA or ../shared/data/phnom-penh)')
    .action(
      runAction(async (scenario: string, opts: { out: string; samples?: string; seed?: string; workers?: string; data?: string }) => {
        const wanted: Parameters<typeof writeReport>[1] = { out: opts.out };
        const samples = positiveInt('--samples', opts.samples);
        const seed = seedOf(opts.seed);
        const workers = positiveInt('--workers', opts.workers);
        const runner = await loadRunner(workers);
        if (samples !== undefined) wanted.samples = samples;
        if (seed !== undefined) wanted.seed = seed;
        if (workers !== undefined) wanted.workers = workers;
        if (opts.data !== undefined) wanted.dataDir = opts.data;
        const written = await writeReport(scenario, wanted, runner);
        process.stderr.write(`report: ${(written.bytes / 1e6).toFixed(2)} MB, ${written.result.movements.length} movement(s), ${written.result.samples} samples per option\n`);
        process.stdout.write(written.file + '\n');
      }),
    );
}
