import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { MotorcadeError } from '../errors.js';
import type { RoadGraph } from '../graph/road-graph.js';
import type { RunPlan } from '../model/run-plan.js';
import { PreparedRun, type PrepareOptions, type PrepareStep } from './prepared-run.js';

/**
 * Work between two turns of the event loop, ms. A step is one movement's searches or one nominal run
 * (about 1–5 ms on Phnom Penh), so a slice ends within a few ms of this bound; a turn costs a few µs,
 * so the preparation is not measurably slower, and Ctrl-C (or a closed request) is heard within ~20 ms.
 */
export const PREPARE_SLICE_MS = 20;

/**
 * The preparation was stopped (Ctrl-C, a closed request, a deadline) before it was complete. Nothing was
 * simulated, so there is no result, not even a partial one. Exit code 130, as for SIGINT.
 */
export class PreparationInterrupted extends MotorcadeError {
  override name = 'PreparationInterrupted';
  override exitCode = 130;
  constructor(
    /** The last step done (undefined: stopped before the first). */
    readonly step: PrepareStep | undefined,
    options?: { cause?: unknown },
  ) {
    super(`interrupted while preparing the run (${describeStep(step)}); nothing was simulated, so there is no result to write`, options);
  }
}

/** "routes searched for 812 of 10000 movements" */
export function describeStep(step: PrepareStep | undefined): string {
  if (!step) return 'before its first movement';
  switch (step.stage) {
    case 'routes':
      return `routes searched for ${step.done} of ${step.total} movements`;
    case 'safest':
      return `routes searched for every movement, safest options checked for ${step.done} of ${step.total}`;
    case 'triggers':
      return `routes searched and checked, trigger times set for ${step.done} of ${step.total} injects`;
  }
}

export interface InterruptiblePrepareOptions {
  /** Aborted: the preparation stops at the next turn of the event loop with PreparationInterrupted. */
  signal?: AbortSignal | undefined;
  /** The step reached, at most once per slice (PREPARE_SLICE_MS). */
  onProgress?: ((step: PrepareStep) => void) | undefined;
}

/**
 * A PreparedRun built on the main thread without blocking it for long: movement by movement
 * (PreparedRun.prepare), yielding to the event loop every PREPARE_SLICE_MS, so that signal handlers (a
 * second Ctrl-C exits at once), progress output and other requests of a server get their turn. The result
 * is the one `new PreparedRun(graph, plan, opts)` gives; an abort throws PreparationInterrupted instead,
 * and the half-built run is dropped, never returned.
 */
export async function prepareInterruptibly(graph: RoadGraph, plan: RunPlan, opts: PrepareOptions, run: InterruptiblePrepareOptions = {}): Promise<PreparedRun> {
  let last: PrepareStep | undefined;
  const heed = (): void => {
    if (run.signal?.aborted) throw new PreparationInterrupted(last, { cause: run.signal.reason });
  };
  heed();
  let sliceStart = performance.now();
  return PreparedRun.prepare(graph, plan, opts, async (step) => {
    last = step;
    if (performance.now() - sliceStart < PREPARE_SLICE_MS) return;
    run.onProgress?.(step);
    await yieldToEventLoop();
    heed();
    sliceStart = performance.now();
  });
}
