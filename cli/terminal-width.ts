/**
 * The width terminal tables are fitted to, in character cells, or undefined for "print them whole".
 *
 * - `COLUMNS=N` (a positive integer in the environment) fits to N, also when the output is piped: the
 *   convention of ls, git and Python's shutil, and the way to get a fitted table into a file or a test.
 * - Otherwise a TTY's own width (`stream.columns`, which Node keeps current on resize).
 * - Otherwise (a pipe or a file, with no COLUMNS) undefined: every column, so scripts that read the
 *   table see the same columns on any terminal.
 */
export function tableWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const fromEnv = env['COLUMNS']?.trim();
  if (fromEnv && /^[1-9][0-9]{0,5}$/.test(fromEnv)) return Number(fromEnv);
  if (stream.isTTY && typeof stream.columns === 'number' && stream.columns > 0) return stream.columns;
  return undefined;
}
