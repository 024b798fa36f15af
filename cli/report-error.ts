import { MotorcadeError } from '../engine/errors.js';

/** Print one clear line for an error (its stack only with --debug) and exit with the error's code. */
export function reportErrorAndExit(err: unknown, debug: boolean): never {
  if (err instanceof MotorcadeError) {
    process.stderr.write(`motorcade: ${err.message}\n`);
    if (debug && err.stack) process.stderr.write(err.stack + '\n');
    process.exit(err.exitCode);
  }
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && e.code === 'ENOENT' && e.path) {
    process.stderr.write(`motorcade: file not found: ${e.path}\n`);
    process.exit(2);
  }
  process.stderr.write(`motorcade: internal error: ${e?.message ?? String(err)}\n`);
  if (debug && e?.stack) process.stderr.write(e.stack + '\n');
  else process.stderr.write('(run again with --debug for the stack trace)\n');
  process.exit(1);
}

/** Wrap a command action so that errors go through reportErrorAndExit. */
export function runAction<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      reportErrorAndExit(err, process.argv.includes('--debug'));
    }
  };
}
