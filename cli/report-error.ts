import { MotorcadeError } from '../engine/errors.js';
import { describeFsError } from '../engine/input-file.js';
import { terminalSafe } from '../engine/quote.js';

/** File-system errors that are the user's input (a path), not a bug: one line, exit 2. */
const FILE_ERRORS = new Set(['ENOENT', 'ELOOP', 'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG']);

/** Print one clear line for an error (its stack only with --debug) and exit with the error's code. */
export function reportErrorAndExit(err: unknown, debug: boolean): never {
  if (err instanceof MotorcadeError) {
    process.stderr.write(`motorcade: ${terminalSafe(err.message)}\n`);
    if (debug && err.stack) process.stderr.write(err.stack + '\n');
    process.exit(err.exitCode);
  }
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && FILE_ERRORS.has(e.code ?? '') && e.path) {
    process.stderr.write(`motorcade: ${terminalSafe(`${e.path}: ${describeFsError(e, e.path)}`)}\n`);
    process.exit(2);
  }
  process.stderr.write(`motorcade: internal error: ${terminalSafe(e?.message ?? String(err))}\n`);
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
