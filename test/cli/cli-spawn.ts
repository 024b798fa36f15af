import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The CLI as users run it: the compiled dist/ (built by `npm test` before vitest). */
export const ROOT = path.join(import.meta.dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const cliBuilt = fs.existsSync(CLI);

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** Run `motorcade ARGS…` in `cwd` (default the package root), bounded in time. */
export function cli(args: string[], opts: { cwd?: string; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', timeout: 180_000, ...(opts.input !== undefined ? { input: opts.input } : {}) });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A stack trace line as Node prints it. */
export const STACK_LINE = /^\s+at .*(\.js|\.ts):\d+/m;
