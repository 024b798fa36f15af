import { createRequire } from 'node:module';
import type { ScheduleProgress } from '../engine/run/pool/chunk-scheduler.js';
import { describeStep } from '../engine/sim/prepare-interruptibly.js';
import type { PrepareStep } from '../engine/sim/prepared-run.js';
import type { RunStage } from '../engine/run/run.js';

/**
 * The progress bar of `motorcade run` (cli-progress): samples done, rate and ETA, on stderr, and only when
 * stderr is a terminal and the output is not --json, so that pipes, logs and programs never see it.
 */
interface Bar {
  start(total: number, value: number, payload?: Record<string, unknown>): void;
  update(value: number, payload?: Record<string, unknown>): void;
  stop(): void;
}
type BarCtor = new (opts: Record<string, unknown>, preset: unknown) => Bar;
// cli-progress ships no type declarations; this is the slice of its API used here.
const cliProgress = createRequire(import.meta.url)('cli-progress') as { SingleBar: BarCtor; Presets: { shades_classic: unknown } };

export interface ProgressReporter {
  onProgress(p: ScheduleProgress): void;
  /** The main thread's preparation (before the first sample): a large day takes seconds. */
  onPrepare(step: PrepareStep): void;
  /** The run enters a stage (lines mode says so: a script or test can tell the analysis has begun). */
  onStage(stage: RunStage): void;
  /** Leave the bar with its last value (also on Ctrl-C). Safe to call twice. */
  stop(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** --json: the run's output is for a program; no bar even on a terminal. */
  json?: boolean;
}

/**
 * A bar when the stream is a TTY and not --json, otherwise a reporter that does nothing. With
 * MOTORCADE_PROGRESS=lines (logs, CI, tests that need to know a run has started) progress is written
 * as plain lines instead, at most one a second, whatever the stream.
 */
export function createProgressReporter(opts: ProgressOptions = {}): ProgressReporter {
  const stream = opts.stream ?? process.stderr;
  if (process.env['MOTORCADE_PROGRESS'] === 'lines') return lineReporter(stream);
  if (opts.json || !stream.isTTY) return { onProgress: () => {}, onPrepare: () => {}, onStage: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'samples {bar} {value}/{total} | {rate} samples/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true, // the bar goes away when the run ends: the result table follows on a clean line
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  // One line, once, when a preparation has gone on for more than a second (a short one says nothing).
  let prepareSeenMs: number | undefined;
  let prepareSaid = false;
  return {
    onPrepare(step) {
      const now = performance.now();
      prepareSeenMs ??= now;
      if (stopped || prepareSaid || now - prepareSeenMs < 1000) return;
      prepareSaid = true;
      stream.write(`preparing the run: ${describeStep(step)}…\n`);
    },
    onStage: () => {},
    onProgress(p) {
      if (stopped) return;
      const rate = p.elapsedMs > 0 ? ((p.samplesDone * 1000) / p.elapsedMs).toFixed(1) : '0';
      if (!started) {
        bar.start(p.samplesTotal, p.samplesDone, { rate });
        started = true;
      } else bar.update(p.samplesDone, { rate });
    },
    stop() {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}

function lineReporter(stream: NodeJS.WritableStream): ProgressReporter {
  let lastMs = -Infinity;
  let lastPrepareMs = -Infinity;
  let stopped = false;
  return {
    onPrepare(step) {
      const now = performance.now();
      if (stopped || now - lastPrepareMs < 1000) return;
      lastPrepareMs = now;
      stream.write(`preparing: ${describeStep(step)}\n`);
    },
    onStage(stage) {
      if (!stopped) stream.write(`stage: ${stage}\n`);
    },
    onProgress(p) {
      if (stopped || (p.elapsedMs - lastMs < 1000 && p.samplesDone < p.samplesTotal)) return;
      lastMs = p.elapsedMs;
      const rate = p.elapsedMs > 0 ? (p.samplesDone * 1000) / p.elapsedMs : 0;
      stream.write(`progress: ${p.samplesDone}/${p.samplesTotal} samples, ${rate.toFixed(1)} samples/s\n`);
    },
    stop() {
      stopped = true;
    },
  };
}
