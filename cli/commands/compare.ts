import type { Command } from 'commander';
import { InputError } from '../../engine/errors.js';
import { suggest } from '../../engine/import/gazetteer.js';
import { runAction } from '../report-error.js';
import { parseSeedFlag } from '../seed-flag.js';
import { compareReport } from '../compare-output.js';
import { loadRunInputs } from '../scenario-inputs.js';
import { executeRun, parseSamplesFlag } from './run.js';

/** Run a scenario and print its options side by side (shared by `compare` and `start`). */
export async function compareScenario(file: string, opts: { movement?: string; samples?: string; seed?: string; json?: boolean }): Promise<string> {
  const samples = parseSamplesFlag(opts.samples);
  const seed = parseSeedFlag(opts.seed);
  const { graph, scenario } = await loadRunInputs(file);
  if (opts.movement && !scenario.movements.some((m) => m.id === opts.movement)) {
    const ids = scenario.movements.map((m) => m.id);
    const hint = suggest(opts.movement, ids);
    throw new InputError(`--movement '${opts.movement}' is not a movement of ${file}${hint ? ` (did you mean '${hint}'?)` : ''}; movements: ${ids.join(', ')}`);
  }
  const { result } = await executeRun(graph, scenario, { samples, seed });
  if (opts.json) {
    // The run result (as `run --json` prints it), narrowed to the movement asked for.
    const movements = opts.movement ? result.movements.filter((m) => m.id === opts.movement) : result.movements;
    return JSON.stringify({ ...result, movements }, null, 2);
  }
  return compareReport(result, opts.movement);
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('compare the route options of each movement side by side, with the differences that matter and a verdict')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--movement <id>', 'only this movement')
    .option('--samples <n>', 'samples per movement × option (default: the scenario monte_carlo.samples)')
    .option('--seed <s>', 'random seed (default: the scenario monte_carlo.seed)')
    .option('--json', 'print the compared results as JSON (the run result, as `run --json`, for the movements shown)')
    .action(
      runAction(async (file: string, opts: { movement?: string; samples?: string; seed?: string; json?: boolean }) => {
        process.stdout.write((await compareScenario(file, opts)) + '\n');
      }),
    );
}
