/**
 * Ctrl-C for long runs. The first SIGINT aborts the returned signal: the runner stops handing out chunks,
 * lets the running ones finish, summarises the samples done and writes the output marked partial. A
 * second SIGINT exits at once (code 130, the shell's convention for "killed by SIGINT").
 */
export interface InterruptGuard {
  readonly signal: AbortSignal;
  /** Remove the handler (the run is over): Ctrl-C gets its default behaviour back. */
  dispose(): void;
}

export function interruptOnSigint(opts: { stream?: NodeJS.WritableStream; onFirst?: () => void } = {}): InterruptGuard {
  const controller = new AbortController();
  const stream = opts.stream ?? process.stderr;
  const handler = (): void => {
    if (controller.signal.aborted) {
      stream.write('\nmotorcade: interrupted again, exiting now\n');
      process.exit(130);
    }
    opts.onFirst?.();
    stream.write('\nmotorcade: interrupted: finishing the running chunks and writing a partial result (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler);
    },
  };
}
