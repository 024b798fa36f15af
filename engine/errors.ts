/**
 * Typed errors. Each carries a stable `name` (matched in tests, as graphology does) and the exit code the
 * CLI uses. Messages name the bad value and where it came from; the CLI prints only the message unless
 * `--debug` is given.
 */
export class MotorcadeError extends Error {
  override name = 'MotorcadeError';
  /** Process exit code the CLI uses for this error. */
  exitCode = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The user's input (a file, a flag, a scenario) is wrong. Exit code 2. */
export class InputError extends MotorcadeError {
  override name = 'InputError';
  override exitCode = 2;
}

/** A data file could not be read or parsed. */
export class DataFileError extends InputError {
  override name = 'DataFileError';
  constructor(
    readonly file: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${detail}`, options);
  }
}

/** A graph buffer or cache file is foreign, corrupt or from another format version. */
export class GraphFormatError extends MotorcadeError {
  override name = 'GraphFormatError';
}

/** The graph left after filtering and repair has nothing to route on. */
export class EmptyGraphError extends InputError {
  override name = 'EmptyGraphError';
}
