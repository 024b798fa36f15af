import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../../engine/atomic-write.js';
import { InputError } from '../../engine/errors.js';
import { JOURNAL_VERSION, JournalError, JournalWriter, readJournal, type JournalHeader } from '../../engine/exercise/journal.js';
import { ExerciseInputError, ExerciseSession } from '../../engine/exercise/session.js';
import { phnomPenhDataDir } from '../../engine/paths.js';
import { planFromScenario } from '../../engine/scenario/scenario-adapter.js';
import { loadWaterLayer } from '../../viz/basemap.js';
import { renderExerciseReview } from '../../viz/exercise-review.js';
import { ExerciseClock } from '../exercise/clock.js';
import { buildConsoleServer, newToken } from '../exercise/console-server.js';
import { runAction } from '../report-error.js';
import { loadRunInputs } from '../scenario-inputs.js';

interface ExerciseOptions {
  port: string;
  host: string;
  speed: string;
  journal?: string;
  replay?: string;
  review?: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function registerExercise(program: Command): void {
  program
    .command('exercise')
    .description('run a live tabletop exercise: a local web console with the clock, injects and players\' decisions, journaled as it happens')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--port <n>', 'port on 127.0.0.1 (0 = a free port)', '0')
    .option('--host <address>', 'address to listen on (anything but loopback exposes the exercise to the network)', '127.0.0.1')
    .option('--speed <x>', 'initial clock speed, 1 to 120 (exercise seconds per second)', '1')
    .option('--journal <file>', 'journal file: resumed when it exists, created otherwise (default: a new file in this folder)')
    .option('--replay <file>', 'replay a journal without a server: print the final state as JSON')
    .option('--review <file>', 'with --replay: also write the after-action review (HTML)')
    .action(runAction(async (file: string, opts: ExerciseOptions) => {
      const port = parseIntFlag('--port', opts.port, 0, 65_535);
      const speed = parseIntFlag('--speed', opts.speed, 1, 120);
      if (opts.review && !opts.replay) throw new InputError('--review goes with --replay (the live console offers the review as a download)');
      const { graph, scenario } = await loadRunInputs(file);
      const plan = planFromScenario(scenario, graph);
      const digest = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      const t0S = scenario.startS ?? Math.max(0, Math.min(...plan.movements.map((m) => m.departureS)) - 600);
      const session = new ExerciseSession(graph, plan, t0S);
      const header: JournalHeader = { type: 'start', v: JOURNAL_VERSION, scenario: file, scenarioDigest: digest, t0S, seed: plan.seed };

      if (opts.replay) {
        replayInto(session, opts.replay, digest);
        process.stdout.write(JSON.stringify(session.state(session.lastAtS), null, 2) + '\n');
        if (opts.review) writeFileAtomic(opts.review, renderExerciseReview(session, scenario.name, session.lastAtS));
        return;
      }

      const journalFile = opts.journal ?? path.resolve(`exercise-${plan.id}-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}.jsonl`);
      let writer: JournalWriter;
      if (fs.existsSync(journalFile)) {
        const validBytes = replayInto(session, journalFile, digest);
        writer = new JournalWriter(journalFile, undefined, validBytes);
        process.stderr.write(`motorcade: resumed ${session.journal().length} journal entries from ${journalFile}\n`);
      } else writer = new JournalWriter(journalFile, header);
      const clock = new ExerciseClock(session.lastAtS, speed);
      if (!LOOPBACK.has(opts.host)) process.stderr.write(`motorcade: warning: listening on ${opts.host}, not loopback: anyone who can reach this address and has the token can watch and change the exercise\n`);
      const token = newToken();
      const app = await buildConsoleServer({ session, clock, journal: writer, token, scenarioName: scenario.name, water: readWater(), log: (l) => process.stderr.write(`exercise: ${l}\n`) });
      await app.listen({ host: opts.host, port });
      const addr = app.server.address();
      const actualPort = typeof addr === 'object' && addr ? addr.port : port;
      const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      process.stdout.write(`http://${shownHost}:${actualPort}/?token=${token}\n`);
      process.stderr.write(`motorcade: exercise console for "${scenario.name}"; journal ${journalFile}; Ctrl-C ends the session (the journal resumes it)\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void app.close().then(() => {
            writer.close();
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    }));
}

/** Apply a journal's entries to a fresh session; returns the bytes that are whole lines (a torn last line is dropped). */
function replayInto(session: ExerciseSession, file: string, digest: string): number {
  let read: ReturnType<typeof readJournal>;
  try {
    read = readJournal(file);
  } catch (err) {
    if (err instanceof JournalError) throw new InputError(err.message);
    throw err;
  }
  if (read.header.scenarioDigest !== digest) throw new InputError(`${file}: the journal was made with another version of the scenario (${read.header.scenario}); replay it with that file`);
  if (read.header.t0S !== session.t0S) throw new InputError(`${file}: the journal starts at ${read.header.t0S} s, the scenario at ${session.t0S} s`);
  if (read.torn > 0) process.stderr.write(`motorcade: ${file}: the last line was cut short (a crash while writing); it is dropped\n`);
  for (const e of read.entries) {
    try {
      session.apply(e);
    } catch (err) {
      if (err instanceof ExerciseInputError) throw new InputError(`${file}: entry ${e.seq}: ${err.message}`);
      throw err;
    }
  }
  return read.validBytes;
}

function parseIntFlag(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new InputError(`${flag} must be a whole number from ${min} to ${max}, got "${value.slice(0, 40)}"`);
  return n;
}

function readWater() {
  try {
    return loadWaterLayer(phnomPenhDataDir());
  } catch {
    return [];
  }
}
