import path from 'node:path';
import type { Command } from 'commander';
import { PACKAGE_ROOT } from '../../engine/paths.js';
import { runAction } from '../report-error.js';
import { compareScenario } from './compare.js';

/** The bundled arrival scenario that `npm start` compares. */
export const START_SCENARIO = path.join(PACKAGE_ROOT, 'scenarios', 'asean-2022-arrivals.yaml');

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('compare the route options of the bundled ASEAN 2022 arrival scenario (what `npm start` runs)')
    .option('--samples <n>', 'samples per movement × option (default: the scenario monte_carlo.samples)')
    .option('--json', 'print the results as JSON (as `compare --json`)')
    .action(
      runAction(async (opts: { samples?: string; json?: boolean }) => {
        if (!opts.json) process.stdout.write(`motorcade — ${path.relative(process.cwd(), START_SCENARIO) || START_SCENARIO}\n`);
        process.stdout.write((await compareScenario(START_SCENARIO, { ...(opts.samples ? { samples: opts.samples } : {}), ...(opts.json ? { json: true } : {}) })) + '\n');
      }),
    );
}
