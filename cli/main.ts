#!/usr/bin/env node
import { Command } from 'commander';
import { reportErrorAndExit } from './report-error.js';
import { OSM_ATTRIBUTION } from '../engine/graph/attribution.js';
import { registerGraph } from './commands/graph.js';
import { registerRoute } from './commands/route.js';
import { registerValidate } from './commands/validate.js';
import { registerRun } from './commands/run.js';
import { registerCompare } from './commands/compare.js';
import { registerReport } from './commands/report.js';
import { registerStart } from './commands/start.js';
import { registerSweep } from './commands/sweep.js';
import { registerWorker } from './commands/worker.js';

/**
 * The `motorcade` command line. Each command lives in cli/commands/<name>.ts and registers itself here;
 * every action goes through runAction (report-error.ts) so that bad input ends in one clear line and a
 * non-zero exit, never a stack trace (unless --debug).
 */
// `motorcade … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

const program = new Command();
program
  .name('motorcade')
  .description(`Motorcade route planning and simulation: road graph, routes, scenarios, exposure and response scoring.\nRoad data ${OSM_ATTRIBUTION}.`)
  .option('--debug', 'show stack traces on errors')
  .showHelpAfterError()
  .exitOverride((err) => {
    // commander's own usage errors (unknown option, missing argument): exit code 2.
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

registerGraph(program);
registerRoute(program);
registerValidate(program);
registerRun(program);
registerCompare(program);
registerReport(program);
registerStart(program);
registerSweep(program);
registerWorker(program);

program.parseAsync(process.argv).catch((err: unknown) => reportErrorAndExit(err, process.argv.includes('--debug')));
