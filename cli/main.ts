#!/usr/bin/env node
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { OSM_ATTRIBUTION } from '../engine/graph/attribution.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { COMMANDS } from './commands.js';
import { reportErrorAndExit } from './report-error.js';

/**
 * The `motorcade` command line. Each command lives in cli/commands/<name>.ts and is imported only when
 * it runs (cli/commands.ts); `--help` lists the commands from their summaries without loading any.
 * Every action goes through runAction (report-error.ts) so that bad input ends in one clear line and a
 * non-zero exit, never a stack trace (unless --debug).
 */
// `motorcade … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

function version(): string {
  return (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function baseProgram(): Command {
  return new Command()
    .name('motorcade')
    .description(`Motorcade route planning and simulation: road graph, routes, scenarios, exposure and response scoring.\nRoad data ${OSM_ATTRIBUTION}.`)
    .version(version(), '-V, --version', 'print the version')
    .option('--debug', 'show stack traces on errors')
    .showHelpAfterError()
    .exitOverride((err) => {
      // commander's own usage errors (unknown option, missing argument): exit code 2.
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
}

async function main(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  const name = args.find((a) => !a.startsWith('-'));
  const program = baseProgram();
  const wanted = name === 'help' ? args[args.indexOf('help') + 1] : name;
  const entry = COMMANDS.find((c) => c.name === wanted);
  if (entry) {
    (await entry.load())(program);
    await program.parseAsync(argv);
    return;
  }
  if (wanted !== undefined) {
    const { suggest } = await import('../engine/import/gazetteer.js');
    const hint = suggest(wanted, COMMANDS.map((c) => c.name));
    process.stderr.write(`motorcade: unknown command '${wanted}'${hint ? ` (did you mean '${hint}'?)` : ''}; run motorcade --help for the list\n`);
    process.exit(2);
  }
  // No command: --version, --help, or nothing at all (help on stdout, exit 0).
  for (const c of COMMANDS) program.command(c.name).description(c.summary);
  if (args.every((a) => a === '--debug')) {
    process.stdout.write(program.helpInformation());
    return;
  }
  await program.parseAsync(argv);
}

main(process.argv).catch((err: unknown) => reportErrorAndExit(err, process.argv.includes('--debug')));
