import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../engine/paths.js';
import { HOSTILE_CASES as CASES, workspace, type Workspace } from '../support/audit-cases.js';

/**
 * The hostile-input corpus for the command line: files that are not files (FIFO, /dev/zero, directories,
 * symlink loops), files in the wrong encoding, oversized, deeply nested or gzip-bombed inputs, terminal
 * escapes in values, a scenario whose graph: points at a secret, lenient numbers and flags, outputs under
 * /proc. Each is built in a temporary folder and run through the compiled CLI (dist/); each must end in
 * exit code 2 with the expected message, within the time-out (a hang fails), without a stack trace, a raw
 * control character or more than a few lines of stderr. The table at the end counts the outcomes. The
 * cases are listed in test/support/audit-cases.ts (bench/audit-inputs runs them too).
 */
const MAIN = path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
let dir: string;
let ws: Workspace;

const outcomes: { name: string; outcome: 'refused cleanly' | 'crashed' | 'hung' | 'wrong message' }[] = [];

beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` first (npm test does)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-hostile-'));
  ws = workspace(dir);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  const count = (o: string): number => outcomes.filter((x) => x.outcome === o).length;
  process.stdout.write(`hostile CLI inputs: ${outcomes.length} tried, ${count('refused cleanly')} refused cleanly, ${count('crashed')} crashed, ${count('hung')} hung, ${count('wrong message')} wrong message\n`);
});

describe('hostile and broken command-line inputs: exit 2, one clear message, no hang', () => {
  it('covers at least 35 inputs', () => expect(CASES.length).toBeGreaterThanOrEqual(35));

  for (const c of CASES) {
    it(c.name, () => {
      const args = c.setup(ws);
      const cache = path.join(dir, 'cache');
      const r = spawnSync(process.execPath, [MAIN, ...args], {
        encoding: 'utf8',
        cwd: dir,
        timeout: 60_000,
        input: c.input ?? '',
        env: { ...process.env, MOTORCADE_CACHE: cache, ...(c.env ?? {}) },
      });
      const hung = r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
      const crashed = !hung && (r.status !== 2 || /internal error|\n\s+at |FATAL ERROR|Maximum call stack/.test(r.stderr));
      outcomes.push({ name: c.name, outcome: hung ? 'hung' : crashed ? 'crashed' : c.expect.test(r.stderr) ? 'refused cleanly' : 'wrong message' });
      expect(hung, `${c.name}: timed out`).toBe(false);
      expect(r.status, r.stderr.slice(0, 2000)).toBe(2);
      if (process.env["SHOW_STDERR"]) process.stdout.write(`--- ${c.name}\n${r.stderr.slice(0, 600)}\n`);
      expect(r.stderr).toMatch(c.expect);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at |FATAL ERROR|Maximum call stack/);
      expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      expect(r.stderr.length).toBeLessThan(100_000);
      for (const line of r.stderr.split('\n')) expect(line.length).toBeLessThan(600);
      if (c.never) expect(r.stderr).not.toMatch(c.never);
    });
  }
});
