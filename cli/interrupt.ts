/**
 * Ctrl-C for long runs. The first SIGINT aborts the returned signal: the runner stops handing out chunks,
 * lets the running ones finish, summarises the samples done and writes the output marked partial. During
 * the preparation of the run (before any sample) it stops the preparation instead, and the command exits
 * with code 130 writing nothing: there is no result yet, not even a partial one. A second SIGINT exits at
 * once (code 130, the shell's convention for "killed by SIGINT"), at every stage: none blocks the event
 * loop for more than a few tens of ms.
 */
export interface InterruptGuard {
  readonly signal: AbortSignal;
  /**
   * The run is over: Ctrl-C gets its default behaviour back. Unless it was interrupted: then the process is
   * on its way out (writing the partial outputs, or saying why there are none), and the handler stays, so
   * that a second Ctrl-C in that last moment still exits with 130 at once rather than dying of the signal.
   */
  dispose(): void;
}

export const FIRST_INTERRUPT_WHILE_SAMPLING = 'interrupted: finishing the running chunks and writing a partial result (Ctrl-C again to quit at once)';
export const FIRST_INTERRUPT_WHILE_PREPARING = 'interrupted: stopping the preparation; nothing has been simulated, so nothing will be written (Ctrl-C again to quit at once)';

export interface InterruptOptions {
  stream?: NodeJS.WritableStream;
  onFirst?: () => void;
  /** The line the first Ctrl-C prints, by the stage the command is in (default: the sampling one). */
  firstMessage?: () => string;
}

export function interruptOnSigint(opts: InterruptOptions = {}): InterruptGuard {
  const controller = new AbortController();
  const stream = opts.stream ?? process.stderr;
  const handler = (): void => {
    if (controller.signal.aborted) {
      stream.write('\nmotorcade: interrupted again, exiting now\n');
      process.exit(130);
    }
    opts.onFirst?.();
    stream.write(`\nmotorcade: ${opts.firstMessage?.() ?? FIRST_INTERRUPT_WHILE_SAMPLING}\n`);
    controller.abort();
  };
  process.on('SIGINT', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      if (!controller.signal.aborted) process.off('SIGINT', handler);
    },
  };
}
