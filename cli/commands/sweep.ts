import type { Command } from 'commander';
import { InputError } from '../../engine/errors.js';
import { loadSweep, type LoadedSweep } from '../../engine/run/sweep/load-sweep.js';
import { runSweepOnPool } from '../../engine/run/sweep/sweep-on-pool.js';
import { defaultWorkers } from '../../engine/run/default-workers.js';
import type { SweepResult } from '../../engine/run/sweep/sweep-result.js';
import { runAction } from '../report-error.js';
import { loadRunInputs, scenarioInputs } from '../scenario-inputs.js';
import { checkOutputPaths, type OutputPath } from '../output-paths.js';
import { writeFileAtomic } from '../../engine/atomic-write.js';
import { checkCsvFolder } from '../csv-set.js';
import { SWEEP_CSV_FILES, sweepTable, writeSweepCsv } from '../sweep-output.js';
import { parseSamplesFlag } from './run.js';
import { parseWorkers } from '../run-flags.js';

interface SweepCommandOptions {
  json?: boolean;
  csv?: string;
  samples?: string;
  seed?: string;
  queue?: string;
  workers?: string;
  report?: string;
}

/** `motorcade sweep SWEEP.yaml`: every variant × plan of a sweep file, ranked with paired intervals. */
export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('run a sweep file: vary departure, escort, traffic, threats, closures and responder posts over a base scenario, and rank its plans with paired confidence intervals')
    .argument('<sweep>', 'sweep file (.yaml), see docs/sweeps.md')
    .option('--json', 'print the sweep result as JSON (byte-identical for the same seed)')
    .option('--csv <dir>', `write ${SWEEP_CSV_FILES.join(', ')} into DIR`)
    .option('--samples <n>', 'samples per variant and option (default: the sweep file, else the scenario)')
    .option('--seed <s>', 'seed of every sample stream (default: the sweep file, else the scenario)')
    .option('--report <file>', 'also write the sweep page (.html, offline): ranking, intervals, Pareto chart, where each plan breaks')
    .option('--workers <n>', `up to N worker threads on this machine (default: the available cores, ${defaultWorkers()} here; 0 = main thread only; short sweeps start none); the output does not depend on it`)
    .option('--queue <redis-url>', 'enqueue the shards on Redis (BullMQ) for `motorcade worker` processes, then aggregate: redis://HOST:PORT')
    .action(
      runAction(async (file: string, opts: SweepCommandOptions) => {
        const samples = parseSamplesFlag(opts.samples);
        const workers = opts.workers === undefined ? undefined : parseWorkers(opts.workers);
        if (workers !== undefined && opts.queue !== undefined) throw new InputError('--workers sizes the pool of a sweep on this machine; with --queue the `motorcade worker` processes run the shards: give one of them');
        const loaded = await loadSweep(file, loadRunInputs);
        if (samples !== undefined) loaded.spec.samples = samples;
        if (opts.seed !== undefined) loaded.spec.seed = opts.seed;
        const outputs: OutputPath[] = [];
        if (opts.csv !== undefined) outputs.push({ flag: '--csv', path: opts.csv, kind: 'folder' });
        if (opts.report !== undefined) outputs.push({ flag: '--report', path: opts.report, kind: 'file' });
        checkOutputPaths(outputs, [{ what: 'the sweep file', path: file }, ...scenarioInputs(loaded.spec.scenarioFile, loaded.scenario)]);
        if (opts.csv !== undefined) checkCsvFolder(opts.csv, SWEEP_CSV_FILES, []);
        const result = opts.queue !== undefined ? await runQueued(loaded, opts.queue) : await runSweepOnPool(loaded, workers ?? defaultWorkers());
        if (opts.csv !== undefined) writeSweepCsv(opts.csv, result);
        if (opts.report !== undefined) {
          const { renderSweepPage } = await import('../../viz/sweep/render-sweep-page.js');
          writeFileAtomic(opts.report, renderSweepPage(result));
        }
        process.stdout.write(opts.json ? JSON.stringify(result, null, 2) + '\n' : sweepTable(result));
      }),
    );
}

async function runQueued(loaded: LoadedSweep, url: string): Promise<SweepResult> {
  const { runSweepOnQueue } = await import('../../engine/run/queue/sweep-queue.js');
  const { parseRedisUrl } = await import('../../engine/run/queue/redis-url.js');
  const connection = parseRedisUrl(url);
  if (!connection) throw new InputError(`--queue must be redis://HOST:PORT, got "${url}"`);
  return runSweepOnQueue(loaded, connection, { onProgress: (done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\rshards ${done}/${total}${done === total ? '\n' : ''}`);
    } });
}
